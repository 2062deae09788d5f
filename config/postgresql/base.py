"""Django's PostgreSQL backend, failing fast while the server is down.

With a connection pool, a request that needs a connection while PostgreSQL
is down waits the whole pool timeout (DJANGO_DB_POOL_TIMEOUT) for one, so
every worker is soon stuck. Here:

- while the pool waits, a failed connection attempt ends the wait at once
  (the pool counts its failures), so the first request notices within
  about a tenth of a second when the server refuses connections;
- from then on the database counts as down for this process: each request
  that needs it fails at once (the 503 page), except one request a second
  that tries again;
- the pool gives up a failed reconnection after about a second
  (`reconnect_timeout` in config/settings/database.py) instead of backing
  off for minutes, so a retry gets a fresh connection soon after the server
  is back.

Pages that need no database keep working throughout.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db import OperationalError
from django.db.backends.postgresql import base
from psycopg import IsolationLevel
from psycopg_pool import ConnectionPool, PoolTimeout

# How long one slice of waiting for a pooled connection lasts before we look
# whether the pool's attempts to connect are failing.
WAIT_SLICE_SECONDS = 0.1
# While down, one request a second tries the database again.
RETRY_INTERVAL_SECONDS = 1.0
# The longest a retry during an outage waits for a connection.
RETRY_BUDGET_SECONDS = 0.5

UNAVAILABLE_MESSAGE = "The database is unavailable (it failed less than a second ago)."


class Outage:
    """Whether this process last found the database down, and when to retry."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down = False
        self._retry_at = 0.0

    def admit(self) -> None:
        """Raise at once while down, but let one request a second through."""
        if not self.down:
            return
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                raise OperationalError(UNAVAILABLE_MESSAGE)
            self._retry_at = now + RETRY_INTERVAL_SECONDS

    def begin(self) -> None:
        with self._lock:
            self.down = True
            self._retry_at = time.monotonic() + RETRY_INTERVAL_SECONDS

    def end(self) -> None:
        self.down = False


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(alias: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(alias, Outage())


def _connection_errors(pool: ConnectionPool) -> int:
    return int(pool.get_stats().get("connections_errors", 0))


def getconn_failing_fast(pool: ConnectionPool, *, budget: float) -> Any:
    """pool.getconn(), but give up as soon as the pool fails to connect, or
    after `budget` seconds."""
    deadline = time.monotonic() + budget
    errors_before = _connection_errors(pool)
    while True:
        remaining = deadline - time.monotonic()
        try:
            return pool.getconn(timeout=max(min(WAIT_SLICE_SECONDS, remaining), 0.001))
        except PoolTimeout:
            if time.monotonic() >= deadline or _connection_errors(pool) > errors_before:
                raise


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        pool = self.pool
        if pool is None:
            return super().get_new_connection(conn_params)
        outage = outage_for(self.alias)
        outage.admit()
        pool.open()
        budget = RETRY_BUDGET_SECONDS if outage.down else pool.timeout
        try:
            connection = getconn_failing_fast(pool, budget=budget)
        except PoolTimeout:
            outage.begin()
            raise
        outage.end()
        # What Django's own get_new_connection does after getconn().
        isolation_level = self.settings_dict["OPTIONS"].get("isolation_level")
        if isolation_level is None:
            self.isolation_level = IsolationLevel.READ_COMMITTED
        else:
            self.isolation_level = IsolationLevel(isolation_level)
            connection.isolation_level = self.isolation_level
        return connection
