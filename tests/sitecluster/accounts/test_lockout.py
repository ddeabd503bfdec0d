"""Failed logins lock the account and the address; a locked login is refused on every path."""

from __future__ import annotations

import datetime as dt

import pytest

from django.test import RequestFactory
from django.utils import timezone

from sitecluster.accounts import audit
from sitecluster.accounts.addresses import client_address
from sitecluster.accounts.models import LoginThrottle
from tests.sitecluster.isolation.world import PASSWORD

from .support import entries, logged_in_user_id, login

pytestmark = pytest.mark.django_db


def test_five_failures_lock_the_account_even_with_the_right_password(client, world):
    user = world.users["fgw-editor"]
    for attempt in range(4):
        response = login(client, "fgw-editor", "wrong", address=f"10.1.0.{attempt}")
        assert response.status_code == 400
        assert "用户名或密码不正确" in response.content.decode()
    response = login(client, "fgw-editor", "wrong", address="10.1.0.9")
    assert "该账号登录失败次数过多，已暂时锁定" in response.content.decode()

    # The right password, from a fresh address, on both password entry points.
    response = login(client, "fgw-editor", PASSWORD, address="10.2.0.1")
    assert response.status_code == 400
    assert "该账号登录失败次数过多，已暂时锁定，请 15 分钟后再试" in response.content.decode()
    assert logged_in_user_id(client) is None
    response = login(client, "fgw-editor", PASSWORD, address="10.2.0.2", path="/admin/login/")
    assert response.status_code == 200  # Wagtail shows the form again
    assert "该账号登录失败次数过多" in response.content.decode()
    assert logged_in_user_id(client) is None

    assert entries(audit.LOGIN_FAILED, object_id=str(user.pk)).count() == 5
    lockout = entries(audit.LOCKOUT, object_id=str(user.pk)).get()
    assert lockout.data["scope"] == "account" and lockout.data["address"] == "10.1.0.9"
    assert entries(audit.LOCKED_ATTEMPT, object_id=str(user.pk)).count() == 2
    assert not entries(audit.LOGIN, object_id=str(user.pk)).exists()


def test_an_unknown_username_is_locked_like_a_real_one(client, world):
    for attempt in range(5):
        login(client, "no-such-user", "wrong", address=f"10.3.0.{attempt}")
    response = login(client, "No-Such-User", "wrong", address="10.3.1.1")
    assert "该账号登录失败次数过多" in response.content.decode()
    failure = entries(audit.LOGIN_FAILED).filter(label="no-such-user").first()
    assert failure is not None and failure.data["username"] == "no-such-user"


def test_an_address_is_locked_after_failures_on_many_accounts(client, world, settings):
    settings.SITECLUSTER_LOGIN_THROTTLE = {"ADDRESS_FAILURES": 3}
    for name in ("a1", "a2", "a3"):
        login(client, f"guess-{name}", "wrong", address="10.4.0.1")
    response = login(client, "fgw-reviewer", PASSWORD, address="10.4.0.1")
    assert "该网络登录失败次数过多" in response.content.decode()
    assert logged_in_user_id(client) is None
    lockout = entries(audit.LOCKOUT).filter(data__scope="address").get()
    assert lockout.data["address"] == "10.4.0.1"
    # Another network is not affected.
    response = login(client, "fgw-reviewer", PASSWORD, address="10.4.0.2")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(world.users["fgw-reviewer"].pk)


def test_the_lockout_ends_and_a_good_login_resets_the_count(client, world):
    for attempt in range(5):
        login(client, "jyj-editor", "wrong", address=f"10.5.0.{attempt}")
    LoginThrottle.objects.filter(key="jyj-editor").update(
        locked_until=timezone.now() - dt.timedelta(seconds=1)
    )
    assert login(client, "jyj-editor", address="10.5.1.1").status_code == 302
    row = LoginThrottle.objects.get(key="jyj-editor")
    assert row.failures == 0 and row.locked_until is None


def test_client_address_trusts_x_forwarded_for_only_behind_configured_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    settings.SITECLUSTER_TRUSTED_PROXIES = 0
    assert client_address(request) == "127.0.0.1"
    settings.SITECLUSTER_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.7"  # what our proxy saw, not the forged one
    settings.SITECLUSTER_TRUSTED_PROXIES = 3
    assert client_address(request) == "127.0.0.1"  # fewer hops than proxies: not trusted


def test_failures_behind_a_proxy_are_counted_per_forwarded_address(client, world, settings):
    settings.SITECLUSTER_TRUSTED_PROXIES = 1
    client.post(
        "/accounts/login/",
        {"username": "fgw-admin", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    failure = entries(audit.LOGIN_FAILED, object_id=str(world.users["fgw-admin"].pk)).get()
    assert failure.data["address"] == "198.51.100.4"
    assert LoginThrottle.objects.filter(kind="address", key="198.51.100.4", failures=1).exists()


def test_the_information_office_unlocks_and_resets_from_the_command_line(client, world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from sitecluster.accounts.models import TOTPDevice

    for attempt in range(5):
        login(client, "fgw-admin", "wrong", address=f"10.6.0.{attempt}")
    out = StringIO()
    call_command("accounts", "locked", stdout=out)
    assert "fgw-admin" in out.getvalue()
    call_command("accounts", "unlock", "FGW-admin", stdout=out)
    assert login(client, "fgw-admin", address="10.6.1.1").status_code == 302
    with pytest.raises(CommandError, match="没有启用动态验证码"):
        call_command("accounts", "reset-totp", "fgw-admin")
    user = world.users["fgw-admin"]
    TOTPDevice.objects.create(user=user, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now())
    call_command("accounts", "reset-totp", "fgw-admin", stdout=out)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert entries(audit.TOTP_RESET, object_id=str(user.pk)).exists()
