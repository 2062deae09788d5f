"""When PostgreSQL goes away, gunicorn answers at once with the 503 page and
recovers by itself when it comes back.

The app server reaches the suite's test database through a switchable TCP
relay on this machine; switching it off refuses new connections and cuts the
open ones, as a stopped or restarted server does.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import database_url
from tests.deploy.server import Browser, Server, free_port

pytestmark = [pytest.mark.deploy, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
FAST = 1.0  # seconds: the longest a request may take while the database is down


class Relay:
    """127.0.0.1:port → the database server, until switched off."""

    def __init__(self, target: tuple[str, int] | str) -> None:
        self.target = target
        self.port = free_port()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def _upstream(self) -> socket.socket:
        if isinstance(self.target, str):
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.target)
            return upstream
        return socket.create_connection(self.target)

    def on(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def off(self) -> None:
        with self._lock:
            if self._listener is not None:
                # shutdown() wakes the thread blocked in accept(); close() alone does not.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = self._upstream()
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def relay() -> Iterator[Relay]:
    from django.db import connection

    host, port = connection.settings_dict["HOST"], connection.settings_dict["PORT"] or "5432"
    target = f"{host}/.s.PGSQL.{port}" if host.startswith("/") else (host or "127.0.0.1", int(port))
    relay = Relay(target)
    relay.on()
    yield relay
    relay.off()


@pytest.fixture
def app_server(relay, tmp_path) -> Iterator[int]:
    from django.db import connection

    settings = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": str(relay.port)}
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="outage-test-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DATABASE_URL=database_url(settings),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    server = Server(
        [sys.executable, "-m", "gunicorn", "-c", "python:config.gunicorn", "config.wsgi"],
        env=env,
        cwd=ROOT,
        log=tmp_path / "gunicorn.log",
    )
    try:
        server.wait_until_serving(port)
        yield port
    finally:
        server.stop()


def test_with_the_database_down_every_request_gets_the_503_page_at_once_and_recovers(
    relay, app_server
):
    browser = Browser(app_server)
    assert browser.request("GET", "/catalogue/").status == 200

    relay.off()
    replies = []
    for _ in range(6):
        replies.append(browser.request("GET", "/catalogue/"))
        replies.append(browser.request("GET", "/healthz"))
        time.sleep(0.3)

    assert [reply.status for reply in replies] == [503] * len(replies)
    slowest = max(reply.seconds for reply in replies)
    assert slowest < FAST, f"a request took {slowest:.2f} s while the database was down"
    assert "unavailable right now" in replies[0].body
    assert '"database": "down"' in replies[1].body
    assert browser.request("GET", "/").status == 200, "pages without the database still work"

    relay.on()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if browser.request("GET", "/healthz").status == 200:
            break
        time.sleep(0.2)
    assert browser.request("GET", "/healthz").status == 200, "not recovered 10 s after"
    assert browser.request("GET", "/catalogue/").status == 200
