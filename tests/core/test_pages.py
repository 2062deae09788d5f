from __future__ import annotations

from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_four_sides_of_the_decision(client):
    response = client.get("/")

    assert response.status_code == HTTPStatus.OK
    for heading in (
        "What open models give you",
        "What closed models give you",
        "What open models ask of you",
        "Often the answer is both",
    ):
        assert heading in response.text
    assert 'href="/start/"' in response.text
    assert 'href="/catalogue/"' in response.text


def test_every_page_has_landmarks_and_a_skip_link(client):
    html = client.get("/").text

    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_htmx_is_served_by_the_app_itself(client):
    html = client.get("/").text

    assert '<script src="/static/django_htmx/htmx-2.min.js"' in html
    assert "https://" not in html.split("</head>")[0].replace("https://docs", "")


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text
    assert "Traceback" not in response.text


def test_healthz_reports_the_database_up(client):
    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_is_503_when_the_database_is_unreachable(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_a_page_that_loses_the_database_shows_the_503_page(client, settings):
    settings.DEBUG = False
    with mock.patch(
        "apps.core.views.render", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "unavailable right now" in response.text
    assert "could not connect" not in response.text


def test_resume_tokens_never_reach_the_logs():
    import logging

    from config.logging import JsonFormatter

    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Bad Request: %s",
        ("/r/abcDEF123456789_-x/section/2/",),
        None,
    )
    record.request = "<WSGIRequest: POST '/resume/abcDEF123456789_-x/'>"

    line = JsonFormatter().format(record)

    assert "abcDEF123456789" not in line
    assert "/r/…/section/2/" in line
