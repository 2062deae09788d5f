from __future__ import annotations

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
        help_text="Every reason that removed models: [{reason, count, examples}].",
    )
    digest = models.CharField(
        max_length=64, help_text="Hash of answers, engine version and catalogue state."
    )
    catalogue_fingerprint = models.CharField(max_length=64)
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
