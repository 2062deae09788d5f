from __future__ import annotations

import os
from urllib.parse import quote

import pytest

# Playwright's sync API runs an event loop in the main thread; Django then
# refuses sync database calls unless told this is intended (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# `make test` runs the suite on every core (pytest-xdist, `-n auto`), handing
# tests to the workers one at a time, except that all tests of these modules
# go to one worker: their module-scoped fixture is costly (a clean-virtualenv
# install), so it must run once. (xdist's `--dist loadgroup` would do this with
# a marker, but under pytest 9 it renames node ids through an attribute pytest
# no longer reads, and the group is ignored.)
SAME_WORKER_MODULES = frozenset({"tests/deploy/test_readme_deploy.py"})


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "load":
        return None  # an explicit --dist keeps xdist's own scheduling
    from xdist.scheduler import LoadScopeScheduling

    class ModuleGroupScheduling(LoadScopeScheduling):
        """xdist's load scheduling with SAME_WORKER_MODULES kept together
        (and, as the larger units, handed out first)."""

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in SAME_WORKER_MODULES else nodeid

    return ModuleGroupScheduling(config, log)


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


@pytest.fixture(scope="session")
def _shipped_catalogue_rows(django_db_setup, django_db_blocker) -> dict[str, bytes]:
    """The rows `load_catalogue` writes for the shipped catalogue, table by
    table (PostgreSQL COPY text), read once per session inside a transaction
    that is then rolled back, so the test database itself stays empty."""
    from django.core.management import call_command
    from django.db import connection, transaction

    def counts(cursor) -> dict[str, int]:
        result = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            result[table] = cursor.fetchone()[0]
        return result

    rows: dict[str, bytes] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        with connection.cursor() as cursor:
            before = counts(cursor)
        call_command("load_catalogue", verbosity=0)
        with connection.cursor() as cursor:
            after = counts(cursor)
            for table, count in after.items():
                if count != before.get(table, 0):
                    with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                        rows[table] = b"".join(bytes(chunk) for chunk in copy)
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def shipped_catalogue(db, _shipped_catalogue_rows):
    """The shipped catalogue (apps/catalogue/data/catalogue.json), as
    `load_catalogue` leaves it, in this test's transaction.

    Loading it runs thousands of queries; this copies the rows the first load
    wrote (one COPY per table, foreign keys checked at commit) and is rolled
    back with the test like any other data."""
    from django.db import connection, transaction

    from apps.recommendations.snapshot import forget_snapshot

    # In one transaction, so foreign keys are checked once every table is in
    # (a transactional test runs in autocommit otherwise).
    with transaction.atomic(), connection.cursor() as cursor:
        for table, data in _shipped_catalogue_rows.items():
            with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                copy.write(data)
    forget_snapshot()
    yield
    forget_snapshot()
