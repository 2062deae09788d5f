from __future__ import annotations

from http import HTTPStatus

import pytest

from apps.questionnaire.definitions import QUESTIONS
from apps.recommendations import engine

pytestmark = pytest.mark.django_db


def test_the_method_page_explains_every_question_and_factor(client):
    page = client.get("/method/")

    assert page.status_code == HTTPStatus.OK
    for question in QUESTIONS:
        assert f'id="q-{question.slug}"' in page.text
    for factor in engine.FACTORS:
        assert f'id="factor-{factor.key}"' in page.text
    assert f"engine version {engine.ENGINE_VERSION}" in page.text


def test_the_method_page_states_the_thresholds_and_cost_assumptions_the_engine_uses(
    client, settings
):
    settings.GPU_HOURLY_PRICE_USD = 3.75
    rules = engine.method_rules()

    text = client.get("/method/").text

    assert f"{rules['verdict']['threshold']:+.2f}" in text
    assert "$3.75 per GPU-hour" in text
    for constraint in rules["hard_constraints"]:
        assert constraint["text"].replace("'", "&#x27;") in text
