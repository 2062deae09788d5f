"""The model catalogue: providers, licences, models, openness and offers (SPEC §5).

Field names follow the launch data schema (apps/catalogue/data/), so loading
is a straight mapping. Rules that must hold for every row live in the database
as constraints; rules that need a curator's explanation live in `clean()`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.catalogue import lifecycle
from apps.catalogue.fields import ChoiceListField, JsonGinIndex, LinesListField

REVIEW_AFTER_DAYS = 180


def review_cutoff(today: dt.date | None = None) -> dt.date:
    """Facts dated before this day need a curator's review."""
    return (today or timezone.localdate()) - dt.timedelta(days=REVIEW_AFTER_DAYS)


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


# Messages curators see; tests assert on them.
MESSAGE_API_ONLY_WEIGHTS = (
    "An API-only model has no downloadable weights: set “Weights” to closed, "
    "or change the model's access to open weights or open source."
)
MESSAGE_OPEN_NEEDS_WEIGHTS = (
    "A model whose access is open weights or open source must have weights marked open or partial."
)
MESSAGE_OPEN_PROPRIETARY_LICENCE = (
    "An open-source or open-weights model needs a licence that is not proprietary: "
    "choose the licence its weights are published under."
)
RESERVED_SLUGS = frozenset({"compare"})  # catalogue/<slug>/ would clash with catalogue/compare/
MESSAGE_RESERVED_SLUG = "This slug is used by a catalogue page; choose another."
MESSAGE_RETIRED_NEEDS_DATE = "A retired model needs its retirement date."
MESSAGE_LIFECYCLE_NEEDS_SOURCE = (
    "Give the source that announces the deprecation or retirement (“Lifecycle source URL”)."
)
MESSAGE_ACTIVE_EXCEEDS_TOTAL = "Active parameters cannot exceed total parameters."
MESSAGE_SCORE_NEEDS_SOURCE = "A capability score needs the URL of its source."
MESSAGE_SCORE_NEEDS_BENCHMARK = "Name the benchmark the capability score comes from."
MESSAGE_NEGATIVE_PRICE = "Prices cannot be negative."
MESSAGE_SCORE_NEEDS_INDEX = "Say which index the capability score comes from, and its date."
MESSAGE_RETIRED_OFFER_NEEDS_DATE = "A withdrawn offer needs its shutdown date."
MESSAGE_SUBSCRIPTION_NEEDS_UNIT = (
    "Say what the subscription price is for (per GPU or per node, a year)."
)
MESSAGE_LONG_CONTEXT_NEEDS_THRESHOLD = (
    "Long-context prices need the prompt length above which they apply."
)
MESSAGE_KNOWLEDGE_CUTOFF = "Enter the knowledge cutoff as YYYY-MM or YYYY-MM-DD."
MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL = (
    "A non-commercial licence cannot allow commercial use: "
    "untick “Commercial use” or change its kind."
)


class Modality(models.TextChoices):
    TEXT = "text", "Text"
    IMAGE = "image", "Images"
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"
    PDF = "pdf", "PDF documents"


# One bit per modality, for the list's modality filter (apps/catalogue/summary.py).
MODALITY_BITS = {"text": 1, "image": 2, "audio": 4, "video": 8, "pdf": 16}


class Certification(models.TextChoices):
    SOC2 = "soc2", "SOC 2"
    ISO27001 = "iso27001", "ISO 27001"
    HIPAA_BAA = "hipaa_baa", "HIPAA BAA"


class Region(models.TextChoices):
    """Where an offer processes data (SPEC §4: `data_region`)."""

    GLOBAL = "global", "Global (the vendor chooses)"
    US = "us", "United States"
    EU = "eu", "European Union / EEA"
    UK = "uk", "United Kingdom"
    CH = "ch", "Switzerland"
    CA = "ca", "Canada"
    AU = "au", "Australia"
    JP = "jp", "Japan"
    IN = "in", "India"
    SG = "sg", "Singapore"
    KR = "kr", "South Korea"
    CN = "cn", "Mainland China"
    HK = "hk", "Hong Kong"
    BR = "br", "Brazil"
    AE = "ae", "United Arab Emirates"
    SA = "sa", "Saudi Arabia"
    CUSTOMER = "customer", "Your own infrastructure"


class Precision(models.TextChoices):
    FP32 = "fp32", "FP32"
    BF16 = "bf16", "BF16"
    FP16 = "fp16", "FP16"
    FP8 = "fp8", "FP8"
    MXFP4 = "mxfp4", "MXFP4"
    NVFP4 = "nvfp4", "NVFP4"
    INT8 = "int8", "INT8"
    INT4 = "int4", "INT4"


BYTES_PER_PARAMETER = {
    Precision.FP32: 4.0,
    Precision.BF16: 2.0,
    Precision.FP16: 2.0,
    Precision.FP8: 1.0,
    Precision.INT8: 1.0,
    Precision.MXFP4: 0.53,  # 4-bit values plus one 8-bit scale per 32
    Precision.NVFP4: 0.56,  # 4-bit values plus one 8-bit scale per 16
    Precision.INT4: 0.5,
}


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


# --- Licences --------------------------------------------------------------


class LicenceKind(models.TextChoices):
    PERMISSIVE = "permissive", "Permissive"
    COPYLEFT = "copyleft", "Copyleft"
    OPEN_WEIGHTS_RESTRICTED = "open_weights_restricted", "Open weights with restrictions"
    NON_COMMERCIAL = "non_commercial", "Non-commercial"
    PROPRIETARY = "proprietary", "Proprietary"


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
        if self.kind == self.Kind.NON_COMMERCIAL and self.commercial_use:
            raise ValidationError({"commercial_use": MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL})

    @property
    def needs_review(self) -> bool:
        return self.as_of < review_cutoff()


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
        ]
    )

    objects = AIModelQuerySet.as_manager()

    class Meta:
        verbose_name = "model"
        ordering = ["name"]
        indexes = [
            JsonGinIndex(fields=["modalities_input"], name="aimodel_modalities_input_gin"),
            JsonGinIndex(fields=["modalities_output"], name="aimodel_modalities_output_gin"),
            models.Index(fields=["is_published", "name"], name="aimodel_published_name"),
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


# --- Offers ------------------------------------------------------------------


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
    input_price_per_mtok = models.DecimalField(
        "input price (USD per 1M tokens)",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
    cached_input_price_per_mtok = models.DecimalField(
        "cached input price (USD per 1M tokens)",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
    output_price_per_mtok = models.DecimalField(
        "output price (USD per 1M tokens)",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
    long_context_threshold_tokens = models.PositiveIntegerField(
        null=True, blank=True, help_text="Prompts longer than this are charged the prices below."
    )
    long_context_input_price_per_mtok = models.DecimalField(
        "long-context input price",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
    long_context_output_price_per_mtok = models.DecimalField(
        "long-context output price",
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=MESSAGE_NEGATIVE_PRICE)],
    )
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
