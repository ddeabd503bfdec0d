"""Client registrations follow the sites; the login host publishes discovery and keys."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from oauth2_provider.models import Application

from django.core.management import call_command

from sitecluster.sso.keys import generate_pem
from sitecluster.tenancy.models import SiteStatus

from .harness import build_sso_cluster

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def cluster(db):
    return build_sso_cluster()


def registration(client_id):
    app = Application.objects.get(client_id=client_id)
    return app.redirect_uris.split(), app.post_logout_redirect_uris.split()


def test_every_host_gets_a_first_party_client(cluster):
    assert set(Application.objects.values_list("client_id", flat=True)) == {
        "site-hedong",
        "site-fgw",
        "site-nyj",
    }
    app = Application.objects.get(client_id="site-fgw")
    assert app.redirect_uris == "http://fgw.localhost/oidc/callback/"
    assert app.skip_authorization and app.algorithm == "RS256"
    assert app.client_type == Application.CLIENT_CONFIDENTIAL
    # Path-only sites sign in on the portal's host; their addresses are logout destinations.
    redirects, logouts = registration("site-hedong")
    assert redirects == ["http://hedong.localhost/oidc/callback/"]
    assert "http://hedong.localhost/jd/xhjd/" in logouts


def test_hostname_change_archive_and_new_host_resync(cluster):
    cluster.fgw.hostname = "fgw.hedong.gov.cn"
    cluster.fgw.save()
    assert registration("site-fgw")[0] == ["http://fgw.hedong.gov.cn/oidc/callback/"]

    cluster.nyj.status = SiteStatus.ARCHIVED
    cluster.nyj.save()
    assert not Application.objects.filter(client_id="site-nyj").exists()

    cluster.street.hostname = "xhjd.localhost"
    cluster.street.save()
    assert registration("site-xhjd")[0] == ["http://xhjd.localhost/oidc/callback/"]
    assert "http://hedong.localhost/jd/xhjd/" not in registration("site-hedong")[1]

    cluster.street.delete()
    assert not Application.objects.filter(client_id="site-xhjd").exists()


def test_cluster_sync_repairs_registrations(cluster, settings):
    Application.objects.filter(client_id="site-fgw").delete()
    Application.objects.filter(client_id="site-nyj").update(redirect_uris="http://evil.example/")
    Application.objects.create(
        client_id="site-gone",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    )
    settings.SITECLUSTER_PUBLIC_PORT = 443
    call_command("cluster", "sync", stdout=io.StringIO())
    assert registration("site-fgw")[0] == ["https://fgw.localhost/oidc/callback/"]
    assert registration("site-nyj")[0] == ["https://nyj.localhost/oidc/callback/"]
    assert not Application.objects.filter(client_id="site-gone").exists()


def test_discovery_on_the_login_host_only(cluster, client):
    discovery = client.get("/o/.well-known/openid-configuration", HTTP_HOST="login.localhost")
    assert discovery.status_code == 200
    data = discovery.json()
    assert data["issuer"] == "http://login.localhost/o"
    assert "RS256" in data["id_token_signing_alg_values_supported"]
    assert "S256" in data["code_challenge_methods_supported"]
    assert data["end_session_endpoint"] == "http://login.localhost/o/logout/"
    # Site hosts are relying parties only; the provider's client-management pages exist nowhere.
    assert client.get("/o/authorize/", HTTP_HOST="fgw.localhost").status_code == 404
    assert client.get("/o/applications/", HTTP_HOST="login.localhost").status_code == 404


def test_jwks_publishes_retired_keys_during_rotation(cluster, client, settings):
    keys = client.get("/o/.well-known/jwks.json", HTTP_HOST="login.localhost").json()["keys"]
    assert len(keys) == 1 and keys[0]["alg"] == "RS256"
    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "OIDC_RSA_PRIVATE_KEY": generate_pem(),
        "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"]],
    }
    rotated = client.get("/o/.well-known/jwks.json", HTTP_HOST="login.localhost").json()["keys"]
    assert len(rotated) == 2
    assert keys[0]["kid"] in {key["kid"] for key in rotated}


PRODUCTION_SECRETS = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "sitecluster.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "DJANGO_ALLOWED_HOSTS": ".hedong.gov.cn",
}


@pytest.mark.parametrize("key_file", ["", "not-a-key"], ids=["missing", "unreadable"])
def test_production_refuses_to_start_without_a_signing_key(tmp_path, key_file):
    env = dict(PRODUCTION_SECRETS)
    if key_file:
        (tmp_path / "key.pem").write_text("not a key")
        env["SITECLUSTER_OIDC_PRIVATE_KEY_FILE"] = str(tmp_path / "key.pem")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SITECLUSTER_OIDC_PRIVATE_KEY_FILE" in result.stderr or "key.pem" in result.stderr
    assert not (ROOT / "var" / "oidc" / "generated-in-production.pem").exists()
