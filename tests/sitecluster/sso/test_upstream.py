"""An upstream identity provider (the province's platform) in front of the login host.

The upstream is a second, separately configured OpenID provider process (``upstream/``: its
own settings, SQLite file, signing key, users and subject scheme) on its own port. With it
configured, the login host sends users there instead of asking for a local password.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model

from sitecluster.sso.models import ExternalIdentity

from .harness import FGW, LOGIN, NYJ, PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID, CLIENT_SECRET = "hedong-login", "upstream-secret-for-tests"
# Different passwords from the local accounts: only the upstream can have checked them.
UPSTREAM_USERS = "zhangwei:Province-Pass-1:张伟;wangfang:Province-Pass-2:王芳"


def free_port() -> int:
    for port in range(18100, 18200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18100-18199")


@pytest.fixture
def upstream(browser, settings, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "UPSTREAM_WORK_DIR": str(tmp_path),
        "UPSTREAM_PORT": str(port),
        "UPSTREAM_REDIRECT_URI": browser.url(LOGIN, "/upstream/callback/"),
        "UPSTREAM_CLIENT_ID": CLIENT_ID,
        "UPSTREAM_CLIENT_SECRET": CLIENT_SECRET,
        "UPSTREAM_USERS": UPSTREAM_USERS,
    }
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sitecluster.sso.upstream.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready = process.stdout.readline()
        if ready.strip() != "READY":
            raise RuntimeError(f"upstream provider did not start: {process.stderr.read()}")
        issuer = f"http://127.0.0.1:{port}/o"
        settings.SITECLUSTER_SSO_UPSTREAM = {
            "ISSUER": issuer,
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "SCOPES": "openid profile email",
        }
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=30)


def sign_in_upstream(browser, response, username, password):
    """The upstream's own sign-in form (on its own address, not a cluster host)."""
    assert response.url.startswith("http://127.0.0.1:"), browser.hops(response)
    assert "省统一身份认证平台" in response.text
    return browser.submit_password(response, username, password)


def test_login_host_signs_in_at_the_upstream_provider(browser, sso_cluster, upstream):
    form = browser.open(FGW, "/admin/")
    hops = browser.hops(form)
    assert any(h.startswith(browser.url(LOGIN, "/upstream/authenticate/")) for h in hops), hops
    assert not any("/accounts/login/" in h for h in hops)  # no local password form on the way
    admin = sign_in_upstream(browser, form, "zhangwei", "Province-Pass-1")
    assert admin.url == browser.url(FGW, "/admin/"), browser.hops(admin)
    assert admin.status_code == 200

    # The upstream identity (its own sub scheme) is bound to the existing local account, so the
    # local roles (superuser here) apply; the local password was never used.
    identity = ExternalIdentity.objects.get(issuer=upstream)
    assert identity.subject.startswith("prov-")
    assert identity.user == sso_cluster.admin
    sso_cluster.admin.refresh_from_db()
    assert sso_cluster.admin.check_password(PASSWORD)

    # Every other host: signed in without any form.
    nyj = browser.open(NYJ, "/admin/")
    assert nyj.url == browser.url(NYJ, "/admin/") and nyj.status_code == 200

    # The login host's password form is not offered while the upstream is configured.
    local = browser.open(LOGIN, "/accounts/login/", allow_redirects=False)
    assert local.status_code == 302
    assert "/upstream/authenticate/" in local.headers["Location"]


def test_an_unknown_upstream_user_gets_a_local_account_without_password(
    browser, sso_cluster, upstream
):
    form = browser.open(FGW, "/oidc/authenticate/", params={"next": "/"})
    sign_in_upstream(browser, form, "wangfang", "Province-Pass-2")
    user = get_user_model().objects.get(username="wangfang")
    assert user.first_name == "王芳"
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(issuer=upstream).user == user
    # No rights were granted with the account.
    assert browser.open(FGW, "/admin/").status_code == 403


def test_wrong_upstream_password_signs_nobody_in(browser, sso_cluster, upstream):
    form = browser.open(FGW, "/admin/")
    again = sign_in_upstream(browser, form, "zhangwei", PASSWORD)  # the local password
    assert again.url.startswith("http://127.0.0.1:")  # still at the upstream's form
    assert not ExternalIdentity.objects.exists()
    assert browser.open(FGW, "/admin/", allow_redirects=False).status_code == 302
