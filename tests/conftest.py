from __future__ import annotations

import os
from urllib.parse import quote

import pytest

# Playwright's sync API runs an event loop in the main thread; Django then
# refuses sync database calls unless told this is intended (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def database_url(settings_dict: dict, *, name: str | None = None) -> str:
    """A DATABASE_URL for a server in Django's settings form (TCP or socket)."""
    user = quote(settings_dict.get("USER") or "postgres")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password)}" if password else user
    host = settings_dict.get("HOST") or ""
    port = settings_dict.get("PORT") or ""
    db_name = quote(name or settings_dict["NAME"])
    if host.startswith("/"):  # a socket folder: the embedded server
        query = f"?host={quote(host)}" + (f"&port={port}" if port else "")
        return f"postgres://{credentials}@/{db_name}{query}"
    return f"postgres://{credentials}@{host}:{port or 5432}/{db_name}"


@pytest.fixture(scope="session")
def test_database_url(django_db_setup, django_db_blocker) -> str:
    """The suite's migrated test database, for app servers the tests start
    (a test using it is marked django_db, so the database is set up)."""
    from django.db import connection

    return database_url(connection.settings_dict)
