"""How open a model is, after the European Open Source AI Index and
the Model Openness Framework."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Value, When
from simple_history.models import HistoricalRecords

from apps.catalogue.fields import LinesListField
from apps.catalogue.models.catalogue import (
    MESSAGE_API_ONLY_WEIGHTS,
    MESSAGE_OPEN_NEEDS_WEIGHTS,
    AIModel,
    choices_check,
)

# --- Openness ----------------------------------------------------------------


class Openness(models.TextChoices):
    OPEN = "open", "Open"
    PARTIAL = "partial", "Partial"
    CLOSED = "closed", "Closed"


OPENNESS_POINTS = {
    Openness.OPEN: Decimal("1"),
    Openness.PARTIAL: Decimal("0.5"),
    Openness.CLOSED: Decimal("0"),
}

OPENNESS_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("weights", "Weights"),
    ("training_code", "Training code"),
    ("training_data", "Training data"),
    ("data_documentation", "Data documentation"),
    ("model_card", "Model card"),
    ("paper", "Paper"),
    ("evaluation", "Evaluation"),
)


def _openness_score_expression() -> models.Expression:
    """Mean of the seven dimensions with open = 1, partial = 0.5, closed = 0."""
    total: models.Expression | None = None
    for field, _label in OPENNESS_DIMENSIONS:
        points = Case(
            *(
                When(**{field: value}, then=Value(point))
                for value, point in OPENNESS_POINTS.items()
            ),
            default=Value(Decimal("0")),
            output_field=models.DecimalField(max_digits=2, decimal_places=1),
        )
        total = points if total is None else total + points
    return total / Value(Decimal(len(OPENNESS_DIMENSIONS)))


def openness_field(label: str) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Openness.choices, default=Openness.CLOSED)


class OpennessAssessment(models.Model):
    """How open a model is, after the European Open Source AI Index and the
    Model Openness Framework. `score` is computed by the database from the
    seven dimensions, so it can never disagree with them."""

    model = models.OneToOneField(AIModel, on_delete=models.CASCADE, related_name="openness")
    weights = openness_field("weights")
    training_code = openness_field("training code")
    training_data = openness_field("training data")
    data_documentation = openness_field("data documentation")
    model_card = openness_field("model card")
    paper = openness_field("paper")
    evaluation = openness_field("evaluation")
    score = models.GeneratedField(
        expression=_openness_score_expression(),
        output_field=models.DecimalField(max_digits=4, decimal_places=3),
        db_persist=True,
        help_text="0–1: mean of the seven parts (open 1, partial 0.5, closed 0).",
    )
    source_url = models.URLField("source URL", max_length=500)
    sources = LinesListField(urls=True, help_text="One URL per line.")
    as_of = models.DateField("assessed as of")
    notes = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["score"])

    class Meta:
        verbose_name = "openness assessment"
        constraints = [
            choices_check(field, Openness, f"openness_{field}_valid")
            for field, _label in OPENNESS_DIMENSIONS
        ]

    def __str__(self) -> str:
        return f"Openness of {self.model}"

    def clean(self) -> None:
        model = getattr(self, "model", None)
        if model is None:
            return
        if model.access == AIModel.Access.API_ONLY and self.weights != Openness.CLOSED:
            raise ValidationError({"weights": MESSAGE_API_ONLY_WEIGHTS})
        if model.access in AIModel.DOWNLOADABLE and self.weights == Openness.CLOSED:
            raise ValidationError({"weights": MESSAGE_OPEN_NEEDS_WEIGHTS})

    def dimensions(self) -> list[tuple[str, str, str]]:
        """(field, label, value) for each of the seven dimensions, in order."""
        return [(field, label, getattr(self, field)) for field, label in OPENNESS_DIMENSIONS]
