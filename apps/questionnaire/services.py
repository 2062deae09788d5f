"""Writes to questionnaire responses. Views call these; nothing else saves answers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from apps.questionnaire.definitions import QUESTIONS_BY_SLUG, Section, get_section, is_asked
from apps.questionnaire.models import Answer, Response
from apps.questionnaire.selectors import sections_incomplete

UNKNOWN_SECTION = "This is not a section of the questionnaire."
QUESTION_NOT_IN_SECTION = "This question is not on this page."
ANSWER_MISSING = "Every question on the page needs an answer."
UNKNOWN_OPTION = "This is not one of the options of this question."


START_KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")


@transaction.atomic
def response_start(*, start_key: str | None = None) -> Response:
    """A new, empty response with a fresh private resume token.

    `start_key` is the random key of the step-1 form (see `new_start_key`):
    sending the same form twice (a double click, a resend after a lost reply)
    returns the response the first one created instead of a second one."""
    if start_key is not None and not START_KEY_PATTERN.match(start_key):
        start_key = None
    if start_key is not None:
        existing = Response.objects.filter(start_key=start_key).first()
        if existing is not None:
            return existing
    response = Response(start_key=start_key)
    # The database enforces the token's uniqueness; checking it here would
    # only cost queries for a 256-bit random value.
    response.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:  # the same form, sent at the same moment, won
        return Response.objects.get(start_key=start_key)
    return response


def new_start_key() -> str:
    return uuid.uuid4().hex


def start_key_for_browser(*, form_key: str, browser_secret: str) -> str | None:
    """The start key to store for a step-1 form sent by one browser.

    The form's random key is in its HTML, which can outlive the visit (a
    shared computer's history, a saved page). Bound to the browser's own
    secret (its CSRF cookie), the key finds the response again only for the
    browser that sent it first: the same key from anyone else starts a new
    response instead of handing out the first one's resume link. None (no
    de-duplication) without a well-formed key or a secret."""
    if not START_KEY_PATTERN.match(form_key or "") or not browser_secret:
        return None
    return salted_hmac(
        "questionnaire.start_key", f"{form_key}:{browser_secret}", algorithm="sha256"
    ).hexdigest()[:32]


def _validate_section_answers(*, section: Section, data: Mapping[str, str]) -> dict[str, str]:
    if get_section(section.number) != section:
        raise ValidationError(UNKNOWN_SECTION, code="unknown_section")
    errors: dict[str, str] = {}
    for slug in data:
        if slug not in section.slugs:
            errors[slug] = QUESTION_NOT_IN_SECTION
    asked = [question.slug for question in section.questions if is_asked(question, data)]
    for slug in asked:
        key = data.get(slug)
        if not key:
            errors[slug] = ANSWER_MISSING
        elif QUESTIONS_BY_SLUG[slug].option(key) is None:
            errors[slug] = UNKNOWN_OPTION
    if errors:
        raise ValidationError(errors)
    return {slug: data[slug] for slug in asked}


@transaction.atomic
def response_answer_section(
    *, response: Response, section: Section, data: Mapping[str, str]
) -> Response:
    """Save every answer of one page at once, replacing earlier answers to it.

    ``data`` must answer every question of ``section`` with one of its keys and
    nothing else; otherwise ValidationError and nothing is written. Submitting
    the same page twice leaves one answer per question (an upsert on the
    (response, question) unique constraint, so even concurrent submissions
    cannot duplicate).
    """
    answers = _validate_section_answers(section=section, data=data)
    now = timezone.now()
    # An answer to a question these answers no longer ask (a jurisdiction,
    # once data may go anywhere) is removed rather than left to mislead.
    Answer.objects.filter(
        response=response,
        question_slug__in=[slug for slug in section.slugs if slug not in answers],
    ).delete()
    Answer.objects.bulk_create(
        [
            Answer(response=response, question_slug=slug, option_key=key, answered_at=now)
            for slug, key in answers.items()
        ],
        update_conflicts=True,
        unique_fields=["response", "question_slug"],
        update_fields=["option_key", "answered_at"],
    )
    stored = dict(
        Answer.objects.filter(response=response, question_slug__in=QUESTIONS_BY_SLUG).values_list(
            "question_slug", "option_key"
        )
    )
    complete = not sections_incomplete(answers=stored)
    changes: dict[str, object] = {
        "updated_at": now,
        "furthest_section": Greatest(F("furthest_section"), section.number),
    }
    if complete:
        changes["completed_at"] = Coalesce(F("completed_at"), Value(now))
    Response.objects.filter(pk=response.pk).update(**changes)
    response.updated_at = now
    response.furthest_section = max(response.furthest_section, section.number)
    if complete and response.completed_at is None:
        response.completed_at = now
    return response
