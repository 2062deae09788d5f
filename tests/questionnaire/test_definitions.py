"""The questionnaire's definitions are exactly the product reference's."""

from __future__ import annotations

import ast
from pathlib import Path

from apps.questionnaire import definitions
from apps.questionnaire.definitions import QUESTIONS, QUESTIONS_BY_SLUG, SECTIONS, UNSURE

# The product reference's questionnaire, copied by hand:
# section number -> [(slug, keys without "unsure")].
IMPORTANCE = ["none", "low", "high", "critical"]
SPEC = {
    1: [
        ("use_case", ["assistant", "documents", "code", "product", "automation", "research"]),
        (
            "organisation",
            ["individual", "startup", "sme", "enterprise", "public_sector", "academic"],
        ),
        ("monthly_volume", ["low", "medium", "high", "very_high"]),
    ],
    2: [
        ("data_sensitivity", ["public", "internal", "personal", "special"]),
        ("data_location", ["anywhere", "region", "own_infrastructure"]),
        ("data_region", ["eu", "uk", "us", "other"]),
        ("auditability", IMPORTANCE),
    ],
    3: [
        ("budget", ["minimal", "small", "medium", "large", "unlimited"]),
        ("cost_model", ["pay_per_use", "fixed", "no_preference"]),
    ],
    4: [("customisation", ["as_is", "prompting", "fine_tune", "modify"]), ("lock_in", IMPORTANCE)],
    5: [
        ("expertise", ["none", "some", "team"]),
        ("support", ["community", "business", "sla"]),
        ("capability_need", IMPORTANCE),
        ("time_to_market", ["weeks", "months", "no_rush"]),
    ],
    6: [
        ("security_exposure", ["low", "moderate", "high"]),
        ("standardisation", IMPORTANCE),
    ],
    7: [("commercial_use", ["yes", "no"]), ("redistribution", ["yes", "no"])],
}
SPEC_TITLES = {
    1: "Your situation",
    2: "Transparency and trust",
    3: "Cost",
    4: "Flexibility and customisation",
    5: "Control, quality and support",
    6: "Security and standardisation",
    7: "Licence needs",
}
LICENCE_QUESTIONS = {"commercial_use", "redistribution"}
IMPORTANCE_QUESTIONS = {"auditability", "lock_in", "capability_need", "standardisation"}


def test_there_are_seven_sections_numbered_in_order_with_the_spec_titles():
    assert [section.number for section in SECTIONS] == [1, 2, 3, 4, 5, 6, 7]
    assert {section.number: section.title for section in SECTIONS} == SPEC_TITLES
    assert len({section.slug for section in SECTIONS}) == 7


def test_every_section_has_exactly_the_spec_questions_and_keys_in_order():
    for section in SECTIONS:
        expected = [
            (slug, keys + ([] if slug in LICENCE_QUESTIONS else [UNSURE]))
            for slug, keys in SPEC[section.number]
        ]
        assert [(q.slug, list(q.keys)) for q in section.questions] == expected


def test_unsure_is_offered_everywhere_except_the_two_licence_questions():
    for question in QUESTIONS:
        assert question.allows_unsure is (question.slug not in LICENCE_QUESTIONS), question.slug
        if question.allows_unsure:
            assert question.options[-1].key == UNSURE
            assert question.options[-1].label == "I don't know"


def test_importance_questions_use_none_low_high_critical_with_critical_a_must_have():
    kinds = {question.slug: question.kind for question in QUESTIONS}
    assert {slug for slug, kind in kinds.items() if kind == "importance"} == IMPORTANCE_QUESTIONS
    for slug in IMPORTANCE_QUESTIONS:
        question = QUESTIONS_BY_SLUG[slug]
        assert list(question.keys) == [*IMPORTANCE, UNSURE]
        assert "must-have" in question.option("critical").label


def test_every_question_has_a_plain_question_a_reason_and_an_error_message():
    for question in QUESTIONS:
        assert question.text.endswith("?"), question.slug
        assert len(question.help) > 40, question.slug
        assert question.error.startswith("Select "), question.slug
        assert all(option.label for option in question.options), question.slug
        assert len(set(question.keys)) == len(question.keys), question.slug


def test_every_section_has_an_intro():
    assert all(len(section.intro) > 20 for section in SECTIONS)


def test_definitions_are_plain_python_without_django():
    tree = ast.parse(Path(definitions.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {(node.module or "") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "django" for name in imported)
    # It only re-exports the engine's one definition, which is plain Python too.
    assert {name for name in imported if name.startswith("apps")} == {
        "apps.recommendations.engine.questions"
    }
