from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Verdict(models.TextChoices):
    OPEN = "open", "Open source"
    CLOSED = "closed", "Closed source"
    HYBRID = "hybrid", "Hybrid"
    NONE = "none", "Nothing fits"


class Result(models.Model):
    """A frozen recommendation: the answers, the engine's full output and
    its version, exactly as the author saw them. Never recomputed in place."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        "questionnaire.Response", on_delete=models.CASCADE, related_name="results"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    requested_at = models.DateTimeField(
        default=timezone.now, help_text="When its author last asked for it (the current result)."
    )
    engine_version = models.CharField(max_length=20)
    answers = models.JSONField(help_text="Question slug → option key, as answered.")
    recommendation = models.JSONField(
        help_text="The engine's Recommendation.to_dict(), its excluded list cut to the first "
        "EXCLUDED_KEPT models (the summary counts them all)."
    )
    excluded_count = models.PositiveIntegerField(default=0)
    excluded_summary = models.JSONField(
        default=list,
        blank=True,  # nothing removed (or an empty catalogue): an empty list
        help_text="Every reason that removed models: [{reason, count, examples}].",
    )
    digest = models.CharField(
        max_length=64, help_text="Hash of answers, engine version and catalogue state."
    )
    catalogue_fingerprint = models.CharField(max_length=64)
    evidence = models.JSONField(
        default=dict,
        blank=True,
        help_text="The cost evidence and shortlisted offers the engine read, as they were: "
        "{gpu_prices, throughput, offers}.",
    )
    catalogue_size = models.PositiveIntegerField()
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    score = models.FloatField()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "digest"], name="recommendations_result_once_per_state"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=-1) & Q(score__lte=1), name="recommendations_score_in_range"
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="recommendations_verdict_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} ({self.score:+.2f}) on {self.created_at:%Y-%m-%d}"


DISPLAY_NAME_MAX_LENGTH = 60


def new_share_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


class ShareLink(models.Model):
    """A read-only link to an author's current frozen result.

    It belongs to the author's questionnaire, not to one result, so it keeps
    working (and shows the new result) when the author changes their answers
    and makes a new recommendation. Its author can revoke it or make a new
    one (which revokes the old); a revoked link shows nothing."""

    response = models.ForeignKey(
        "questionnaire.Response", on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    author_name = models.CharField(
        max_length=DISPLAY_NAME_MAX_LENGTH,
        blank=True,
        help_text="How colleagues see the author, as the author chose; blank for anonymous.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["response"],
                condition=Q(revoked_at__isnull=True),
                name="recommendations_one_live_share_link",
            )
        ]

    def __str__(self) -> str:  # never shows the token
        state = "revoked" if self.revoked_at else "live"
        return f"Share link for answers {self.response_id} ({state})"


from apps.recommendations.team_models import Participant, TeamDecision  # noqa: E402,F401
