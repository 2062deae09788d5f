"""DATABASES: DATABASE_URL when set, otherwise the embedded PostgreSQL."""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def default_database() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        config = dict(dj_database_url.parse(url))
        if config.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…).")
    else:
        from config.embedded_postgres import database_settings

        config = database_settings()
    # Django's PostgreSQL backend with a fail-fast layer for outages
    # (config/postgresql/base.py).
    config["ENGINE"] = "config.postgresql"
    # Django's connection pool (psycopg_pool); it refuses persistent
    # connections, so CONN_MAX_AGE stays 0. Keep any OPTIONS already there
    # (e.g. a socket host or sslmode from the URL).
    # https://docs.djangoproject.com/en/6.1/ref/databases/#connection-pool
    config["CONN_MAX_AGE"] = 0
    # The pool checks a connection before handing it out (an empty query), so
    # one left broken by a database restart is replaced, not used.
    config["CONN_HEALTH_CHECKS"] = True
    options = dict(config.get("OPTIONS") or {})
    options["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DJANGO_DB_POOL_SIZE", "10")),
        "timeout": float(os.environ.get("DJANGO_DB_POOL_TIMEOUT", "5")),
        # A failed reconnection is given up after a second rather than
        # retried with back-off for five minutes, so the next request that
        # needs the database tries afresh (the server may be back).
        "reconnect_timeout": 1.0,
    }
    options.setdefault("connect_timeout", 5)
    # Planner costs for SSD/in-memory storage (PostgreSQL's default of 4 is
    # for spinning disks): with it the catalogue list counts and pages from
    # its covering index instead of reading the whole table. Kept if the
    # URL already sets `options`.
    # https://www.postgresql.org/docs/current/runtime-config-query.html#GUC-RANDOM-PAGE-COST
    options.setdefault("options", "-c random_page_cost=1.1")
    config["OPTIONS"] = options
    return config
