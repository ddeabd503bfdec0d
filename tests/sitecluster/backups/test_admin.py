"""备份与维护日志 in the admin: the office starts a backup and sees it logged; others cannot."""

from __future__ import annotations

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from sitecluster.backups import tasks
from sitecluster.backups.factories import MaintenanceLogEntryFactory
from sitecluster.backups.models import MaintenanceLogEntry, Outcome
from tests.cluster import PORTAL_HOST, build_two_site_cluster


@pytest.fixture
def client(client):
    """The admin is served on the portal's hostname (unknown hosts get the cluster's 404)."""
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    return client


@pytest.fixture
def portal(db):
    return build_two_site_cluster(articles_per_column=0)


@pytest.mark.django_db
def test_office_starts_a_backup_and_sees_it_in_the_log(
    client, backup_settings, portal, monkeypatch
):
    """The button queues ``backup_now`` (run at once by the tests' immediate backend); the
    backup itself is proven by test_roundtrip, which needs a transactional database."""
    started = []

    def fake_backup(actor="", progress=None):
        started.append(actor)
        return MaintenanceLogEntryFactory(actor=actor, archive="sitecluster-20261122-020000.tar.gz")

    monkeypatch.setattr(tasks, "create_backup", fake_backup)
    office = get_user_model().objects.create_superuser("office", "office@example.org", "x")
    client.force_login(office)
    assert client.get(reverse("backups_start")).status_code == 405  # never on a GET
    response = client.post(reverse("backups_start"), follow=True)
    assert "备份已开始" in response.content.decode()
    assert started == ["office"]
    html = client.get(reverse("backups_index")).content.decode()
    assert "sitecluster-20261122-020000.tar.gz" in html and "成功" in html and "office" in html


@pytest.mark.django_db
def test_a_second_backup_is_not_started_while_one_runs(client, backup_settings, portal):
    MaintenanceLogEntryFactory(outcome=Outcome.RUNNING, progress="打包文件 200/900")
    office = get_user_model().objects.create_superuser("office", "office@example.org", "x")
    client.force_login(office)
    html = client.get(reverse("backups_index")).content.decode()
    assert "打包文件 200/900" in html
    response = client.post(reverse("backups_start"), follow=True)
    assert "已有备份正在进行" in response.content.decode()
    assert MaintenanceLogEntry.objects.count() == 1


@pytest.mark.django_db
def test_log_lists_failures_and_refusals(client, backup_settings, portal):
    office = get_user_model().objects.create_superuser("office", "office@example.org", "x")
    MaintenanceLogEntryFactory(outcome=Outcome.FAILED, message="备份失败：磁盘已满")
    MaintenanceLogEntryFactory(
        operation="restore", outcome=Outcome.REFUSED, message="备份无法恢复，未做任何更改"
    )
    client.force_login(office)
    html = client.get(reverse("backups_index")).content.decode()
    assert "磁盘已满" in html and "已拒绝" in html and "还没有备份" in html


@pytest.mark.django_db
def test_only_the_information_office(client, backup_settings, portal):
    user = get_user_model().objects.create_user("editor", "e@example.org", "x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(user)
    home = reverse("wagtailadmin_home")  # Wagtail redirects a PermissionDenied to the dashboard
    assert client.get(reverse("backups_index"))["Location"] == home
    assert client.post(reverse("backups_start"))["Location"] == home
    assert not MaintenanceLogEntry.objects.exists()
