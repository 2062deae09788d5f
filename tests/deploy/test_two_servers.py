"""Two gunicorn servers behind one load balancer: one database, one Redis.

A visitor whose requests land on either server at random must not notice:
the session and the CSRF cookie one server set are valid on the other, every
answer posted to either is stored, and the share link made on one opens on
the other. The servers run the production settings against the suite's
test database holding the shipped catalogue, and share a Redis cache, as
the README's deployment does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import pytest

from tests.deploy.server import (
    Browser,
    Server,
    first_choices,
    free_port,
    location_path,
    parse,
    port_open,
)

pytestmark = [pytest.mark.deploy, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 10  # the README deploy test uses 9
GUNICORN_ARGS = ["-c", "python:config.gunicorn", "config.wsgi"]


@pytest.fixture
def two_servers(serving_database, tmp_path) -> Iterator[tuple[int, int]]:
    if not port_open(*REDIS):
        message = "Redis is not listening on 127.0.0.1:6379 (the servers' shared cache)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = server_environment(
        DATABASE_URL=serving_database,
        DJANGO_CACHE_URL=f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}",
        DJANGO_TRUSTED_PROXIES="1",
        GUNICORN_WORKERS="1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    ports = (free_port(), free_port())
    servers = []
    try:
        for number, port in enumerate(ports, start=1):
            servers.append(
                Server(
                    [sys.executable, "-m", "gunicorn", *GUNICORN_ARGS],
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    cwd=ROOT,
                    log=tmp_path / f"gunicorn-{number}.log",
                )
            )
        for server, port in zip(servers, ports, strict=True):
            server.wait_until_serving(port)
        yield ports
    finally:
        for server in servers:
            server.stop()


def server_environment(**overrides: str) -> dict[str, str]:
    """The production settings both servers share (one secret, as every
    server of one site must have)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="two-servers-test-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://openorclosed.example",
    )
    env.update(overrides)
    return env


@pytest.fixture
def serving_database(shipped_catalogue, test_database_url) -> str:
    """The suite's test database with the shipped catalogue committed in it
    (the test is transactional: everything the servers write is flushed
    with it afterwards)."""
    return test_database_url


def stored_answers(url: str, token: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT a.question_slug, a.option_key FROM questionnaire_answer a"
            " JOIN questionnaire_response r ON r.id = a.response_id WHERE r.resume_token = %s",
            [token],
        ).fetchall()
    return dict(rows)


def test_a_visitor_alternating_between_two_servers_loses_nothing(two_servers, serving_database):
    first, second = two_servers
    browser = Browser(first)

    def on(port: int) -> Browser:
        browser.port = port
        return browser

    page = on(first).get("/start/")
    assert page.status == HTTPStatus.OK
    path, posted, sections = "/start/", {}, 0
    for step in range(20):
        form = next(f for f in parse(page.body).forms if f["radios"])
        choices = first_choices(form)
        # Each page is read on one server and answered on the other.
        reply = on((first, second)[(step + 1) % 2]).post(form["action"] or path, choices)
        assert reply.status == HTTPStatus.SEE_OTHER, reply.body[:2000]
        posted.update({name: choices[name] for name in form["radios"]})
        sections += 1
        path = location_path(reply)
        page = on((first, second)[step % 2]).get(path)
        assert page.status == HTTPStatus.OK
        if path.endswith("/check/"):
            break
    assert path.endswith("/check/"), "the questionnaire ends at 'Check your answers'"
    assert sections == 7
    token = path.split("/")[2]

    # Every answer posted to either server is stored (a question these
    # answers do not ask, such as the data region, is not).
    from apps.recommendations.engine.questions import is_asked

    posted = {slug: key for slug, key in posted.items() if is_asked(slug, posted)}
    assert len(posted) > sections
    assert stored_answers(serving_database, token) == posted

    # The session written by the first server is read by the second: a blank
    # step 1 there offers the questionnaire this browser started.
    assert browser.cookies.get("__Host-sessionid"), "the first answer started a session"
    for port in (first, second):
        start = on(port).get("/start/")
        assert start.status == HTTPStatus.OK
        assert "data-started" in start.body
        assert f"/r/{token}/" in start.body

    # CSRF is checked on both servers: without the token the check page's
    # form is refused; with the token the first server's cookie goes with,
    # the second server accepts it.
    page = on(first).get(path)
    create = parse(page.body).forms[0]
    for port in (first, second):
        forged = on(port).post(
            create["action"],
            {k: v for k, v in first_choices(create).items() if k != "csrfmiddlewaretoken"},
        )
        assert forged.status == HTTPStatus.FORBIDDEN
    reply = on(second).post(create["action"], first_choices(create))
    assert reply.status == HTTPStatus.SEE_OTHER, reply.body[:2000]
    result_path = location_path(reply)

    result = on(first).get(result_path)
    assert result.status == HTTPStatus.OK
    assert "data-verdict=" in result.body

    share = next(f for f in parse(result.body).forms if "share" in f["action"])
    choice = dict(share["buttons"]).get("action", "create")
    reply = on(second).post(share["action"], {**share["fields"], "action": choice})
    assert reply.status == HTTPStatus.SEE_OTHER, reply.body[:2000]
    result = on(second).get(location_path(reply).split("#")[0])
    assert result.status == HTTPStatus.OK
    share_path = next(
        (
            re.sub(r"^https?://[^/]+", "", link)
            for link in re.findall(r"https?://[^\"'<\s]+|/s/[^\"'<\s]+", result.body)
            if "/s/" in link
        ),
        None,
    )
    assert share_path, "the result page shows its share link"

    colleague = Browser(first, client_address="203.0.113.20")
    shared = colleague.get(share_path)
    assert shared.status == HTTPStatus.OK
    verdict = re.search(r'data-verdict="([^"]+)"', result.body)
    assert verdict, "the result page shows a verdict"
    assert f'data-verdict="{verdict.group(1)}"' in shared.body

    # Nothing was lost on the way: the answers are still all there.
    assert stored_answers(serving_database, token) == posted
