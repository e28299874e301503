"""Deployment checks and response headers: check --deploy is clean, public pages carry a strict CSP."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="k3y-" + "Zq8!xR2@vL5#nB7$mW4%tY6^pC9&hJ1*" * 2,
        ALLOWED_HOSTS="zhengce.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path}/prod.sqlite3",
        EMAIL_HOST="smtp.example.gov.cn",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_public_pages_carry_a_strict_csp(client):
    factories.site()
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_is_left_to_wagtail(client):
    client.force_login(factories.user("admin", superuser=True))
    assert "Content-Security-Policy" not in client.get("/admin/")
    assert "Content-Security-Policy" not in client.get("/admin/login/")


def test_the_api_and_the_search_carry_it_too(client):
    factories.site()
    for url in ("/search/?q=大气", "/api/search/?q=大气", "/api/v2/pages/"):
        assert "default-src 'self'" in client.get(url)["Content-Security-Policy"]


INLINE = re.compile(r"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("kind", ["policy", "text", "qa", "infographic", "expert", "media", "leader"])
def test_public_pages_need_nothing_inline(client, kind):
    policy = factories.policy()
    page = policy if kind == "policy" else factories.interpretation(kind, [policy])
    for url in (page.url, "/", "/zhengce/", "/jiedu/", "/xinwen/", "/search/?q=大气"):
        html = client.get(url).content.decode()
        assert not INLINE.search(html), f"{url}: {INLINE.search(html).group(0)}"
