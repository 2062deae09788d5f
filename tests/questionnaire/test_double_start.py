"""Sending the first page twice (a double click, a resend) creates one response."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client

from apps.questionnaire.models import Answer, Response

pytestmark = pytest.mark.django_db

SECTION_1 = {"use_case": "code", "organisation": "sme", "monthly_volume": "medium"}


def start_key(client) -> str:
    html = client.get("/start/").text
    return re.search(r'name="start_key" value="([0-9a-f]{32})"', html).group(1)


def test_sending_the_first_page_twice_creates_one_response(client):
    key = start_key(client)

    first = client.post("/start/", {**SECTION_1, "start_key": key})
    second = client.post("/start/", {**SECTION_1, "start_key": key})

    assert first.status_code == second.status_code == HTTPStatus.SEE_OTHER
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(SECTION_1)


def test_two_people_starting_get_two_responses(client):
    client.post("/start/", {**SECTION_1, "start_key": start_key(client)})
    client.post("/start/", {**SECTION_1, "start_key": start_key(client)})

    assert Response.objects.count() == 2


def test_a_malformed_start_key_is_ignored_not_an_error(client):
    response = client.post("/start/", {**SECTION_1, "start_key": "not-a-key"})

    assert response.status_code == HTTPStatus.SEE_OTHER
    assert Response.objects.get().start_key is None


def test_an_invalid_first_page_keeps_its_start_key(client):
    key = start_key(client)

    page = client.post("/start/", {"use_case": "code", "start_key": key})

    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert f'name="start_key" value="{key}"' in page.text


def test_replaying_someone_elses_start_key_never_hands_out_their_resume_link(client):
    key = start_key(client)
    theirs = client.post("/start/", {**SECTION_1, "start_key": key})

    replayer = Client()
    start_key(replayer)  # a visitor of their own, with their own cookies
    mine = replayer.post("/start/", {**SECTION_1, "start_key": key})

    assert mine.status_code == HTTPStatus.SEE_OTHER
    assert mine["Location"] != theirs["Location"]
    assert Response.objects.count() == 2
    first = Response.objects.get(resume_token=theirs["Location"].split("/")[2])
    assert first.resume_token not in mine["Location"]
