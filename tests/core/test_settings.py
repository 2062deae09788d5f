"""Production settings are safe by default and refuse to start without secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7Q!v2@xP9#mZ4$wL8%nR3^tY6&bH1*cJ5(dF0)gS-aE=uI+oN_" * 2


def database_url() -> str:
    """The suite's own server: DATABASE_URL, or the embedded PostgreSQL."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    from urllib.parse import quote

    from config.embedded_postgres import database_settings

    db = database_settings()
    return f"postgres://{db['USER']}@/{db['NAME']}?host={quote(db['HOST'])}&port={db['PORT']}"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.setdefault("DATABASE_URL", database_url())
    full_env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="openorclosed.example")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SECRET_KEY=STRONG_KEY)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required in production" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    result = manage(
        "check",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DATABASE_URL="",
    )

    assert result.returncode != 0
    assert "DATABASE_URL is required in production" in result.stderr


def test_a_malformed_boolean_setting_is_a_clear_error():
    result = manage(
        "check",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_DEBUG="maybe",
    )

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr
