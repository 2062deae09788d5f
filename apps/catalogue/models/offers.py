"""Offers: where and how a model can be used, at what price, on
what data terms, and for how long."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.catalogue import lifecycle
from apps.catalogue.fields import ChoiceListField
from apps.catalogue.models.catalogue import (
    MESSAGE_LIFECYCLE_NEEDS_SOURCE,
    MESSAGE_LONG_CONTEXT_NEEDS_THRESHOLD,
    MESSAGE_NEGATIVE_PRICE,
    MESSAGE_RETIRED_OFFER_NEEDS_DATE,
    MESSAGE_SUBSCRIPTION_NEEDS_UNIT,
    AIModel,
    Certification,
    LifecycleStatus,
    Region,
    choices_check,
    review_cutoff,
)

# --- Offers ------------------------------------------------------------------


def price_per_mtok_field(label: str) -> models.DecimalField:
    """An optional USD price per million tokens, never negative."""
    return models.DecimalField(
        label,
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )


class OfferKind(models.TextChoices):
    VENDOR_API = "vendor_api", "Vendor API"
    CLOUD_MARKETPLACE = "cloud_marketplace", "Cloud marketplace"
    THIRD_PARTY_HOST = "third_party_host", "Third-party host"
    SUPPORTED_SELF_HOSTING = "supported_self_hosting", "Vendor-supported self-hosting"


class ZeroDataRetention(models.TextChoices):
    DEFAULT = "default", "Nothing kept by default"
    SELF_SERVE = "self_serve", "Available, self-serve"
    ON_APPROVAL = "on_approval", "Available on the vendor's approval"
    NOT_OFFERED = "not_offered", "Not offered"


class SubscriptionUnit(models.TextChoices):
    GPU_YEAR = "gpu_year", "per GPU a year"
    NODE_YEAR = "node_year", "per node a year"


class SupportLevel(models.TextChoices):
    COMMUNITY = "community", "Community"
    BUSINESS = "business", "Business"
    ENTERPRISE = "enterprise", "Enterprise"


class Offer(models.Model):
    """Where and how a model can be used, at what price and on what terms."""

    Kind = OfferKind
    SupportLevel = SupportLevel
    Status = LifecycleStatus
    ZeroDataRetention = ZeroDataRetention

    model = models.ForeignKey(AIModel, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    host_name = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, blank=True)
    api_model_id = models.CharField("API model id", max_length=200, blank=True)
    input_price_per_mtok = price_per_mtok_field("input price (USD per 1M tokens)")
    cached_input_price_per_mtok = price_per_mtok_field("cached input price (USD per 1M tokens)")
    output_price_per_mtok = price_per_mtok_field("output price (USD per 1M tokens)")
    long_context_threshold_tokens = models.PositiveIntegerField(
        null=True, blank=True, help_text="Prompts longer than this are charged the prices below."
    )
    long_context_input_price_per_mtok = price_per_mtok_field("long-context input price")
    long_context_output_price_per_mtok = price_per_mtok_field("long-context output price")
    price_basis = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where a host has more than one price, which one this is "
        "(e.g. global cross-region vs regional).",
    )
    subscription_price_usd = models.DecimalField(
        "subscription price (USD)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
    subscription_unit = models.CharField(
        max_length=10, choices=SubscriptionUnit.choices, blank=True
    )
    regions = ChoiceListField(
        item_choices=Region.choices, help_text="Where this offer processes data."
    )
    data_retention = models.CharField(
        max_length=1000, blank=True, help_text="What is kept, for how long."
    )
    trains_on_customer_data = models.BooleanField(null=True, blank=True)
    zero_data_retention = models.CharField(
        "zero data retention", max_length=12, choices=ZeroDataRetention.choices, blank=True
    )
    data_terms_source_url = models.URLField("data terms source URL", max_length=500, blank=True)
    fine_tuning_available = models.BooleanField(null=True, blank=True)
    certifications = ChoiceListField(item_choices=Certification.choices)
    support_level = models.CharField(
        max_length=12, choices=SupportLevel.choices, default=SupportLevel.COMMUNITY
    )
    sla = models.BooleanField(
        "SLA", default=False, help_text="The host offers a contractual service-level agreement."
    )
    status = models.CharField(
        max_length=12, choices=LifecycleStatus.choices, default=LifecycleStatus.ACTIVE
    )
    shutdown_date = models.DateField(
        null=True, blank=True, help_text="From this day the offer counts as withdrawn."
    )
    lifecycle_source_url = models.URLField("lifecycle source URL", max_length=500, blank=True)
    source_url = models.URLField("source URL", max_length=500)
    as_of = models.DateField("facts as of")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["model", "output_price_per_mtok", "host_name"]
        indexes = [
            models.Index(fields=["model", "output_price_per_mtok"], name="offer_model_output_price")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "kind", "host_name"], name="offer_unique_per_host"
            ),
            choices_check("kind", OfferKind, "offer_kind_valid"),
            choices_check("support_level", SupportLevel, "offer_support_level_valid"),
            models.CheckConstraint(
                condition=Q(input_price_per_mtok__gte=0) | Q(input_price_per_mtok__isnull=True),
                name="offer_input_price_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(output_price_per_mtok__gte=0) | Q(output_price_per_mtok__isnull=True),
                name="offer_output_price_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(certifications__contained_by=Certification.values),
                name="offer_certifications_valid",
            ),
            models.CheckConstraint(
                condition=Q(regions__contained_by=Region.values), name="offer_regions_valid"
            ),
            choices_check("status", LifecycleStatus, "offer_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(shutdown_date__isnull=False),
                name="offer_retired_has_date",
            ),
            models.CheckConstraint(
                condition=Q(zero_data_retention="")
                | Q(zero_data_retention__in=ZeroDataRetention.values),
                name="offer_zero_data_retention_valid",
            ),
            models.CheckConstraint(
                condition=Q(subscription_unit="")
                | Q(subscription_unit__in=SubscriptionUnit.values),
                name="offer_subscription_unit_valid",
            ),
            models.CheckConstraint(
                condition=Q(cached_input_price_per_mtok__gte=0)
                | Q(cached_input_price_per_mtok__isnull=True),
                name="offer_cached_input_price_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(subscription_price_usd__gte=0) | Q(subscription_price_usd__isnull=True),
                name="offer_subscription_price_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model} on {self.host_name}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.status == LifecycleStatus.RETIRED and self.shutdown_date is None:
            errors.setdefault("shutdown_date", []).append(MESSAGE_RETIRED_OFFER_NEEDS_DATE)
        if (self.status != LifecycleStatus.ACTIVE or self.shutdown_date) and not (
            self.lifecycle_source_url
        ):
            errors.setdefault("lifecycle_source_url", []).append(MESSAGE_LIFECYCLE_NEEDS_SOURCE)
        if self.subscription_price_usd is not None and not self.subscription_unit:
            errors.setdefault("subscription_unit", []).append(MESSAGE_SUBSCRIPTION_NEEDS_UNIT)
        if (
            self.long_context_input_price_per_mtok is not None
            or self.long_context_output_price_per_mtok is not None
        ) and not self.long_context_threshold_tokens:
            errors.setdefault("long_context_threshold_tokens", []).append(
                MESSAGE_LONG_CONTEXT_NEEDS_THRESHOLD
            )
        if errors:
            raise ValidationError(errors)

    def lifecycle(self, today: dt.date | None = None) -> lifecycle.Lifecycle:
        today = today or timezone.localdate()
        return lifecycle.Lifecycle(
            status=lifecycle.status_on(self.status, self.shutdown_date, today),
            shutdown_date=self.shutdown_date,
            stored_status=self.status,
        )

    @property
    def current_lifecycle(self) -> lifecycle.Lifecycle:
        return self.lifecycle()

    @property
    def has_data_terms(self) -> bool:
        """Retention and training on customer data are both stated."""
        return bool(self.data_retention) and self.trains_on_customer_data is not None

    @property
    def needs_review(self) -> bool:
        return self.as_of < review_cutoff()
