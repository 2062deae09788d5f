from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.questionnaire import services
from apps.questionnaire.definitions import SECTIONS, get_section
from apps.questionnaire.models import Answer, Response
from apps.questionnaire.selectors import (
    response_answers,
    response_get,
    sections_incomplete,
)
from apps.questionnaire.services import response_answer_section, response_start
from tests.questionnaire.conftest import first_answers

pytestmark = pytest.mark.django_db


def test_a_new_response_has_a_long_private_token_and_no_answers():
    response = response_start()

    assert len(response.resume_token) >= 43  # 32 random bytes, URL-safe base64
    assert response.furthest_section == 0
    assert response.completed_at is None
    assert response_answers(response=response) == {}
    assert response_start().resume_token != response.resume_token


def test_the_token_finds_its_response_and_nothing_else():
    response = response_start()

    assert response_get(token=response.resume_token) == response
    assert response_get(token="not-a-token") is None
    assert response_get(token="") is None


def test_answering_a_section_saves_every_answer_of_the_page():
    response = response_start()
    section = get_section(2)

    response_answer_section(
        response=response,
        section=section,
        data={
            "data_sensitivity": "personal",
            "data_location": "region",
            "data_region": "eu",
            "auditability": "unsure",
        },
    )

    assert response_answers(response=response) == {
        "data_sensitivity": "personal",
        "data_location": "region",
        "data_region": "eu",
        "auditability": "unsure",
    }
    response.refresh_from_db()
    assert response.furthest_section == 2


def test_the_jurisdiction_is_required_only_when_data_must_stay_in_one_and_dropped_otherwise():
    response = response_start()
    section = get_section(2)
    page = {"data_sensitivity": "personal", "auditability": "unsure"}

    with pytest.raises(ValidationError) as raised:
        response_answer_section(
            response=response, section=section, data={**page, "data_location": "region"}
        )
    assert set(raised.value.message_dict) == {"data_region"}

    response_answer_section(
        response=response,
        section=section,
        data={**page, "data_location": "region", "data_region": "uk"},
    )
    response_answer_section(
        response=response,
        section=section,
        data={**page, "data_location": "anywhere", "data_region": "uk"},
    )
    assert "data_region" not in response_answers(response=response)


def test_submitting_the_same_page_twice_keeps_one_answer_per_question():
    response = response_start()
    section = get_section(1)
    data = first_answers(section)

    response_answer_section(response=response, section=section, data=data)
    response_answer_section(response=response, section=section, data={**data, "use_case": "code"})

    assert Answer.objects.filter(response=response).count() == len(section.questions)
    assert response_answers(response=response)["use_case"] == "code"


def test_an_invalid_page_saves_nothing_and_keeps_earlier_answers():
    response = response_start()
    section = get_section(1)
    response_answer_section(response=response, section=section, data=first_answers(section))
    before = response_answers(response=response)

    for bad in (
        {**first_answers(section), "use_case": "hacked"},
        {**first_answers(section), "use_case": ""},
        {"use_case": "code"},
        {**first_answers(section), "budget": "small"},
    ):
        with pytest.raises(ValidationError):
            response_answer_section(response=response, section=section, data=bad)

    assert response_answers(response=response) == before


def test_the_error_messages_name_what_is_wrong():
    response = response_start()
    section = get_section(7)

    with pytest.raises(ValidationError) as error:
        response_answer_section(
            response=response,
            section=section,
            data={"commercial_use": "unsure", "budget": "small"},
        )

    assert error.value.message_dict == {
        "commercial_use": [services.UNKNOWN_OPTION],
        "redistribution": [services.ANSWER_MISSING],
        "budget": [services.QUESTION_NOT_IN_SECTION],
    }


def test_the_furthest_section_never_goes_back():
    response = response_start()
    response_answer_section(
        response=response, section=get_section(3), data=first_answers(get_section(3))
    )
    response_answer_section(
        response=response, section=get_section(1), data=first_answers(get_section(1))
    )

    response.refresh_from_db()
    assert response.furthest_section == 3


def test_a_response_is_completed_when_every_question_has_an_answer(make_response):
    response = make_response(through=6)
    assert response.completed_at is None
    assert [
        section.number
        for section in sections_incomplete(answers=response_answers(response=response))
    ] == [7]

    response_answer_section(
        response=response, section=SECTIONS[-1], data=first_answers(SECTIONS[-1])
    )

    response.refresh_from_db()
    assert response.completed_at is not None
    completed_at = response.completed_at
    response_answer_section(response=response, section=SECTIONS[0], data=first_answers(SECTIONS[0]))
    response.refresh_from_db()
    assert response.completed_at == completed_at


def test_the_database_refuses_an_empty_key_and_a_second_answer_to_one_question():
    response = response_start()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question_slug="use_case", option_key="")
    Answer.objects.create(response=response, question_slug="use_case", option_key="code")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question_slug="use_case", option_key="research")


def test_the_database_keeps_the_furthest_section_within_the_questionnaire():
    response = response_start()
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.filter(pk=response.pk).update(furthest_section=8)


def test_the_token_never_appears_in_the_string_form_of_a_response():
    response = response_start()
    assert response.resume_token not in str(response)
