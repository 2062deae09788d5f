"""HEAD works wherever GET does, and every page carries the security headers."""

from __future__ import annotations

import gzip
from http import HTTPStatus

import pytest
from django.contrib.sessions.models import Session

from apps.questionnaire.services import response_start
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls() -> list[str]:
    first, second = model_factory(), model_factory()
    token = response_start().resume_token
    return [
        "/",
        "/healthz",
        "/start/",
        "/method/",
        "/catalogue/",
        "/catalogue/?sort=name",
        f"/catalogue/{first.slug}/",
        f"/catalogue/compare/?models={first.slug},{second.slug}",
        "/catalogue.json",
        f"/r/{token}/section/1/",
        f"/r/{token}/check/",
        f"/resume/{token}/",
        "/no-such-page/",
    ]


def test_head_answers_wherever_get_does_with_the_same_status_and_no_body(client, public_urls):
    for url in public_urls:
        get = client.get(url)
        head = client.head(url)

        assert get.status_code != HTTPStatus.METHOD_NOT_ALLOWED, url
        assert head.status_code == get.status_code, url
        assert head.content == b"", url
        assert head.get("Content-Type") == get.get("Content-Type"), url


def test_head_is_refused_where_get_is(client):
    model = model_factory()

    assert client.get(f"/catalogue/{model.slug}/report/").status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
    assert client.head(f"/catalogue/{model.slug}/report/").status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


def test_every_page_sends_permissions_and_opener_policies(client, public_urls):
    for url in public_urls:
        response = client.get(url)

        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_anonymous_gets_never_create_a_session(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        client.head(url)

        assert "sessionid" not in response.cookies, url
    assert Session.objects.count() == 0


def test_pages_are_sent_gzipped_to_browsers_that_accept_it_and_differ_in_length(client):
    """Pages go out compressed (a first visit stays small without a
    compressing proxy), and two responses to the same request differ in
    compressed length, which is what keeps BREACH from reading a secret
    off the sizes."""
    plain = client.get("/method/")
    sizes = set()
    for _ in range(8):
        page = client.get("/method/", headers={"accept-encoding": "gzip"})
        assert page["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in page["Vary"]
        assert len(page.content) < len(plain.content) / 3
        sizes.add(len(page.content))
        assert gzip.decompress(page.content).decode().startswith("<!doctype html>")
    assert len(sizes) > 1
