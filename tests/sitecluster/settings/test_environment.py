"""Every environment variable is declared once and documented; production needs its secrets."""

import subprocess
import sys
from pathlib import Path

import pytest

from sitecluster.settings.environment import (
    VARIABLES,
    MissingSecretError,
    Variable,
    require_secrets,
)

ROOT = Path(__file__).resolve().parents[3]


def test_every_variable_is_documented_and_in_the_example_file():
    docs = (ROOT / "docs" / "env-vars.md").read_text("utf-8")
    example = (ROOT / ".env.example").read_text("utf-8")
    for variable in VARIABLES:
        assert f"`{variable.name}`" in docs, variable.name
        assert f"{variable.name}=" in example, variable.name


def test_settings_read_no_undeclared_variables():
    declared = {v.name for v in VARIABLES}
    for path in (ROOT / "sitecluster" / "settings").glob("*.py"):
        text = path.read_text("utf-8")
        assert "os.environ" not in text or path.name == "environment.py", path.name
        assert "getenv" not in text, path.name
    assert len(declared) == len(VARIABLES)


def test_typed_parsing():
    flag = Variable("X_FLAG", bool, False, "")
    assert flag.read({"X_FLAG": "yes"}) is True
    assert flag.read({}) is False
    with pytest.raises(ValueError, match="X_FLAG"):
        flag.read({"X_FLAG": "maybe"})
    hosts = Variable("X_HOSTS", list, [], "")
    assert hosts.read({"X_HOSTS": ".a.cn, b.cn,"}) == [".a.cn", "b.cn"]


def test_require_secrets_names_every_missing_one():
    with pytest.raises(MissingSecretError) as caught:
        require_secrets({"DJANGO_SECRET_KEY": "x"})
    message = str(caught.value)
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS"):
        assert name in message
    assert "DJANGO_SECRET_KEY" not in message


def test_production_refuses_to_start_without_secrets():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "sitecluster.settings.production"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "MissingSecretError" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


PRODUCTION_ADDRESS_PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import RequestFactory
from sitecluster.accounts.addresses import client_address
from sitecluster.health.proxy import ForwardedClientMiddleware
seen = {}
request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="127.0.0.1",
                                HTTP_X_FORWARDED_FOR="203.0.113.9")
ForwardedClientMiddleware(lambda r: seen.setdefault("address", client_address(r)))(request)
print(seen["address"])
"""


def test_production_behind_nginx_sees_the_citizens_address(tmp_path):
    """The production settings' proxy middleware and the login throttle agree on the address."""
    from sitecluster.sso.keys import generate_pem

    key = tmp_path / "oidc.pem"
    key.write_text(generate_pem(), "ascii")
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "sitecluster.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DJANGO_ALLOWED_HOSTS": ".hedong.gov.cn",
        "SITECLUSTER_OIDC_PRIVATE_KEY_FILE": str(key),
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_ADDRESS_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "203.0.113.9"
