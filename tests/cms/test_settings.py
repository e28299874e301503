"""Settings: production refuses to start without its configuration; development honours DATABASE_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "zhengce.example.gov.cn",
    "DATABASE_URL": "sqlite:///prod.db",
    "EMAIL_HOST": "smtp.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def load_settings(module, env, expression="print(settings.DATABASES['default']['NAME'])"):
    """Run `expression` in a new Python process on the settings `module`, with `env` in place of ours.

    The settings are read without `django.setup()`: a settings module refuses (or accepts) its environment as it is
    imported, and loading every app would add some 4 s of CPU to each of these processes.
    """
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DJANGO_SETTINGS_MODULE"}
    code = f"from django.conf import settings; {expression}"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = load_settings("cms.settings.production", env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_starts_with_its_configuration():
    result = load_settings("cms.settings.production", PRODUCTION_ENV, "print(settings.ALLOWED_HOSTS, settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['zhengce.example.gov.cn'] False"


def test_production_keeps_database_connections_and_checks_them_before_use():
    result = load_settings("cms.settings.production", PRODUCTION_ENV, "print(settings.DATABASES['default'])")
    assert result.returncode == 0, result.stderr
    assert "'CONN_MAX_AGE': 600" in result.stdout and "'CONN_HEALTH_CHECKS': True" in result.stdout


def test_development_uses_sqlite_by_default_and_database_url_when_set(tmp_path):
    default = load_settings("cms.settings.dev", {})
    assert default.stdout.strip().endswith("db.sqlite3")
    other = load_settings("cms.settings.dev", {"DATABASE_URL": f"sqlite:///{tmp_path}/second.sqlite3"})
    assert other.stdout.strip() == f"{tmp_path}/second.sqlite3"


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
