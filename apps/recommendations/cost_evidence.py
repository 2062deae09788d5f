"""The cost evidence the engine's cost model reads from the catalogue: GPU
prices at the configured kind of provider, serving throughput, and the
cost assumptions in the settings."""

from __future__ import annotations

import statistics
from collections import defaultdict

from apps.catalogue.models import GPUPrice, ThroughputEvidence
from apps.recommendations import engine


def engine_settings() -> engine.EngineSettings:
    """The cost assumptions (settings) and the curated cost evidence: GPU
    prices at the configured kind of provider, and serving throughput."""
    from django.conf import settings

    return engine.EngineSettings(
        gpu_hourly_price_usd=settings.GPU_HOURLY_PRICE_USD,
        ops_fte=settings.SELF_HOSTING_OPS_FTE,
        ops_usd_per_fte_month=settings.SELF_HOSTING_OPS_USD_PER_FTE_MONTH,
        gpu_prices=gpu_prices(settings.GPU_PROVIDER_KIND),
        throughput=throughput_evidence(),
    )


def gpu_prices(provider_kind: str) -> tuple[engine.GpuPrice, ...]:
    """Per GPU type, the median and range of its on-demand prices at this
    kind of provider (all its prices when none is on demand)."""
    rows = (
        GPUPrice.objects.filter(provider_kind=provider_kind)
        .select_related("gpu")
        .order_by("gpu__slug", "price_per_gpu_hour", "provider")
    )
    by_gpu: dict[str, list[GPUPrice]] = defaultdict(list)
    for row in rows:
        by_gpu[row.gpu.slug].append(row)
    prices = []
    for slug, listed in by_gpu.items():
        on_demand = [row for row in listed if row.pricing == GPUPrice.Pricing.ON_DEMAND] or listed
        values = [float(row.price_per_gpu_hour) for row in on_demand]
        if not values or min(values) <= 0:
            continue
        providers = ", ".join(
            dict.fromkeys(f"{row.provider} ({row.as_of:%b %Y})" for row in on_demand)
        )
        prices.append(
            engine.GpuPrice(
                gpu=slug,
                name=on_demand[0].gpu.name,
                memory_gb=float(on_demand[0].gpu.memory_gb),
                usd_per_hour=statistics.median(values),
                usd_per_hour_low=min(values),
                usd_per_hour_high=max(values),
                source=f"{statistics.median(values):.2f} $/h median of {providers}",
            )
        )
    return tuple(prices)


def throughput_evidence() -> tuple[engine.ThroughputEvidence, ...]:
    return tuple(
        engine.ThroughputEvidence(
            slug=row.slug,
            size_class=row.size_class,
            precision=row.precision,
            gpu=row.gpu.slug,
            output_tokens_per_s_per_gpu=float(row.output_tokens_per_s_per_gpu),
            interactive=row.kind == ThroughputEvidence.Kind.INTERACTIVE,
            source=f"{row.model_measured}, {row.engine} ({row.as_of:%b %Y})",
            model=row.catalogue_model.slug if row.catalogue_model else "",
            active_b=float(row.params_active_b) if row.params_active_b else None,
        )
        for row in ThroughputEvidence.objects.select_related("gpu", "catalogue_model").order_by(
            "slug"
        )
        if row.output_tokens_per_s_per_gpu
    )
