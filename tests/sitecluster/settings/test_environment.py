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
