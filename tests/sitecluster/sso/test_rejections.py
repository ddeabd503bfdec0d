"""Everything that must not sign anybody in: each attempt gets a clear Chinese error page and
the browser stays signed out on the site."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from sitecluster.sso.models import UserSession

from .harness import FGW, LOGIN, NYJ, Browser, query_of
from .token_proxy import TokenProxy, expired, resign, tampered_sub

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_at_provider(browser, username="lina"):
    form = browser.open(LOGIN, "/login/")
    assert 'name="password"' in form.text
    browser.submit_password(form, username)


def callback_url(browser, host) -> str:
    """Start signing in on ``host`` and stop where the provider sends the browser back."""
    start = browser.open(host, "/oidc/authenticate/", allow_redirects=False)
    authorize = start.headers["Location"]
    assert authorize.startswith(browser.url(LOGIN, "/o/authorize/"))
    assert query_of(authorize)["code_challenge_method"] == "S256"
    answer = browser.get(authorize, allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def assert_signed_out(browser, host):
    admin = browser.open(host, "/admin/", allow_redirects=False)
    assert admin.status_code == 302 and "/oidc/authenticate/" in admin.headers["Location"], host
    assert not UserSession.objects.filter(host__startswith=host).exists()


def test_state_mismatch(browser):
    sign_in_at_provider(browser)
    url = callback_url(browser, FGW)
    forged = url.replace(f"state={query_of(url)['state']}", "state=forged-by-an-attacker")
    page = browser.get(forged)
    assert page.status_code == 400
    assert "state 不符" in page.text
    assert_signed_out(browser, FGW)


def test_callback_without_a_sign_in_in_progress(browser):
    """Login CSRF: a victim's browser fed an attacker's code and state."""
    sign_in_at_provider(browser)
    url = callback_url(browser, FGW)
    with Browser(browser.port) as victim:
        page = victim.get(url)
        assert page.status_code == 400
        assert "没有进行中的登录请求" in page.text
        assert_signed_out(victim, FGW)


def test_replayed_authorization_code(browser):
    sign_in_at_provider(browser)
    first = callback_url(browser, FGW)
    assert browser.get(first).status_code == 200  # used once: signed in
    browser.post_form(FGW, "/oidc/logout/", page_path="/admin/")
    sign_in_at_provider(browser)
    second = callback_url(browser, FGW)
    replay = second.replace(f"code={query_of(second)['code']}", f"code={query_of(first)['code']}")
    page = browser.get(replay)
    assert page.status_code == 400
    assert "授权码无效、已过期或已被使用" in page.text
    assert_signed_out(browser, FGW)


def test_unregistered_redirect_uris(browser):
    sign_in_at_provider(browser)
    start = browser.open(FGW, "/oidc/authenticate/", allow_redirects=False)
    authorize = start.headers["Location"]
    registered = quote(query_of(authorize)["redirect_uri"], safe="")
    for wanted in (
        "http://evil.example/oidc/callback/",
        f"http://{NYJ}:{browser.port}/oidc/callback/",  # another site's callback
        f"http://{FGW}:{browser.port}/oidc/callback/../../admin/",
    ):
        page = browser.get(
            authorize.replace(registered, quote(wanted, safe="")), allow_redirects=False
        )
        assert page.status_code == 400, wanted
        assert "Location" not in page.headers
        assert "回调地址未在统一身份认证中心登记" in page.text
    assert_signed_out(browser, FGW)
    assert_signed_out(browser, NYJ)


@pytest.fixture
def proxy(browser, settings):
    man_in_the_middle = TokenProxy(browser.port)
    settings.SITECLUSTER_SSO_BACKCHANNEL_URL = man_in_the_middle.url
    yield man_in_the_middle
    man_in_the_middle.close()


def test_tampered_expired_and_misaddressed_id_tokens(browser, proxy, sso_cluster):
    cases = [
        # lina's token claiming to be the superuser zhangwei, signature left as it was
        (tampered_sub(str(sso_cluster.admin.pk)), "签名校验失败"),
        # genuine signature, but expired an hour ago
        (expired, "身份令牌已过期"),
        # genuine and fresh, but issued to another site's client
        (lambda token: resign(token, aud="site-nyj"), "不是签发给本站的"),
    ]
    sign_in_at_provider(browser)
    for rewrite, message in cases:
        proxy.rewrite = rewrite
        page = browser.get(callback_url(browser, FGW))
        assert page.status_code == 400, message
        assert message in page.text
        assert "您没有被登录" in page.text
        assert_signed_out(browser, FGW)
    # The same path without rewriting signs in: the proxy itself changes nothing.
    proxy.rewrite = None
    assert browser.get(callback_url(browser, FGW)).status_code in (200, 403)
    assert UserSession.objects.filter(host__startswith=FGW, user=sso_cluster.editor).exists()


def test_next_only_leads_to_the_clusters_hosts(browser):
    for next_url in (
        "http://evil.example/",
        "//evil.example/",
        "http://fgw.localhost.evil.example/",
        "http://fgw.localhost@evil.example/",
        "http://user@fgw.localhost/",
        "javascript:alert(1)",
    ):
        page = browser.open(
            FGW, "/oidc/authenticate/", params={"next": next_url}, allow_redirects=False
        )
        assert page.status_code == 400, next_url
        assert "跳转地址不属于本站群" in page.text
    ok = browser.open(
        FGW, "/oidc/authenticate/", params={"next": browser.url(NYJ, "/")}, allow_redirects=False
    )
    assert ok.status_code == 302
