"""The model catalogue: providers and models (licences are in `licences`,
openness in `openness`, offers in `offers`).

Field names follow the launch data schema (apps/catalogue/data/), so loading
is a straight mapping. Rules that must hold for every row live in the database
as constraints; rules that need a curator's explanation live in `clean()`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.catalogue import lifecycle
from apps.catalogue.fields import ChoiceListField, JsonGinIndex, LinesListField
from apps.catalogue.models.vocabulary import (  # noqa: F401  (re-exported)
    BYTES_PER_PARAMETER,
    MESSAGE_ACTIVE_EXCEEDS_TOTAL,
    MESSAGE_API_ONLY_WEIGHTS,
    MESSAGE_KNOWLEDGE_CUTOFF,
    MESSAGE_LIFECYCLE_NEEDS_SOURCE,
    MESSAGE_LONG_CONTEXT_NEEDS_THRESHOLD,
    MESSAGE_NEGATIVE_PRICE,
    MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL,
    MESSAGE_OPEN_NEEDS_WEIGHTS,
    MESSAGE_OPEN_PROPRIETARY_LICENCE,
    MESSAGE_RESERVED_SLUG,
    MESSAGE_RETIRED_NEEDS_DATE,
    MESSAGE_RETIRED_OFFER_NEEDS_DATE,
    MESSAGE_SCORE_NEEDS_BENCHMARK,
    MESSAGE_SCORE_NEEDS_INDEX,
    MESSAGE_SCORE_NEEDS_SOURCE,
    MESSAGE_SUBSCRIPTION_NEEDS_UNIT,
    MODALITY_BITS,
    RESERVED_SLUGS,
    Certification,
    Modality,
    Precision,
    Region,
)

if TYPE_CHECKING:
    from apps.catalogue.models.offers import Offer

from apps.catalogue.models.common import (  # noqa: F401  (re-exported)
    REVIEW_AFTER_DAYS,
    choices_check,
    review_cutoff,
)
from apps.catalogue.models.licences import (  # noqa: F401  (re-exported)
    LICENCE_CLAUSE_TOPICS,
    MESSAGE_CLAUSES_SHAPE,
    Licence,
    LicenceKind,
    clauses_errors,
)

# --- Providers -------------------------------------------------------------


class ProviderKind(models.TextChoices):
    COMPANY = "company", "Company"
    NON_PROFIT = "non_profit", "Non-profit"
    ACADEMIC = "academic", "Academic"
    COMMUNITY = "community", "Community"


class Provider(models.Model):
    Kind = ProviderKind

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    website = models.URLField(max_length=500, blank=True)
    source_url = models.URLField("source URL", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [choices_check("kind", ProviderKind, "provider_kind_valid")]

    def __str__(self) -> str:
        return self.name


# --- Models ------------------------------------------------------------------


class AIModelQuerySet(models.QuerySet["AIModel"]):
    def published(self) -> AIModelQuerySet:
        return self.filter(is_published=True)

    def with_review_state(self, today: dt.date | None = None) -> AIModelQuerySet:
        """Annotate `needs_review`: see `AIModel.needs_review_condition`."""
        return self.annotate(needs_review=AIModel.needs_review_condition(today))

    def with_min_output_price(self, today: dt.date | None = None) -> AIModelQuerySet:
        """Annotate the cheapest output price among offers still available
        today: the stored summary, or a subquery once the offer it came from
        has ended (apps/catalogue/summary.py)."""
        from apps.catalogue.models.offers import Offer

        today = today or timezone.localdate()
        cheapest = (
            Offer.objects.filter(model=OuterRef("pk"), output_price_per_mtok__isnull=False)
            .exclude(lifecycle.offer_retired_q(today))
            .order_by("output_price_per_mtok")
            .values("output_price_per_mtok")[:1]
        )
        return self.annotate(
            min_output_price=Case(
                When(cheapest_price_until__lte=today, then=models.Subquery(cheapest)),
                default=models.F("cheapest_output_price"),
                output_field=models.DecimalField(max_digits=10, decimal_places=4),
            )
        )

    def with_status_today(self, today: dt.date | None = None) -> AIModelQuerySet:
        """Annotate `status_today`: the stored status, or "retired" once the
        shutdown date has come or an API-only model has no live offer left."""
        today = today or timezone.localdate()
        return self.annotate(
            status_today=Case(
                When(unavailable_from__lte=today, then=Value(lifecycle.RETIRED)),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def available(self, today: dt.date | None = None) -> AIModelQuerySet:
        """Models that can still be used today (active or deprecated)."""
        today = today or timezone.localdate()
        return self.filter(Q(unavailable_from__isnull=True) | Q(unavailable_from__gt=today))


class Access(models.TextChoices):
    OPEN_SOURCE = "open_source", "Open source"
    OPEN_WEIGHTS = "open_weights", "Open weights"
    API_ONLY = "api_only", "API only"


class LifecycleStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DEPRECATED = "deprecated", "Deprecated"
    RETIRED = "retired", "Retired"


class CapabilitySourceKind(models.TextChoices):
    CLAIMED = "claimed", "Claimed by the provider"
    MEASURED = "measured", "Independently measured"
    # The index's own estimate for a model it no longer runs (Artificial Analysis
    # marks these intelligenceIndexIsEstimated): same scale, but not a measured run.
    ESTIMATED = "estimated", "Estimated by the index"


class AIModel(models.Model):
    """One AI model. `AIModel` rather than `Model` so it never shadows Django's."""

    Access = Access
    Status = LifecycleStatus
    CapabilitySourceKind = CapabilitySourceKind
    DOWNLOADABLE = (Access.OPEN_SOURCE, Access.OPEN_WEIGHTS)

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=120, blank=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="models")
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="models")
    release_date = models.DateField(null=True, blank=True)
    access = models.CharField(max_length=20, choices=Access.choices)
    parameters_total_b = models.DecimalField(
        "total parameters (billions)",
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    parameters_active_b = models.DecimalField(
        "active parameters (billions)",
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text="For mixture-of-experts models: parameters used per token.",
    )
    context_window = models.PositiveIntegerField("context window (tokens)", null=True, blank=True)
    max_output_tokens = models.PositiveIntegerField(null=True, blank=True)
    knowledge_cutoff = models.CharField(
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{4}-\d{2}(-\d{2})?$", MESSAGE_KNOWLEDGE_CUTOFF)],
        help_text="YYYY-MM or YYYY-MM-DD, as the maker states it.",
    )
    native_precision = models.CharField(
        max_length=8,
        choices=Precision.choices,
        blank=True,
        help_text="Precision of the published checkpoint's weights.",
    )
    checkpoint_size_gb = models.DecimalField(
        "checkpoint size (GB)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    num_layers = models.PositiveIntegerField("layers", null=True, blank=True)
    num_attention_heads = models.PositiveIntegerField("attention heads", null=True, blank=True)
    num_kv_heads = models.PositiveIntegerField("KV heads", null=True, blank=True)
    head_dim = models.PositiveIntegerField("head dimension", null=True, blank=True)
    kv_cache_bytes_per_token = models.PositiveIntegerField(
        "KV-cache bytes per token",
        null=True,
        blank=True,
        help_text="Only where 2 × layers × KV heads × head dim × 2 bytes does not apply "
        "(e.g. multi-head latent attention).",
    )
    architecture_source_url = models.URLField("architecture source URL", max_length=500, blank=True)
    modalities_input = ChoiceListField("input modalities", item_choices=Modality.choices)
    modalities_output = ChoiceListField("output modalities", item_choices=Modality.choices)
    capability_score = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="0–100, from the benchmark named below.",
    )
    capability_benchmark = models.CharField(max_length=200, blank=True)
    capability_source_kind = models.CharField(
        max_length=10, choices=CapabilitySourceKind.choices, default=CapabilitySourceKind.CLAIMED
    )
    capability_source_url = models.URLField("capability source URL", max_length=500, blank=True)
    capability_index = models.CharField(
        max_length=60,
        blank=True,
        help_text="Key of the index and version, e.g. aa-intelligence-v4.1. Only scores on "
        "the catalogue's index are compared.",
    )
    capability_as_of = models.DateField("capability score as of", null=True, blank=True)
    capability_note = models.TextField(
        blank=True,
        help_text="E.g. why there is no independent figure for this model.",
    )
    other_benchmarks = models.JSONField(
        default=list,
        blank=True,
        help_text="Extra benchmarks beside the index: a list of "
        "{name, score, kind (claimed|measured), source_url, as_of}.",
    )
    fine_tuning_available = models.BooleanField(null=True, blank=True)
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text="The model itself (for open weights: the weights). Each offer has its own.",
    )
    retirement_date = models.DateField(
        "shutdown date",
        null=True,
        blank=True,
        help_text="From this day the model counts as retired everywhere.",
    )
    lifecycle_source_url = models.URLField("lifecycle source URL", max_length=500, blank=True)
    sources = LinesListField(urls=True, help_text="One URL per line.")
    facts_as_of = models.DateField("facts as of", null=True, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    curator_notes = models.TextField(blank=True)
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published models are public."
    )
    is_synthetic = models.BooleanField(
        "synthetic", default=False, help_text="Generated for benchmarks; not a real model."
    )
    # Derived from the offers by apps/catalogue/summary.py, so the list
    # filters and sorts on columns; never edited, not part of the history.
    unavailable_from = models.DateField(null=True, blank=True, editable=False)
    cheapest_output_price = models.DecimalField(
        max_digits=10, decimal_places=4, null=True, blank=True, editable=False
    )
    cheapest_price_until = models.DateField(null=True, blank=True, editable=False)
    modality_bits = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="Input or output modalities as bits (MODALITY_BITS)."
    )
    licence_kind = models.CharField(max_length=30, blank=True, editable=False)
    licence_commercial_use = models.BooleanField(null=True, blank=True, editable=False)
    search_text = models.TextField(
        blank=True, default="", editable=False, help_text="Name, family and provider, lower case."
    )
    search_grams = models.JSONField(
        default=list, editable=False, help_text="Codes of the search text's 3-letter pieces."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "unavailable_from",
            "cheapest_output_price",
            "cheapest_price_until",
            "licence_kind",
            "licence_commercial_use",
            "modality_bits",
            "search_text",
            "search_grams",
        ]
    )

    objects = AIModelQuerySet.as_manager()

    class Meta:
        verbose_name = "model"
        ordering = ["name"]
        indexes = [
            JsonGinIndex(fields=["modalities_input"], name="aimodel_modalities_input_gin"),
            JsonGinIndex(fields=["modalities_output"], name="aimodel_modalities_output_gin"),
            JsonGinIndex(fields=["search_grams"], name="aimodel_search_grams_gin"),
            models.Index(fields=["is_published", "name"], name="aimodel_published_name"),
            # The catalogue's fingerprint asks for the latest edit on every
            # request that reads the engine snapshot: one index probe.
            models.Index(fields=["updated_at"], name="aimodel_updated_at"),
            # What the public list filters and sorts on, so its count and its
            # page of ids come from the index alone (catalogue_models).
            models.Index(
                fields=["name", "slug"],
                include=[
                    "id",
                    "access",
                    "licence_kind",
                    "licence_commercial_use",
                    "provider_id",
                    "unavailable_from",
                    "cheapest_output_price",
                    "cheapest_price_until",
                    "modality_bits",
                    "release_date",
                    "capability_score",
                ],
                condition=Q(is_published=True),
                name="aimodel_published_list",
            ),
            # The list's other sort orders, each in its own index with what the
            # filters read: a page of ids is the first matches in index order
            # rather than a sort of every match (Sort.ORDERING).
            *(
                models.Index(
                    order,
                    F("name"),
                    F("slug"),
                    include=[
                        "id",
                        "access",
                        "licence_kind",
                        "licence_commercial_use",
                        "provider_id",
                        "unavailable_from",
                        "cheapest_price_until",
                        "modality_bits",
                    ],
                    condition=Q(is_published=True),
                    name=f"aimodel_list_by_{sort}",
                )
                for sort, order in (
                    ("price", F("cheapest_output_price").asc(nulls_last=True)),
                    ("release", F("release_date").desc(nulls_last=True)),
                    ("capability", F("capability_score").desc(nulls_last=True)),
                )
            ),
        ]
        constraints = [
            choices_check("access", Access, "aimodel_access_valid"),
            choices_check("status", LifecycleStatus, "aimodel_status_valid"),
            choices_check(
                "capability_source_kind",
                CapabilitySourceKind,
                "aimodel_capability_source_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(modalities_input__contained_by=Modality.values)
                & Q(modalities_output__contained_by=Modality.values),
                name="aimodel_modalities_valid",
            ),
            models.CheckConstraint(
                condition=Q(parameters_total_b__gt=0) | Q(parameters_total_b__isnull=True),
                name="aimodel_parameters_total_positive",
            ),
            models.CheckConstraint(
                condition=Q(parameters_active_b__gt=0) | Q(parameters_active_b__isnull=True),
                name="aimodel_parameters_active_positive",
            ),
            models.CheckConstraint(
                condition=Q(capability_score__gte=0, capability_score__lte=100)
                | Q(capability_score__isnull=True),
                name="aimodel_capability_score_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(retirement_date__isnull=False),
                name="aimodel_retired_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(MESSAGE_RESERVED_SLUG)
        if (
            self.access in self.DOWNLOADABLE
            and self.licence_id is not None
            and self.licence.kind == Licence.Kind.PROPRIETARY
        ):
            errors.setdefault("licence", []).append(MESSAGE_OPEN_PROPRIETARY_LICENCE)
        if self.status == self.Status.RETIRED and self.retirement_date is None:
            errors.setdefault("retirement_date", []).append(MESSAGE_RETIRED_NEEDS_DATE)
        if (
            self.status != self.Status.ACTIVE or self.retirement_date
        ) and not self.lifecycle_source_url:
            errors.setdefault("lifecycle_source_url", []).append(MESSAGE_LIFECYCLE_NEEDS_SOURCE)
        if (
            self.parameters_total_b is not None
            and self.parameters_active_b is not None
            and self.parameters_active_b > self.parameters_total_b
        ):
            errors.setdefault("parameters_active_b", []).append(MESSAGE_ACTIVE_EXCEEDS_TOTAL)
        if self.capability_score is not None:
            if not self.capability_source_url:
                errors.setdefault("capability_source_url", []).append(MESSAGE_SCORE_NEEDS_SOURCE)
            if not self.capability_benchmark:
                errors.setdefault("capability_benchmark", []).append(MESSAGE_SCORE_NEEDS_BENCHMARK)
            if not self.capability_index or self.capability_as_of is None:
                errors.setdefault("capability_index", []).append(MESSAGE_SCORE_NEEDS_INDEX)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def needs_review_condition(today: dt.date | None = None) -> Q:
        """A model needs review when nobody has verified it in the last 180
        days and at least one of its facts (model, licence, openness, offers)
        is dated more than 180 days ago, or carries no date at all.

        Verifying a model re-confirms every fact on its page, so "mark
        verified today" clears the flag.
        """
        from apps.catalogue.models.offers import Offer

        cutoff = review_cutoff(today)
        stale_offer = Offer.objects.filter(model=OuterRef("pk"), as_of__lt=cutoff)
        not_recently_verified = Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
        stale_fact = (
            Q(facts_as_of__isnull=True)
            | Q(facts_as_of__lt=cutoff)
            | Q(licence__as_of__lt=cutoff)
            | Q(openness__as_of__lt=cutoff)
            | Q(Exists(stale_offer))
        )
        return not_recently_verified & stale_fact

    @property
    def is_downloadable(self) -> bool:
        """Weights can be downloaded, so the model can be self-hosted."""
        return self.access in self.DOWNLOADABLE

    def lifecycle(self, today: dt.date | None = None) -> lifecycle.Lifecycle:
        """Status today: a past shutdown date, or (API-only) no live offer left,
        makes the model retired. Uses the prefetched offers."""
        today = today or timezone.localdate()
        offer_statuses = [offer.lifecycle(today).status for offer in self.offers.all()]
        status = lifecycle.model_status(
            status=self.status,
            shutdown_date=self.retirement_date,
            api_only=self.access == Access.API_ONLY,
            has_offers=bool(offer_statuses),
            has_live_offer=any(s != lifecycle.RETIRED for s in offer_statuses),
            today=today,
        )
        return lifecycle.Lifecycle(
            status=status, shutdown_date=self.retirement_date, stored_status=self.status
        )

    @property
    def current_lifecycle(self) -> lifecycle.Lifecycle:
        return self.lifecycle()

    @property
    def shutdown_on(self) -> dt.date | None:
        """The day the model stops being usable: its own shutdown date, or for
        an API-only model the day its last offer ends, whichever is first."""
        return self.unavailable_from or self.retirement_date

    @property
    def is_retired(self) -> bool:
        return self.current_lifecycle.is_retired

    def offers_today(self, today: dt.date | None = None) -> tuple[list[Offer], list[Offer]]:
        """(available offers, withdrawn offers), each in the prefetched order.
        Every offer of a model its maker has retired is withdrawn too."""
        today = today or timezone.localdate()
        model_gone = lifecycle.status_on(self.status, self.retirement_date, today) == (
            lifecycle.RETIRED
        )
        available, withdrawn = [], []
        for offer in self.offers.all():
            gone = model_gone or offer.lifecycle(today).is_retired
            (withdrawn if gone else available).append(offer)
        return available, withdrawn

    @property
    def kv_bytes_per_token(self) -> int | None:
        """KV-cache bytes per token at 16-bit: stated, or from the layer figures."""
        if self.kv_cache_bytes_per_token:
            return self.kv_cache_bytes_per_token
        if self.num_layers and self.num_kv_heads and self.head_dim:
            return 2 * self.num_layers * self.num_kv_heads * self.head_dim * 2
        return None

    @property
    def is_moe(self) -> bool:
        return (
            self.parameters_active_b is not None
            and self.parameters_total_b is not None
            and self.parameters_active_b < self.parameters_total_b
        )


# --- Corrections -------------------------------------------------------------


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class ProblemReport(models.Model):
    """A reader's correction to a catalogue entry, queued for curators."""

    Status = ReportStatus

    model = models.ForeignKey(AIModel, on_delete=models.CASCADE, related_name="problem_reports")
    what_is_wrong = models.TextField(max_length=2000)
    source_url = models.URLField("source URL", max_length=500)
    email = models.EmailField(
        blank=True, help_text="Optional: only used to ask the reporter a question."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [choices_check("status", ReportStatus, "problemreport_status_valid")]

    def __str__(self) -> str:
        return (
            f"Report on {self.model} ({self.created_at:%Y-%m-%d})"
            if self.created_at
            else f"Report on {self.model}"
        )
