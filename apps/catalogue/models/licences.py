"""Licences: their kind, terms, obligations and the clauses quoted from them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.catalogue.fields import LinesListField
from apps.catalogue.models.common import choices_check, review_cutoff
from apps.catalogue.models.vocabulary import MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL


class LicenceKind(models.TextChoices):
    PERMISSIVE = "permissive", "Permissive"
    COPYLEFT = "copyleft", "Copyleft"
    OPEN_WEIGHTS_RESTRICTED = "open_weights_restricted", "Open weights with restrictions"
    NON_COMMERCIAL = "non_commercial", "Non-commercial"
    PROPRIETARY = "proprietary", "Proprietary"


# Topics of the licence clauses the licence checklist quotes
# (apps/recommendations/licence_checklist.py).
LICENCE_CLAUSE_TOPICS = (
    "commercial_use",
    "redistribution",
    "attribution",
    "user_cap",
    "modification",
    "acceptable_use",
)
MESSAGE_CLAUSES_SHAPE = (
    'Clauses are {"<topic>": {"quote": "…", "section": "…", "url": "https://…"}}; '
    "the quote is required, section and URL are optional."
)


def clauses_errors(clauses: object) -> list[str]:
    """What is wrong with a licence's `clauses` value, in words (empty when fine)."""
    if not isinstance(clauses, dict):
        return [MESSAGE_CLAUSES_SHAPE]
    errors = []
    for topic, clause in clauses.items():
        if topic not in LICENCE_CLAUSE_TOPICS:
            errors.append(
                f"Unknown clause topic {topic!r}: use one of {', '.join(LICENCE_CLAUSE_TOPICS)}."
            )
            continue
        if (
            not isinstance(clause, dict)
            or not isinstance(clause.get("quote"), str)
            or not clause["quote"].strip()
            or set(clause) - {"quote", "section", "url"}
            or not all(isinstance(clause.get(key, ""), str) for key in ("section", "url"))
        ):
            errors.append(f"{topic}: {MESSAGE_CLAUSES_SHAPE}")
        elif clause.get("url") and not clause["url"].startswith(("https://", "http://")):
            errors.append(f"{topic}: the clause URL must start with https:// or http://.")
    return errors


class Licence(models.Model):
    Kind = LicenceKind

    slug = models.SlugField(max_length=100, unique=True)
    spdx_id = models.CharField("SPDX id", max_length=100, blank=True)
    name = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    commercial_use = models.BooleanField()
    modification = models.BooleanField()
    redistribution = models.BooleanField()
    attribution_required = models.BooleanField()
    acceptable_use_policy_url = models.URLField(
        "acceptable-use policy URL", max_length=500, blank=True
    )
    user_cap = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Monthly active users above which a separate licence is needed.",
    )
    osi_approved = models.BooleanField("OSI-approved", default=False)
    obligations = LinesListField(help_text="One obligation per line, in plain language.")
    clauses = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "Verbatim clauses the licence checklist quotes, by topic "
            f"({', '.join(LICENCE_CLAUSE_TOPICS)}): "
            '{"user_cap": {"quote": "…", "section": "§2", "url": "https://…"}}. '
            "Copy them from the licence text itself; leave a topic out rather than paraphrase."
        ),
    )
    service_counts_as_distribution = models.BooleanField(
        null=True,
        blank=True,
        help_text=(
            "Whether offering the model to others as a service, or in a product they use, "
            "triggers the licence's distribution conditions even when no copy is shipped. "
            "Empty when not verified in the licence text."
        ),
    )
    notes = models.TextField(blank=True)
    source_url = models.URLField("source URL", max_length=500)
    as_of = models.DateField("facts as of")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_check("kind", LicenceKind, "licence_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind="non_commercial", commercial_use=True),
                name="licence_non_commercial_forbids_commercial_use",
            ),
            models.CheckConstraint(
                condition=Q(user_cap__gt=0) | Q(user_cap__isnull=True),
                name="licence_user_cap_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.clauses is None:  # an emptied admin field
            self.clauses = {}
        if self.kind == self.Kind.NON_COMMERCIAL and self.commercial_use:
            errors["commercial_use"] = [MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL]
        if problems := clauses_errors(self.clauses):
            errors["clauses"] = problems
        if errors:
            raise ValidationError(errors)

    @property
    def needs_review(self) -> bool:
        return self.as_of < review_cutoff()
