"""The questionnaire asks exactly what the decision engine reads.

apps/recommendations/engine/questions.py holds the canonical slugs, sections
and keys; definitions.py holds the wording. They must never drift apart.
"""

from __future__ import annotations

from apps.questionnaire.definitions import QUESTIONS, SECTIONS
from apps.recommendations.engine import questions as engine


def test_the_questionnaire_asks_the_engines_questions_in_the_same_order():
    assert [question.slug for question in QUESTIONS] == [q.slug for q in engine.QUESTIONS]


def test_each_question_is_in_the_same_section_as_in_the_engine():
    ours = {question.slug: section.number for section in SECTIONS for question in section.questions}
    assert ours == {question.slug: question.section for question in engine.QUESTIONS}


def test_each_question_offers_exactly_the_engines_keys_in_order():
    ours = {question.slug: question.keys for question in QUESTIONS}
    assert ours == {question.slug: question.keys for question in engine.QUESTIONS}


def test_unsure_and_importance_questions_agree_with_the_engine():
    for question in QUESTIONS:
        theirs = engine.QUESTIONS_BY_SLUG[question.slug]
        assert question.allows_unsure is theirs.allows_unsure, question.slug
        assert (question.kind == "importance") is theirs.importance, question.slug


def test_sections_have_the_engines_numbers_and_titles():
    assert {section.number: section.title for section in SECTIONS} == dict(engine.SECTIONS)


def test_every_answer_the_form_accepts_is_valid_for_the_engine():
    answers = {question.slug: question.keys[-1] for question in QUESTIONS}
    assert engine.validate_answers(answers) == {}
