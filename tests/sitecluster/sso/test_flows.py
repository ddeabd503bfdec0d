"""Single sign-on over three hostnames against a live server: sign in once, signed in
everywhere; sign out once, signed out everywhere (server-side); the admin through SSO."""

from __future__ import annotations

from importlib import import_module

import pytest

from django.conf import settings as django_settings
from django.contrib.sessions.models import Session

from sitecluster.sso.models import ExternalIdentity, UserSession

from .harness import FGW, LOGIN, NYJ, PORTAL, query_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_on(browser, host, username="zhangwei"):
    """Open the admin on ``host`` as an anonymous visitor and type the password once."""
    form = browser.open(host, "/admin/")
    hops = browser.hops(form)
    assert any(f"{host}:" in h and "/oidc/authenticate/" in h for h in hops), hops
    assert form.url.startswith(browser.url(LOGIN)), form.url
    assert 'name="password"' in form.text
    return browser.submit_password(form, username)


def test_sign_in_once_then_every_host_and_sign_out_everywhere(browser, sso_cluster):
    # Host A: the admin sends the visitor through the login host's password form.
    admin_a = sign_in_on(browser, FGW)
    assert admin_a.status_code == 200
    assert admin_a.url == browser.url(FGW, "/admin/")
    assert "张伟" in admin_a.text or "zhangwei" in admin_a.text

    # Hosts B and C: signed in without a password form anywhere on the way.
    for host in (PORTAL, NYJ):
        page = browser.open(host, "/admin/")
        assert page.status_code == 200, host
        assert page.url == browser.url(host, "/admin/"), browser.hops(page)
        assert not any("/accounts/login/" in h or "/password/" in h for h in browser.hops(page))
        assert 'name="password"' not in page.text

    # One user row, one identity; a session on each of the four hosts, each its own cookie.
    assert ExternalIdentity.objects.filter(user=sso_cluster.admin).count() == 1
    hosts = set(UserSession.objects.filter(user=sso_cluster.admin).values_list("host", flat=True))
    assert {h.split(":")[0] for h in hosts} == {LOGIN, FGW, PORTAL, NYJ}
    assert len(browser.session_cookie_hosts()) == 4
    assert all(not h.startswith(".") for h in browser.session_cookie_hosts())

    # Sign out on host C: RP-initiated logout at the provider, back to C's home page.
    out = browser.post_form(NYJ, "/oidc/logout/", page_path="/admin/")
    hops = browser.hops(out)
    assert any(h.startswith(browser.url(LOGIN, "/o/logout/")) for h in hops), hops
    assert query_of(next(h for h in hops if "/o/logout/" in h))["post_logout_redirect_uri"] == (
        browser.url(NYJ, "/")
    )
    assert out.url == browser.url(NYJ, "/")

    # Every session is gone from the store, not just a cookie: A and B are signed out too.
    assert not UserSession.objects.filter(user=sso_cluster.admin).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(sso_cluster.admin.pk)
        for s in Session.objects.all()
    )
    for host in (FGW, PORTAL):
        again = browser.open(host, "/admin/")
        assert 'name="password"' in again.text, host  # back at the password form
        assert again.url.startswith(browser.url(LOGIN)), browser.hops(again)


def test_an_old_session_cookie_is_worthless_after_logout(browser, sso_cluster):
    sign_in_on(browser, PORTAL)
    browser.open(FGW, "/admin/")
    stolen = next(c.value for c in browser.cookies if c.name == "sessionid" and FGW in c.domain)
    browser.post_form(PORTAL, "/oidc/logout/", page_path="/admin/")
    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    assert not store().exists(stolen)
    with type(browser)(browser.port) as thief:
        thief.cookies.set("sessionid", stolen, domain=FGW)
        page = thief.open(FGW, "/admin/")
        assert 'name="password"' in page.text


def test_roles_follow_the_user_and_next_goes_to_another_cluster_host(browser, sso_cluster):
    # A plain user signs in on the portal and is sent on to another host of the cluster.
    form = browser.open(PORTAL, "/oidc/authenticate/", params={"next": browser.url(FGW, "/a/")})
    landed = browser.submit_password(form, "lina")
    assert browser.url(FGW, "/a/") in browser.hops(landed)
    # Same account everywhere, and everywhere without admin rights: a clear 403, no loop.
    for host in (FGW, NYJ):
        admin = browser.open(host, "/admin/")
        assert admin.status_code == 403, browser.hops(admin)
        assert "您当前登录的账号（lina）没有访问该页面的权限" in admin.text
        assert 'name="password"' not in admin.text
    # Granting the role once is enough on every host: it belongs to the user, not the host.
    sso_cluster.editor.is_superuser = True
    sso_cluster.editor.save()
    for host in (FGW, NYJ, PORTAL):
        assert browser.open(host, "/admin/").url == browser.url(host, "/admin/"), host
    assert set(
        UserSession.objects.filter(user=sso_cluster.editor).values_list("user", flat=True)
    ) == {sso_cluster.editor.pk}


def test_path_only_site_signs_in_through_the_portal_client(browser, sso_cluster):
    out = browser.open(PORTAL, "/oidc/authenticate/", params={"next": "/jd/xhjd/"})
    assert query_of(browser.hops(out)[1])["client_id"] == "site-hedong"
    landed = browser.submit_password(out, "zhangwei")
    assert browser.hops(landed)[-1] == browser.url(PORTAL, "/jd/xhjd/") or any(
        h == browser.url(PORTAL, "/jd/xhjd/") for h in browser.hops(landed)
    )


def test_the_admins_own_logout_also_signs_out_everywhere(browser, sso_cluster):
    sign_in_on(browser, FGW)
    assert browser.open(PORTAL, "/admin/").url == browser.url(PORTAL, "/admin/")
    browser.post_form(PORTAL, "/admin/logout/", page_path="/admin/")
    for host in (FGW, LOGIN):
        assert not UserSession.objects.filter(host__startswith=host).exists()
    again = browser.open(FGW, "/admin/")
    assert 'name="password"' in again.text
