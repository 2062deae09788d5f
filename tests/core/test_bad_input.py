"""Malformed requests get a clear 4xx page, never a 500."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/r/%00/check/",
        "/r/a%00b/section/1/",
        "/resume/%00/",
        "/r/%00/result/",
        "/catalogue/?compare=a%00b",
        "/catalogue/compare/?models=a,b%00",
        "/catalogue/?q=%00",
    ],
)
def test_nul_bytes_anywhere_in_a_request_are_a_clear_400(client, url):
    response = client.get(url)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "We could not read that request" in response.text


def test_nul_bytes_in_a_form_are_a_clear_400_and_nothing_is_saved(client):
    from apps.questionnaire.models import Response

    response = client.post("/start/", {"use_case": "code\x00", "organisation": "sme"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Response.objects.exists()


def test_a_form_without_its_csrf_token_gets_a_friendly_403():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/start/", {"use_case": "code"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Your form has expired" in response.text
    assert "Nothing from it was saved" in response.text


def test_a_request_for_an_unknown_host_gets_our_400_page(client):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "We could not read that request" in response.text
