"""The login flow: TOTP by role, no way around the second step, safe ``next``, CSRF, the
password policy, security headers and cookie flags."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from sitecluster.accounts import audit
from sitecluster.accounts.models import AccountSecuritySettings, TOTPDevice
from tests.cluster import PORTAL_HOST
from tests.sitecluster.isolation.world import PASSWORD

from .support import SECOND_FACTOR_URL, entries, logged_in_user_id, login

pytestmark = pytest.mark.django_db


def require_totp(**roles):
    conf = AccountSecuritySettings.load()
    for field, value in roles.items():
        setattr(conf, field, value)
    conf.save()


def password_session(client, user) -> None:
    """What a view that called ``login()`` right after the password would leave behind."""
    request = RequestFactory().get("/", HTTP_HOST=PORTAL_HOST)
    request.session = SessionStore()
    auth_login(request, user, backend="sitecluster.accounts.backends.ThrottledModelBackend")
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key


def secret_on_page(response) -> str:
    return re.search(r'class="totp-secret">([A-Z2-7]+)<', response.content.decode()).group(1)


def test_role_that_requires_totp_enrols_then_verifies(client, world):
    require_totp(totp_editor=True)
    user = world.users["fgw-editor"]
    response = login(client, "fgw-editor", next_url="/admin/")
    assert response.status_code == 302 and response["Location"] == SECOND_FACTOR_URL
    assert logged_in_user_id(client) is None

    page = client.get(SECOND_FACTOR_URL)
    html = page.content.decode()
    assert "启用动态验证码" in html and "<svg" in html and "完成验证前您尚未登录" in html
    totp = pyotp.TOTP(secret_on_page(page))
    wrong = client.post(SECOND_FACTOR_URL, {"code": "000000" if totp.now() != "000000" else "1"})
    assert wrong.status_code == 400 and "动态验证码不正确" in wrong.content.decode()
    assert logged_in_user_id(client) is None

    done = client.post(SECOND_FACTOR_URL, {"code": totp.now()})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=user).is_confirmed
    assert entries(audit.TOTP_ENROLLED, object_id=str(user.pk)).exists()

    # Next time: the code is asked for (no QR code), and a used code is not accepted again.
    client.post("/accounts/logout/")
    assert login(client, "fgw-editor")["Location"] == SECOND_FACTOR_URL
    page = client.get(SECOND_FACTOR_URL).content.decode()
    assert "输入动态验证码" in page and "<svg" not in page
    replay = client.post(SECOND_FACTOR_URL, {"code": totp.now()})
    assert replay.status_code == 400 and logged_in_user_id(client) is None
    later = client.post(SECOND_FACTOR_URL, {"code": totp.at(time.time() + 30)})
    assert later.status_code == 302 and logged_in_user_id(client) == str(user.pk)


def test_roles_without_the_requirement_log_in_with_the_password(client, world):
    require_totp(totp_editor=True, totp_information_office=True)
    response = login(client, "fgw-reviewer", next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert logged_in_user_id(client) == str(world.users["fgw-reviewer"].pk)
    office = Client(HTTP_HOST=PORTAL_HOST)
    assert login(office, "office")["Location"] == SECOND_FACTOR_URL


def test_skipping_the_second_factor_leaves_the_user_logged_out(client, world):
    require_totp(totp_site_admin=True)
    login(client, "fgw-admin", next_url="/admin/")
    # Straight to the admin or any page after the password step: not logged in.
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/" in response["Location"]  # ?next=/admin/
    assert logged_in_user_id(client) is None
    # Wagtail's own login form asks for the same second step.
    response = login(client, "fgw-admin", path="/admin/login/")
    assert response["Location"] == SECOND_FACTOR_URL
    assert logged_in_user_id(client) is None
    # A password session made without the step (any other path calling login()) is dropped.
    other = Client(HTTP_HOST=PORTAL_HOST)
    password_session(other, world.users["fgw-admin"])
    assert logged_in_user_id(other) == str(world.users["fgw-admin"].pk)
    response = other.get("/admin/")
    assert response.status_code == 302
    assert logged_in_user_id(other) is None


def test_second_step_without_a_password_step_goes_back_to_login(client, world):
    response = client.get(SECOND_FACTOR_URL)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_wrong_codes_count_towards_the_lockout(client, world):
    require_totp(totp_editor=True)
    for _ in range(5):
        login(client, "jyj-editor")
        client.post(SECOND_FACTOR_URL, {"code": "12345x"})
    login(client, "jyj-editor")
    response = client.get(SECOND_FACTOR_URL)
    assert response.status_code == 302  # the password step itself is refused now
    failures = entries(audit.LOGIN_FAILED, object_id=str(world.users["jyj-editor"].pk))
    assert failures.filter(data__reason="totp").count() == 5


UNSAFE_NEXT = [
    "//evil.com/",
    "https://evil.com/steal",
    "http://evil.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\\evil.com",
    "\\\\evil.com",
    "/\\/evil.com/",
    "http://fgw.test@evil.com/",
    "https://evil.com\\@fgw.test/",
    "http:/\\evil.com",
    "ftp://fgw.test/",
    "https://fgw.test.evil.com/",
    " //evil.com",
]


@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_open_redirects_through_next_land_on_a_safe_page(client, world, target):
    form = client.get("/accounts/login/", {"next": target}).content.decode()
    assert 'name="next" value="/"' in form
    response = login(client, "fgw-reviewer", next_url=target)
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize(
    "target",
    ["/admin/pages/", "http://fgw.test/xxgk/", "http://old-fgw.test/", "http://hedong.test:8000/"],
)
def test_next_to_the_clusters_own_hosts_is_followed(client, world, target):
    response = login(client, "fgw-reviewer", next_url=target)
    assert response["Location"] == target


def test_logout_honours_next_only_inside_the_cluster(client, world):
    login(client, "fgw-reviewer")
    response = client.post("/accounts/logout/", {"next": "https://evil.com/"})
    assert response["Location"] == "/" and logged_in_user_id(client) is None
    assert client.get("/accounts/logout/").status_code == 405


def test_missing_csrf_token_is_rejected(world):
    browser = Client(HTTP_HOST=PORTAL_HOST, enforce_csrf_checks=True)
    data = {"username": "fgw-reviewer", "password": PASSWORD}
    assert browser.post("/accounts/login/", data).status_code == 403
    assert browser.post("/admin/login/", data).status_code == 403
    assert logged_in_user_id(browser) is None
    page = browser.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = browser.post("/accounts/login/", {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    # Logging out needs the token too.
    assert browser.post("/accounts/logout/").status_code == 403
    assert logged_in_user_id(browser) is not None


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = login(client, "fgw-reviewer")
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"


def test_public_pages_and_the_admin_send_security_headers(client, world):
    public = client.get("/")
    assert public.status_code == 200
    csp = public["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp and "'unsafe-eval'" not in csp
    assert public["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["X-Frame-Options"] == "SAMEORIGIN"
    assert "Strict-Transport-Security" not in public  # HSTS only in production, over https
    login(client, "office")
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "frame-ancestors 'self'" in admin["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]
    assert client.get("/accounts/login/")["Content-Security-Policy"].startswith("default-src")


def test_hsts_is_sent_over_https_when_production_enables_it(client, world, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_password_policy_in_the_admin_user_form(client, world):
    login(client, "office")
    add_url = reverse("wagtailusers_users:add")
    data = {
        "username": "new-editor",
        "email": "new-editor@hedong.example",
        "first_name": "小",
        "last_name": "李",
        "is_active": "on",
        "groups": [world.group(world.cluster.fgw, "editor").pk],
    }
    for password, message in [
        ("Ab1!", "密码太短，至少需要 12 个字符。"),
        ("abcdefghijklmn", "密码须至少包含大写字母、小写字母、数字和符号中的 3 类。"),
        ("new-editor2026!A", "密码跟 用户名 太相似了。"),
        ("password1234", "这个密码太常见了。"),
    ]:
        response = client.post(add_url, {**data, "password1": password, "password2": password})
        assert response.status_code == 200, password
        assert message in response.content.decode(), password
    good = "Hd-Sec#2026x"
    response = client.post(add_url, {**data, "password1": good, "password2": good})
    assert response.status_code == 302


def test_next_to_the_login_host_is_followed(client, world, settings):
    settings.SITECLUSTER_LOGIN_HOST = "login.hedong.test"
    target = "http://login.hedong.test/o/authorize/?client_id=site-fgw&state=x"
    assert login(client, "fgw-reviewer", next_url=target)["Location"] == target


def test_a_user_turns_on_the_second_factor_voluntarily(client, world):
    user = world.users["jyj-reviewer"]
    assert login(client, "jyj-reviewer")["Location"] == "/"
    page = client.get("/accounts/security/")
    assert "启用动态验证码" in page.content.decode() and "<svg" in page.content.decode()
    totp = pyotp.TOTP(secret_on_page(page))
    assert client.post("/accounts/security/", {"code": "abc"}).status_code == 400
    response = client.post("/accounts/security/", {"code": totp.now()})
    assert response.status_code == 302
    assert "已启用动态验证码" in client.get("/accounts/security/").content.decode()
    assert entries(audit.TOTP_ENROLLED, object_id=str(user.pk)).exists()
    # From now on the password alone is not enough, although no role requires it.
    client.post("/accounts/logout/")
    assert login(client, "jyj-reviewer")["Location"] == SECOND_FACTOR_URL
    assert logged_in_user_id(client) is None
