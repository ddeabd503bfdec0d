"""A site admin manages its own site's editors and reviewers, and nobody else."""

from __future__ import annotations

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from sitecluster.tenancy.models import SiteRole
from tests.sitecluster.isolation.world import PASSWORD, make_user

User = get_user_model()


def user_form(username, groups, **extra):
    return {
        "username": username,
        "email": f"{username}@hedong.example",
        "first_name": extra.pop("first_name", "小"),
        "last_name": "王",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [group.pk for group in groups],
        "is_active": "on",
        **extra,
    }


def test_site_admin_creates_an_editor_for_its_own_site(client, world):
    editors = world.group(world.cluster.fgw, SiteRole.EDITOR)
    client.force_login(world.users["fgw-admin"])
    response = client.post(reverse("wagtailusers_users:add"), user_form("fgw-new", [editors]))
    assert response.status_code == 302
    created = User.objects.get(username="fgw-new")
    assert list(created.groups.all()) == [editors]
    assert not created.is_superuser


@pytest.mark.parametrize(
    "forbidden", ["jyj-editor-group", "fgw-admin-group", "office-group", "superuser"]
)
def test_site_admin_cannot_grant_other_groups_or_superuser(client, world, forbidden):
    from django.contrib.auth.models import Group

    editors = world.group(world.cluster.fgw, SiteRole.EDITOR)
    groups = {
        "jyj-editor-group": [editors, world.group(world.cluster.jyj, SiteRole.EDITOR)],
        "fgw-admin-group": [editors, world.group(world.cluster.fgw, SiteRole.ADMIN)],
        "office-group": [editors, Group.objects.get(name="信息中心")],
        "superuser": [editors],
    }[forbidden]
    extra = {"is_superuser": "on"} if forbidden == "superuser" else {}
    client.force_login(world.users["fgw-admin"])
    client.post(reverse("wagtailusers_users:add"), user_form("sneaky", groups, **extra))
    created = User.objects.filter(username="sneaky").first()
    if created is not None:
        assert not created.is_superuser
        assert set(created.groups.all()) <= {editors}


def test_site_admin_sees_only_its_sites_editors_and_reviewers(client, world):
    client.force_login(world.users["fgw-admin"])
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "fgw-editor" in body and "fgw-reviewer" in body
    for other in ("jyj-editor", "hedong-editor", "office", "fgw-admin", "plain"):
        user = world.users[other]
        assert f"/admin/users/edit/{user.pk}/" not in body, other
        assert f"{user.username}@hedong.example" not in body, other


@pytest.mark.parametrize("other", ["jyj-editor", "office", "hedong-admin", "fgw-admin"])
def test_site_admin_cannot_open_or_edit_others(client, world, other):
    target = world.users[other]
    client.force_login(world.users["fgw-admin"])
    assert client.get(reverse("wagtailusers_users:edit", args=[target.pk])).status_code == 404
    client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        user_form(target.username, [], first_name="改名"),
    )
    assert User.objects.get(pk=target.pk).first_name != "改名"


def test_superusers_are_never_managed_by_a_site(client, world):
    boss = User.objects.create_superuser("boss", "boss@hedong.example", PASSWORD)
    boss.groups.add(world.group(world.cluster.fgw, SiteRole.EDITOR))
    client.force_login(world.users["fgw-admin"])
    assert client.get(reverse("wagtailusers_users:edit", args=[boss.pk])).status_code == 404


def test_memberships_the_site_admin_cannot_see_are_kept(client, world):
    """An editor of both fgw and jyj: fgw's admin edits it without touching its jyj role."""
    fgw_editors = world.group(world.cluster.fgw, SiteRole.EDITOR)
    fgw_reviewers = world.group(world.cluster.fgw, SiteRole.REVIEWER)
    jyj_editors = world.group(world.cluster.jyj, SiteRole.EDITOR)
    shared = make_user("shared-editor", [fgw_editors, jyj_editors])
    client.force_login(world.users["fgw-admin"])
    response = client.get(reverse("wagtailusers_users:edit", args=[shared.pk]))
    assert response.status_code == 200
    assert jyj_editors.name not in response.content.decode()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[shared.pk]),
        user_form("shared-editor", [fgw_reviewers], password1="", password2=""),
    )
    assert response.status_code == 302
    assert set(User.objects.get(pk=shared.pk).groups.all()) == {fgw_reviewers, jyj_editors}


@pytest.mark.parametrize("username", ["fgw-editor", "fgw-reviewer", "plain"])
def test_only_site_admins_manage_users(client, world, username):
    client.force_login(world.users[username])
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailusers_users:add")).status_code in (302, 403)


def test_group_management_is_information_office_only(client, world):
    client.force_login(world.users["fgw-admin"])
    assert client.get(reverse("wagtailusers_groups:index")).status_code in (302, 403)
    client.force_login(world.users["office"])
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200
