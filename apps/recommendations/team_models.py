"""Team decisions: a named decision, its organiser's and its invite links,
and the people who answer it, each under a display name (no accounts)."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from apps.recommendations.models import DISPLAY_NAME_MAX_LENGTH

TEAM_TOKEN_BYTES = 32  # 256 bits, like a resume link
DECISION_NAME_MAX_LENGTH = 120


def new_team_token() -> str:
    return secrets.token_urlsafe(TEAM_TOKEN_BYTES)


class TeamDecision(models.Model):
    """A decision a team makes together.

    Two links: the organiser's (private: it can close the decision and remove
    people) and the invite link the organiser passes on (anyone with it can
    see the decision page and join under a display name)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=DECISION_NAME_MAX_LENGTH)
    organiser_token = models.CharField(
        max_length=64, unique=True, default=new_team_token, editable=False
    )
    invite_token = models.CharField(
        max_length=64, unique=True, default=new_team_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After this, nobody joins and the counted answers are frozen.",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="recommendations_team_named"),
        ]

    def __str__(self) -> str:  # never the tokens
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Participant(models.Model):
    """One person in a team decision, with their own questionnaire.

    Their `Response` (and its private resume link) is theirs alone; the team
    page shows only their display name, progress and verdict."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(
        TeamDecision, on_delete=models.CASCADE, related_name="participants"
    )
    display_name = models.CharField(max_length=DISPLAY_NAME_MAX_LENGTH)
    response = models.OneToOneField(
        "questionnaire.Response", on_delete=models.CASCADE, related_name="team_participant"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="Removed by the organiser: their answers no longer count."
    )
    counted_result = models.ForeignKey(
        "recommendations.Result",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Their current result when the decision was closed (what counts from then on).",
    )

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                "decision",
                condition=Q(removed_at__isnull=True),
                name="recommendations_participant_name_once_per_decision",
            ),
            models.CheckConstraint(
                condition=~Q(display_name=""), name="recommendations_participant_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} in {self.decision}"
