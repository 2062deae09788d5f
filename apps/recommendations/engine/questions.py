"""The one definition of the questionnaire, indexed.

`questionnaire.py` writes the sections and questions out once; this module
indexes them and answers what the rest of the engine asks of answers. The
questionnaire app's forms, views and templates, the engine, the method page
and the tests all read these very objects (apps/questionnaire/definitions.py
only re-exports them). Which factors an answer feeds is the rule table's to
say; `Question.factors` reads it. Plain Python, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .question_types import (
    IMPORTANCE_KEYS,
    IMPORTANCE_OPTIONS,
    UNKNOWN_OPTION,
    UNKNOWN_QUESTION,
    UNSURE,
    UNSURE_HINT,
    UNSURE_HINT_FIGURE,
    UNSURE_LABEL,
    Option,
    Question,
    QuestionKind,
    Section,
    is_asked_after,
)
from .questionnaire import SECTIONS

__all__ = [
    "ASKED_ONLY_IF",
    "IMPORTANCE_KEYS",
    "IMPORTANCE_OPTIONS",
    "QUESTIONS",
    "QUESTIONS_BY_SLUG",
    "SECTIONS",
    "SECTIONS_BY_NUMBER",
    "SECTION_COUNT",
    "SECTION_OF_QUESTION",
    "UNKNOWN_OPTION",
    "UNKNOWN_QUESTION",
    "UNSURE",
    "UNSURE_HINT",
    "UNSURE_HINT_FIGURE",
    "UNSURE_LABEL",
    "Option",
    "Question",
    "QuestionKind",
    "Section",
    "get_section",
    "is_asked",
    "resolve_answers",
    "validate_answers",
]


SECTION_COUNT = len(SECTIONS)
SECTIONS_BY_NUMBER: Mapping[int, Section] = MappingProxyType(
    {section.number: section for section in SECTIONS}
)
QUESTIONS: tuple[Question, ...] = tuple(
    question for section in SECTIONS for question in section.questions
)
QUESTIONS_BY_SLUG: Mapping[str, Question] = MappingProxyType(
    {question.slug: question for question in QUESTIONS}
)
SECTION_OF_QUESTION: Mapping[str, Section] = MappingProxyType(
    {question.slug: section for section in SECTIONS for question in section.questions}
)
ASKED_ONLY_IF: Mapping[str, tuple[str, str]] = MappingProxyType(
    {question.slug: question.asked_if for question in QUESTIONS if question.asked_if}
)
"""Questions asked only after a given answer to another question."""


def get_section(number: int) -> Section | None:
    return SECTIONS_BY_NUMBER.get(number)


def is_asked(question: Question | str, answers: Mapping[str, object]) -> bool:
    """Whether the answers so far ask this question (data_region only when
    data must stay in one jurisdiction)."""
    if isinstance(question, str):
        return is_asked_after(ASKED_ONLY_IF.get(question), answers)
    return is_asked_after(question.asked_if, answers)


def validate_answers(answers: Mapping[str, object]) -> dict[str, str]:
    """Return ``{slug: error message}`` for unknown slugs and unknown keys.

    Missing questions are not errors: the engine counts them as ``unsure``
    (or ``no`` for the two licence questions) and lists them as assumptions.
    """
    errors: dict[str, str] = {}
    for slug, key in answers.items():
        question = QUESTIONS_BY_SLUG.get(slug) if isinstance(slug, str) else None
        if question is None:
            errors[str(slug)] = UNKNOWN_QUESTION
        elif not isinstance(key, str) or key not in question.keys:
            errors[slug] = UNKNOWN_OPTION
    return errors


def resolve_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Every question's effective key, missing ones set to their neutral key;
    a question not asked (see `ASKED_ONLY_IF`) counts as ``unsure``."""
    resolved = {
        question.slug: answers.get(question.slug, question.neutral_key) for question in QUESTIONS
    }
    for slug, condition in ASKED_ONLY_IF.items():
        if not is_asked_after(condition, resolved):
            resolved[slug] = UNSURE
    return resolved


def _check() -> None:
    for question in QUESTIONS:
        section = SECTION_OF_QUESTION[question.slug]
        assert question.section == section.number, question.slug
        if question.asked_if is not None:
            slug, key = question.asked_if
            assert key in QUESTIONS_BY_SLUG[slug].option_keys, question.slug
        if question.importance:
            assert question.option_keys == IMPORTANCE_KEYS, question.slug


_check()
