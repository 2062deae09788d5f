"""Production settings are safe by default and refuse to start without secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7Q!v2@xP9#mZ4$wL8%nR3^tY6&bH1*cJ5(dF0)gS-aE=uI+oN_" * 2


def manage(*args: str, database_url: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env["DATABASE_URL"] = database_url
    full_env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_production_settings_pass_the_deployment_checklist(test_database_url):
    """As the README configures it behind a TLS proxy: the HTTPS redirect
    stays on and SECURE_PROXY_SSL_HEADER tells proxied HTTPS apart (W008 is
    met, not silenced)."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        database_url=test_database_url,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://openorclosed.example",
        DJANGO_CACHE_URL="redis://127.0.0.1:6379/0",
        DJANGO_TRUSTED_PROXIES="1",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.django_db
def test_turning_the_https_redirect_off_fails_the_deployment_checklist(test_database_url):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        database_url=test_database_url,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check", database_url="postgres://db.invalid/x", DJANGO_ALLOWED_HOSTS="openorclosed.example"
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", database_url="postgres://db.invalid/x", DJANGO_SECRET_KEY=STRONG_KEY)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required in production" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    result = manage(
        "check",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
    )

    assert result.returncode != 0
    assert "DATABASE_URL is required in production" in result.stderr


def test_a_malformed_boolean_setting_is_a_clear_error():
    result = manage(
        "check",
        database_url="postgres://db.invalid/x",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_DEBUG="maybe",
    )

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr
