"""Audit entries for every security event, and who sees them in 安全审计."""

from __future__ import annotations

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission

from sitecluster.accounts import audit
from sitecluster.tenancy.models import SiteRole
from tests.sitecluster.isolation.world import PASSWORD

from .support import entries, login

pytestmark = pytest.mark.django_db
AUDIT_URL = "/admin/security-audit/"


def test_login_and_logout_are_recorded(client, world):
    user = world.users["fgw-reviewer"]
    login(client, "fgw-reviewer", address="192.0.2.10")
    entry = entries(audit.LOGIN, object_id=str(user.pk)).get()
    assert entry.user == user and entry.data["address"] == "192.0.2.10"
    assert entry.data["host"] == "hedong.test"
    client.post("/accounts/logout/", REMOTE_ADDR="192.0.2.10")
    assert entries(audit.LOGOUT, object_id=str(user.pk), user=user).exists()


def test_role_change_in_the_admin_is_recorded_with_who_made_it(client, world):
    editor = world.users["fgw-editor"]
    reviewers = world.group(world.cluster.fgw, SiteRole.REVIEWER)
    editors = world.group(world.cluster.fgw, SiteRole.EDITOR)
    login(client, "fgw-admin")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        {
            "username": editor.username,
            "email": editor.email,
            "first_name": "小",
            "last_name": "王",
            "password1": "",
            "password2": "",
            "groups": [editors.pk, reviewers.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    added = entries(audit.ROLE_ADDED, object_id=str(editor.pk)).latest("timestamp")
    assert added.user == world.users["fgw-admin"]
    assert added.data["groups"] == ["河东区发展和改革委员会 · 审核员"]
    editor.groups.remove(reviewers)
    removed = entries(audit.ROLE_REMOVED, object_id=str(editor.pk)).latest("timestamp")
    assert removed.data["groups"] == ["河东区发展和改革委员会 · 审核员"]


def test_permission_changes_are_recorded(world):
    group = world.group(world.cluster.jyj, SiteRole.EDITOR)
    office = world.users["office"]
    permission = Permission.objects.get(codename="change_clustersettings")
    with LogContext(user=office):
        group.permissions.add(permission)
        grant = GroupPagePermission.objects.create(
            group=group,
            page=world.cluster.jyj.root_page,
            permission=Permission.objects.get(codename="publish_page"),
        )
        grant.delete()
    changes = entries(audit.PERMISSIONS_CHANGED, object_id=str(group.pk), user=office)
    data = [entry.data for entry in changes.order_by("pk")]
    grant_label = f"page {world.cluster.jyj.root_page_id}:publish_page"
    assert any(d.get("added") == ["tenancy.change_clustersettings"] for d in data)
    assert any(d.get("added") == [grant_label] for d in data)
    assert any(d.get("removed") == [grant_label] for d in data)


def test_the_office_sees_every_event_and_filters_them(client, world):
    login(client, "jyj-editor", "wrong", address="192.0.2.20")
    login(client, "fgw-editor", "wrong", address="192.0.2.21")
    login(client, "office")
    page = client.get(AUDIT_URL).content.decode()
    assert "安全审计" in page and "jyj-editor" in page and "fgw-editor" in page
    assert "<svg" in page and "登录失败" in page
    only_jyj = client.get(AUDIT_URL, {"user": "jyj-editor", "action": audit.LOGIN_FAILED})
    html = only_jyj.content.decode()
    assert "192.0.2.20" in html and "192.0.2.21" not in html
    bad_dates = client.get(AUDIT_URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert "开始日期不能晚于结束日期" in bad_dates.content.decode()


def test_a_site_admin_sees_only_its_own_peoples_events(client, world):
    login(client, "jyj-editor", "wrong", address="192.0.2.30")
    login(client, "fgw-editor", "wrong", address="192.0.2.31")
    login(client, "fgw-admin")
    html = client.get(AUDIT_URL).content.decode()
    assert "192.0.2.31" in html and "fgw-editor" in html
    assert "192.0.2.30" not in html and "jyj-editor" not in html


def test_editors_cannot_open_the_audit_log(client, world):
    login(client, "fgw-editor", PASSWORD)
    response = client.get(AUDIT_URL)
    assert response.status_code in (302, 403)
    assert "192.0.2" not in response.content.decode()


def test_the_office_lifts_a_lockout_and_resets_a_second_factor_in_the_admin(client, world):
    from django.utils import timezone

    from sitecluster.accounts.models import LoginThrottle, TOTPDevice

    for attempt in range(5):
        login(client, "jyj-reviewer", "wrong", address=f"192.0.2.{40 + attempt}")
    lock = LoginThrottle.objects.get(kind="account", key="jyj-reviewer")
    TOTPDevice.objects.create(
        user=world.users["jyj-reviewer"], secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now()
    )
    # Site admins cannot.
    login(client, "fgw-admin")
    refused = client.post(reverse("accounts_security_unlock", args=[lock.pk]))
    assert refused.status_code in (302, 403) and refused.get("Location") != AUDIT_URL
    lock.refresh_from_db()
    assert lock.locked_until is not None
    assert "当前锁定" not in client.get(AUDIT_URL).content.decode()
    login(client, "office")
    page = client.get(AUDIT_URL).content.decode()
    assert "当前锁定" in page and "jyj-reviewer" in page
    response = client.post(reverse("accounts_security_unlock", args=[lock.pk]), follow=True)
    assert "已解除账号 jyj-reviewer 的锁定" in response.content.decode()
    response = client.post(
        reverse("accounts_security_reset_totp"), {"username": "jyj-reviewer"}, follow=True
    )
    assert "已重置 jyj-reviewer 的动态验证码" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.users["jyj-reviewer"]).exists()
    reviewer = world.users["jyj-reviewer"]
    assert entries(audit.UNLOCKED, object_id=str(reviewer.pk), user=world.users["office"]).exists()
    assert entries(audit.TOTP_RESET, object_id=str(reviewer.pk)).exists()
    client.post("/accounts/logout/")
    assert login(client, "jyj-reviewer", address="192.0.2.99").status_code == 302


def test_loading_a_fixture_is_not_recorded_as_role_or_permission_changes(world):
    """loaddata and serialized test rollbacks save raw rows and then set many-to-many fields:
    that is data loading, not somebody changing roles or permissions."""
    from django.core import serializers

    editor = world.users["fgw-editor"]
    group = world.group(world.cluster.fgw, SiteRole.EDITOR)
    permission = group.permissions.first()
    dumped = serializers.serialize("json", [editor, group])
    editor.groups.remove(group)
    group.permissions.remove(permission)
    before = entries(audit.ROLE_ADDED).count(), entries(audit.PERMISSIONS_CHANGED).count()
    for loaded in serializers.deserialize("json", dumped):
        loaded.save()
    after = entries(audit.ROLE_ADDED).count(), entries(audit.PERMISSIONS_CHANGED).count()
    assert after == before
    # The rows really were re-saved with their many-to-many data.
    assert group in editor.groups.all()
    assert permission in group.permissions.all()
