from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.questionnaire.definitions import SECTION_COUNT

RESUME_TOKEN_BYTES = 32  # 256 bits; a private link needs at least 128


def new_resume_token() -> str:
    return secrets.token_urlsafe(RESUME_TOKEN_BYTES)


class Response(models.Model):
    """One person's run through the questionnaire, reachable by its private token.

    Created when the first page of answers is submitted, never on a GET.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resume_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_resume_token,
        editable=False,
        help_text="Private: anyone with the link can see and change the answers.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When every question first had an answer."
    )
    start_key = models.CharField(
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Random key of the step-1 form that created it: a resent form finds it again.",
    )
    furthest_section = models.PositiveSmallIntegerField(
        default=0, help_text="The highest section number whose answers were saved."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(furthest_section__gte=0, furthest_section__lte=SECTION_COUNT),
                name="questionnaire_response_furthest_section_in_range",
            ),
        ]

    def __str__(self) -> str:
        # Never the token: it is a credential.
        return f"Response {self.pk}"


class Answer(models.Model):
    """One answer: a question slug and an option key from definitions.py."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question_slug = models.CharField(max_length=40)
    option_key = models.CharField(max_length=40)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_slug"],
                name="questionnaire_answer_one_per_question",
            ),
            models.CheckConstraint(
                condition=~Q(option_key=""), name="questionnaire_answer_option_key_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(question_slug=""), name="questionnaire_answer_question_slug_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_slug}={self.option_key}"
