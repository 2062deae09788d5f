"""Helpers for tests that run the app the way production does: a gunicorn
process spoken to over HTTP, as a TLS proxy would forward it."""

from __future__ import annotations

import functools
import gzip
import http.client
import re
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HOST = "openorclosed.example"
ORIGIN = f"https://{HOST}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes
    seconds: float

    @functools.cached_property
    def body(self) -> str:
        """The page as text, its gzip undone when first asked for (as a
        browser's own machine does, so a load test reading many pages
        spends no time on it)."""
        raw = self.raw
        if self.header("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Browser:
    """Speaks to the app server as a browser behind the TLS proxy would:
    `Host`, `X-Forwarded-Proto: https`, `X-Forwarded-For`, cookies (those
    marked Secure too, since the browser's side is HTTPS), `Origin` on posts,
    a `Referer` of the page it is on, and gzip accepted (and undone)."""

    port: int
    client_address: str = "203.0.113.10"
    cookies: dict[str, str] = field(default_factory=dict)
    page_url: str = ""

    def request(
        self,
        method: str,
        path: str,
        form: Mapping[str, str] | None = None,
        *,
        timeout: float = 30,
    ) -> Reply:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_address,
            "User-Agent": "deploy-test",
            "Accept-Encoding": "gzip",  # as every browser does
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.page_url:
            headers["Referer"] = self.page_url
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = ORIGIN
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        seconds = time.monotonic() - started
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return Reply(response.status, response.headers, raw, seconds)

    def get(self, path: str) -> Reply:
        reply = self.request("GET", path)
        if reply.status == 200:
            self.page_url = ORIGIN + path
        return reply

    def post(self, path: str, form: Mapping[str, str]) -> Reply:
        return self.request("POST", path, form)


class FormParser(HTMLParser):
    """The page's POST forms: action, hidden fields, radio groups, buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {"action": a.get("action", ""), "fields": {}, "radios": {}, "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button"):
            kind = a.get("type", "submit" if tag == "button" else "text")
            name = a.get("name", "")
            if not name:
                return
            if kind == "radio":
                self._form["radios"].setdefault(name, []).append(a.get("value", ""))
            elif kind == "submit":
                self._form["buttons"].append((name, a.get("value", "")))
            else:
                self._form["fields"][name] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def parse(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


def first_choices(form: dict) -> dict[str, str]:
    """Every hidden field, and the first option of every radio group."""
    return {**form["fields"], **{name: values[0] for name, values in form["radios"].items()}}


def location_path(reply: Reply) -> str:
    location = reply.header("Location")
    return re.sub(r"^https?://[^/]+", "", location)


class Server:
    """A gunicorn process started with `command`; stopped by `stop()`."""

    def __init__(self, command: list[str], *, env: Mapping[str, str], cwd: Path, log: Path):
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            command, env=dict(env), cwd=cwd, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def wait_until_serving(self, port: int, *, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()}")
            if port_open("127.0.0.1", port):
                try:
                    reply = Browser(port).request("GET", "/healthz", timeout=5)
                except OSError:
                    reply = None
                if reply is not None and reply.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not serve within {seconds} s:\n{self.log.read_text()}")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()
        return self.log.read_text(errors="replace")
