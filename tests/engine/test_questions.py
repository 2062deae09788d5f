from __future__ import annotations

from apps.questionnaire import definitions
from apps.recommendations.engine import (
    IMPORTANCE_KEYS,
    QUESTIONS,
    QUESTIONS_BY_SLUG,
    UNKNOWN_OPTION,
    UNKNOWN_QUESTION,
    UNSURE,
    validate_answers,
)

SPEC_KEYS = {
    "use_case": ("assistant", "documents", "code", "product", "automation", "research"),
    "organisation": ("individual", "startup", "sme", "enterprise", "public_sector", "academic"),
    "monthly_volume": ("low", "medium", "high", "very_high"),
    "data_sensitivity": ("public", "internal", "personal", "special"),
    "data_location": ("anywhere", "region", "own_infrastructure"),
    "data_region": ("eu", "uk", "us", "other"),
    "auditability": IMPORTANCE_KEYS,
    "budget": ("minimal", "small", "medium", "large", "unlimited"),
    "cost_model": ("pay_per_use", "fixed", "no_preference"),
    "customisation": ("as_is", "prompting", "fine_tune", "modify"),
    "lock_in": IMPORTANCE_KEYS,
    "expertise": ("none", "some", "team"),
    "support": ("community", "business", "sla"),
    "capability_need": IMPORTANCE_KEYS,
    "time_to_market": ("weeks", "months", "no_rush"),
    "security_exposure": ("low", "moderate", "high"),
    "standardisation": IMPORTANCE_KEYS,
    "commercial_use": ("yes", "no"),
    "redistribution": ("yes", "no"),
}
SPEC_SECTIONS = {
    1: ("use_case", "organisation", "monthly_volume"),
    2: ("data_sensitivity", "data_location", "data_region", "auditability"),
    3: ("budget", "cost_model"),
    4: ("customisation", "lock_in"),
    5: ("expertise", "support", "capability_need", "time_to_market"),
    6: ("security_exposure", "standardisation"),
    7: ("commercial_use", "redistribution"),
}


def test_questions_have_the_slugs_sections_and_keys_of_the_specification():
    assert {question.slug: question.option_keys for question in QUESTIONS} == SPEC_KEYS
    for section, slugs in SPEC_SECTIONS.items():
        assert tuple(q.slug for q in QUESTIONS if q.section == section) == slugs


def test_every_question_but_the_licence_ones_offers_unsure_as_its_last_key():
    for question in QUESTIONS:
        licence_question = question.slug in ("commercial_use", "redistribution")
        assert question.allows_unsure is not licence_question
        assert (question.keys[-1] == UNSURE) is not licence_question


def test_importance_questions_are_exactly_the_four_of_the_specification():
    importance = {question.slug for question in QUESTIONS if question.importance}
    assert importance == {"auditability", "lock_in", "capability_need", "standardisation"}


def test_engine_and_questionnaire_accept_the_same_slugs_and_keys():
    questionnaire = {question.slug: question.keys for question in definitions.QUESTIONS}
    assert questionnaire == {question.slug: question.keys for question in QUESTIONS}
    for section in definitions.SECTIONS:
        for question in section.questions:
            assert QUESTIONS_BY_SLUG[question.slug].section == section.number


def test_validate_answers_accepts_every_known_key_and_missing_questions():
    assert validate_answers({}) == {}
    for question in QUESTIONS:
        for key in question.keys:
            assert validate_answers({question.slug: key}) == {}


def test_validate_answers_rejects_unknown_slugs():
    assert validate_answers({"favourite_colour": "blue"}) == {"favourite_colour": UNKNOWN_QUESTION}


def test_validate_answers_rejects_unknown_keys():
    errors = validate_answers({"budget": "enormous", "use_case": "code"})
    assert errors == {"budget": UNKNOWN_OPTION}


def test_validate_answers_rejects_unsure_for_the_licence_questions():
    assert validate_answers({"commercial_use": UNSURE}) == {"commercial_use": UNKNOWN_OPTION}


def test_validate_answers_rejects_values_that_are_not_strings():
    assert validate_answers({"budget": 100}) == {"budget": UNKNOWN_OPTION}
