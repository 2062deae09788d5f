"""Reads of questionnaire responses, for this app and for the recommendation."""

from __future__ import annotations

from collections.abc import Mapping

from apps.questionnaire.definitions import QUESTIONS_BY_SLUG, SECTIONS, Section
from apps.questionnaire.models import Response


def response_get(*, token: str) -> Response | None:
    """The response whose private resume token this is, or None."""
    return Response.objects.filter(resume_token=token).first()


def response_answers(*, response: Response) -> dict[str, str]:
    """``{question slug: option key}`` for every answered question, in questionnaire order.

    Rows whose slug or key the questionnaire no longer knows are left out, so
    callers only ever see keys that definitions.py (and the engine) accept.
    """
    stored = dict(response.answers.values_list("question_slug", "option_key"))
    return {
        slug: stored[slug]
        for slug, question in QUESTIONS_BY_SLUG.items()
        if slug in stored and question.option(stored[slug]) is not None
    }


def sections_incomplete(*, answers: Mapping[str, str]) -> list[Section]:
    """The sections, in order, with at least one unanswered question.

    A question asked only after a given answer (data_region) never makes a
    section incomplete: its page requires it when it is asked, and answers
    stored before it existed stay complete (the engine counts it unsure)."""
    return [
        section
        for section in SECTIONS
        if any(
            question.slug not in answers and question.asked_if is None
            for question in section.questions
        )
    ]


def response_is_complete(*, answers: Mapping[str, str]) -> bool:
    return not sections_incomplete(answers=answers)
