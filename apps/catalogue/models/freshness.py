"""Keeping the catalogue current: which published catalogue entry a models.dev
id stands for, and the changes a sync proposes for curators to decide on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.catalogue.models.catalogue import AIModel, choices_check
from apps.catalogue.models.offers import Offer


class ModelsDevMapping(models.Model):
    """models.dev `provider/model` id → catalogue model (and the offer whose
    prices it lists). Explicit data a curator can fix; `ignored` ids are never
    proposed as missing models."""

    models_dev_provider = models.CharField("models.dev provider", max_length=100)
    models_dev_model = models.CharField("models.dev model id", max_length=200)
    model = models.ForeignKey(
        AIModel, null=True, blank=True, on_delete=models.CASCADE, related_name="models_dev_ids"
    )
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="models_dev_ids",
        help_text="The offer whose prices this listing gives. Model facts (limits, release "
        "date) are taken only from the maker's own listing.",
    )
    ignored = models.BooleanField(
        default=False, help_text="Not a catalogue model: never propose it as missing."
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "models.dev mapping"
        ordering = ["models_dev_provider", "models_dev_model"]
        constraints = [
            models.UniqueConstraint(
                fields=["models_dev_provider", "models_dev_model"], name="modelsdev_unique_id"
            ),
            models.CheckConstraint(
                condition=Q(ignored=True) | Q(model__isnull=False),
                name="modelsdev_mapped_or_ignored",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.models_dev_provider}/{self.models_dev_model}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ProposalKind(models.TextChoices):
    UPDATE = "update", "Changed fact"
    NEW_MODEL = "new_model", "Missing model"


class ProposedChange(models.Model):
    """One difference between a published source and the catalogue. Nothing is
    applied until a curator accepts it; a rejected proposal is remembered, so
    the next sync does not propose it again."""

    Status = ProposalStatus
    Kind = ProposalKind

    kind = models.CharField(max_length=10, choices=ProposalKind.choices)
    model = models.ForeignKey(
        AIModel, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    field = models.CharField(max_length=60, blank=True)
    current_value = models.JSONField(null=True, blank=True)
    proposed_value = models.JSONField(null=True, blank=True)
    source_key = models.CharField(
        max_length=300, help_text="The entry in the source, e.g. openai/gpt-4o-mini."
    )
    source_name = models.CharField(max_length=100)
    source_url = models.URLField("source URL", max_length=500)
    source_date = models.DateField("source as of")
    summary = models.TextField(blank=True)
    source_older_than_fact = models.BooleanField(
        "source older than the catalogue's fact",
        default=False,
        help_text="The source is dated before the catalogue's fact: it may be out of date.",
    )
    fingerprint = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "proposed change"
        ordering = ["status", "-created_at", "source_key", "field"]
        indexes = [models.Index(fields=["status", "created_at"], name="proposal_status_created")]
        constraints = [
            choices_check("status", ProposalStatus, "proposal_status_valid"),
            choices_check("kind", ProposalKind, "proposal_kind_valid"),
        ]

    def __str__(self) -> str:
        if self.kind == ProposalKind.NEW_MODEL:
            return f"New model {self.source_key}"
        target = self.offer or self.model
        return f"{target}: {self.field} {self.current_value!r} → {self.proposed_value!r}"
