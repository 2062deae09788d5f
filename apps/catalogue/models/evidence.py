"""Cost evidence: GPU types, GPU hourly prices and serving throughput.

Curated like the rest of the catalogue: every row has a source and a date,
history, and is editable in the admin. The cost model reads these rows, never
constants in code.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.catalogue.models.catalogue import AIModel, Precision, choices_check, review_cutoff


class GPUType(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    vendor = models.CharField(max_length=60)
    memory_gb = models.DecimalField(
        "memory (GB)", max_digits=6, decimal_places=1, validators=[MinValueValidator(1)]
    )
    source_url = models.URLField("source URL", max_length=500)
    as_of = models.DateField("facts as of")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "GPU type"
        ordering = ["memory_gb", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(memory_gb__gt=0), name="gputype_memory_positive")
        ]

    def __str__(self) -> str:
        return self.name


class ProviderKind(models.TextChoices):
    NEOCLOUD = "neocloud", "GPU cloud (neocloud)"
    HYPERSCALER = "hyperscaler", "Hyperscaler"
    OWNED = "owned", "Owned hardware, amortised"


class Pricing(models.TextChoices):
    ON_DEMAND = "on_demand", "On demand"
    RESERVED = "reserved", "Reserved / committed"
    CAPACITY_BLOCK = "capacity_block", "Capacity block (prepaid)"
    SPOT = "spot", "Spot / interruptible"


class GPUPrice(models.Model):
    """What one GPU-hour costs at one provider, as that provider published it."""

    ProviderKind = ProviderKind
    Pricing = Pricing

    gpu = models.ForeignKey(GPUType, on_delete=models.PROTECT, related_name="prices")
    provider = models.CharField(max_length=120)
    offering = models.CharField(
        max_length=120,
        blank=True,
        help_text="Which of the provider's products, e.g. “Secure Cloud” or “8-GPU instance”.",
    )
    provider_kind = models.CharField(max_length=12, choices=ProviderKind.choices)
    pricing = models.CharField(max_length=16, choices=Pricing.choices, default=Pricing.ON_DEMAND)
    price_per_gpu_hour = models.DecimalField(
        "USD per GPU-hour",
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0))],
    )
    region = models.CharField(max_length=60, blank=True)
    includes = models.CharField(max_length=300, blank=True, help_text="What the price covers.")
    source_url = models.URLField("source URL", max_length=500)
    as_of = models.DateField("facts as of")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "GPU price"
        ordering = ["gpu", "provider_kind", "price_per_gpu_hour"]
        constraints = [
            choices_check("provider_kind", ProviderKind, "gpuprice_provider_kind_valid"),
            choices_check("pricing", Pricing, "gpuprice_pricing_valid"),
            models.CheckConstraint(
                condition=Q(price_per_gpu_hour__gte=0), name="gpuprice_price_non_negative"
            ),
            models.UniqueConstraint(
                fields=["gpu", "provider", "offering", "pricing", "region"], name="gpuprice_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gpu} at {self.provider} ({self.get_pricing_display().lower()})"

    @property
    def needs_review(self) -> bool:
        return self.as_of < review_cutoff()


class SizeClass(models.TextChoices):
    """By parameters active per token, which bounds decode speed."""

    XS = "xs", "≤ 4B active"
    S = "s", "4–15B active"
    M = "m", "15–40B active"
    L = "l", "40–100B active"
    XL = "xl", "> 100B active"


SIZE_CLASS_UPPER_B = ((SizeClass.XS, 4), (SizeClass.S, 15), (SizeClass.M, 40), (SizeClass.L, 100))


def size_class_for(active_params_b: float) -> str:
    for size_class, upper in SIZE_CLASS_UPPER_B:
        if active_params_b <= upper:
            return size_class
    return SizeClass.XL


class ThroughputKind(models.TextChoices):
    INTERACTIVE = "interactive", "At an interactive latency"
    MAX = "max", "Maximum (offline / unlimited rate)"


class ThroughputEvidence(models.Model):
    """Measured serving throughput: one model, precision, GPU and engine."""

    SizeClass = SizeClass
    Kind = ThroughputKind

    slug = models.SlugField(max_length=120, unique=True)
    model_measured = models.CharField(max_length=120)
    catalogue_model = models.ForeignKey(
        AIModel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    size_class = models.CharField(max_length=2, choices=SizeClass.choices)
    params_total_b = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    params_active_b = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    precision = models.CharField(max_length=8, choices=Precision.choices)
    gpu = models.ForeignKey(GPUType, on_delete=models.PROTECT, related_name="throughput")
    gpus = models.PositiveSmallIntegerField(
        "GPUs", null=True, blank=True, help_text="GPUs in the measured system, when stated."
    )
    engine = models.CharField(max_length=120, blank=True)
    workload = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=12, choices=ThroughputKind.choices)
    output_tokens_per_s_per_gpu = models.DecimalField(
        "output tokens/s per GPU", max_digits=10, decimal_places=1
    )
    per_user_tokens_per_s = models.DecimalField(
        "per-user tokens/s", max_digits=7, decimal_places=1, null=True, blank=True
    )
    source_url = models.URLField("source URL", max_length=500)
    as_of = models.DateField("facts as of")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "throughput evidence"
        verbose_name_plural = "throughput evidence"
        ordering = ["size_class", "gpu", "precision", "-output_tokens_per_s_per_gpu"]
        constraints = [
            choices_check("size_class", SizeClass, "throughput_size_class_valid"),
            choices_check("precision", Precision, "throughput_precision_valid"),
            choices_check("kind", ThroughputKind, "throughput_kind_valid"),
            models.CheckConstraint(
                condition=Q(output_tokens_per_s_per_gpu__gt=0), name="throughput_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_measured} {self.precision} on {self.gpus}× {self.gpu}"
