"""deploy/gunicorn.conf.py loads in gunicorn itself; the systemd units point at real files."""

from __future__ import annotations

import configparser
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_gunicorn_config_is_importable_and_binds_to_loopback():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert callable(config["post_fork"])
    assert 1 <= config["workers"] <= 9


def test_gunicorn_accepts_the_config_and_loads_the_application():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sitecluster.settings.test"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "-c",
            "deploy/gunicorn.conf.py",
            "sitecluster.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_systemd_units_start_the_web_and_the_worker():
    units = {}
    for name in ("sitecluster-web", "sitecluster-worker"):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(DEPLOY / "systemd" / f"{name}.service")
        units[name] = parser["Service"]
    assert "gunicorn -c deploy/gunicorn.conf.py" in units["sitecluster-web"]["ExecStart"]
    assert "manage.py db_worker" in units["sitecluster-worker"]["ExecStart"]
    for service in units.values():
        assert service["EnvironmentFile"] == "/etc/sitecluster/sitecluster.env"
        assert service["User"] == "sitecluster"


def test_environment_template_names_every_production_secret():
    from sitecluster.settings.environment import VARIABLES

    template = (DEPLOY / "sitecluster.env.template").read_text("utf-8")
    assert "DJANGO_SETTINGS_MODULE=sitecluster.settings.production" in template
    for variable in VARIABLES:
        if variable.secret:
            assert f"{variable.name}=" in template, variable.name


def test_prod_check_script_parses():
    result = subprocess.run(["bash", "-n", str(ROOT / "scripts" / "prod-check.sh")])
    assert result.returncode == 0
