from __future__ import annotations

import html
from http import HTTPStatus

import pytest

from apps.recommendations import engine
from apps.recommendations.engine import QUESTIONS

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


def test_the_method_page_shows_each_questions_help_and_the_factors_it_feeds(client):
    """Read from the questionnaire's one definition, like the form."""
    text = html.unescape(client.get("/method/").text)
    labels = {factor.key: factor.label for factor in engine.FACTORS}

    for question in QUESTIONS:
        block = text.split(f'id="q-{question.slug}"', 1)[1].split('class="method-question"', 1)[0]
        assert question.help in block, question.slug
        assert question.unknown_means in block, question.slug
        if question.factors:
            assert "Feeds: " + ", ".join(labels[key] for key in question.factors) in block
        else:
            assert "Feeds no factor." in block, question.slug
