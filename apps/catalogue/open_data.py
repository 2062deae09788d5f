"""The catalogue as open data, in the catalogue data schema (schema_version 2).

`/catalogue.json` is what `load_catalogue` reads, plus a few derived facts
(openness score, needs review, page URL, lifecycle today), so a copy of the
published catalogue can be loaded into another instance as it is. `status`
is the status that holds today (a past shutdown date makes a model or offer
retired whatever its stored status); `stored_status` is what a curator set.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.catalogue.lifecycle import RETIRED, status_on
from apps.catalogue.loading import OFFER_KEYS, SCHEMA_VERSION
from apps.catalogue.models import (
    AIModel,
    GPUPrice,
    GPUType,
    Licence,
    Offer,
    OpennessAssessment,
    Provider,
    ThroughputEvidence,
)
from apps.catalogue.selectors import open_data_querysets


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def provider_data(provider: Provider) -> dict[str, Any]:
    return {
        "slug": provider.slug,
        "name": provider.name,
        "country": provider.country,
        "kind": provider.kind,
        "website": provider.website,
        "source_url": provider.source_url,
    }


def licence_data(licence: Licence) -> dict[str, Any]:
    return {
        "slug": licence.slug,
        "spdx_id": licence.spdx_id or None,
        "name": licence.name,
        "url": licence.url,
        "kind": licence.kind,
        "commercial_use": licence.commercial_use,
        "modification": licence.modification,
        "redistribution": licence.redistribution,
        "attribution_required": licence.attribution_required,
        "acceptable_use_policy_url": licence.acceptable_use_policy_url or None,
        "user_cap": licence.user_cap,
        "osi_approved": licence.osi_approved,
        "obligations": licence.obligations,
        "clauses": licence.clauses,
        "service_counts_as_distribution": licence.service_counts_as_distribution,
        "notes": licence.notes,
        "source_url": licence.source_url,
        "as_of": _date(licence.as_of),
    }


def openness_data(openness: OpennessAssessment | None) -> dict[str, Any] | None:
    if openness is None:
        return None
    data: dict[str, Any] = {field: value for field, _label, value in openness.dimensions()}
    data.update(
        {
            "score": _number(openness.score),
            "source_url": openness.source_url,
            "sources": openness.sources,
            "as_of": _date(openness.as_of),
            "notes": openness.notes,
        }
    )
    return data


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value)
    return value


def offer_data(offer: Offer, today: dt.date, *, model_retired: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": offer.kind, "host_name": offer.host_name}
    data.update({key: _value(getattr(offer, key)) for key in OFFER_KEYS})
    for key in ("api_model_id", "price_basis", "subscription_unit", "zero_data_retention"):
        data[key] = data[key] or None
    lifecycle = offer.lifecycle(today)
    data["stored_status"] = offer.status
    data["status"] = RETIRED if model_retired else lifecycle.status
    data["has_data_terms"] = offer.has_data_terms
    return data


def model_data(
    model: AIModel, *, base_url: str = "", today: dt.date | None = None
) -> dict[str, Any]:
    # A missing openness assessment raises a subclass of AttributeError.
    openness = getattr(model, "openness", None)
    today = today or timezone.localdate()
    lifecycle = model.lifecycle(today)
    model_retired = status_on(model.status, model.retirement_date, today) == RETIRED
    return {
        "slug": model.slug,
        "name": model.name,
        "family": model.family,
        "provider": model.provider.slug,
        "licence": model.licence.slug,
        "release_date": _date(model.release_date),
        "access": model.access,
        "parameters_total_b": _number(model.parameters_total_b),
        "parameters_active_b": _number(model.parameters_active_b),
        "context_window": model.context_window,
        "max_output_tokens": model.max_output_tokens,
        "knowledge_cutoff": model.knowledge_cutoff or None,
        "native_precision": model.native_precision or None,
        "checkpoint_size_gb": _number(model.checkpoint_size_gb),
        "num_layers": model.num_layers,
        "num_attention_heads": model.num_attention_heads,
        "num_kv_heads": model.num_kv_heads,
        "head_dim": model.head_dim,
        "kv_cache_bytes_per_token": model.kv_cache_bytes_per_token,
        "kv_bytes_per_token_16bit": model.kv_bytes_per_token,
        "architecture_source_url": model.architecture_source_url or None,
        "modalities_input": model.modalities_input,
        "modalities_output": model.modalities_output,
        "capability_score": _number(model.capability_score),
        "capability_benchmark": model.capability_benchmark,
        # How the score was got: nothing to say of a score that is not there.
        "capability_source_kind": (
            model.capability_source_kind if model.capability_score is not None else None
        ),
        "capability_source_url": model.capability_source_url or None,
        "capability_index": model.capability_index or None,
        "capability_as_of": _date(model.capability_as_of),
        "capability_note": model.capability_note,
        "other_benchmarks": model.other_benchmarks,
        "fine_tuning_available": model.fine_tuning_available,
        "status": lifecycle.status,
        "stored_status": model.status,
        "retirement_date": _date(model.retirement_date),
        "shutdown_on": _date(model.shutdown_on),
        "lifecycle_source_url": model.lifecycle_source_url or None,
        "sources": model.sources,
        "facts_as_of": _date(model.facts_as_of),
        "last_verified": _date(model.last_verified),
        "curator_notes": model.curator_notes,
        "synthetic": model.is_synthetic,
        "needs_review": bool(getattr(model, "needs_review", False)),
        "url": f"{base_url}{model.get_absolute_url()}",
        "openness": openness_data(openness),
        "offers": [
            offer_data(offer, today, model_retired=model_retired) for offer in model.offers.all()
        ],
    }


def cost_evidence_data() -> dict[str, list[dict[str, Any]]]:
    """GPU types, GPU prices and throughput rows, each with source and date."""
    gpus = GPUType.objects.order_by("slug")
    prices = GPUPrice.objects.select_related("gpu").order_by("gpu__slug", "provider", "pricing")
    throughput = ThroughputEvidence.objects.select_related("gpu", "catalogue_model").order_by(
        "slug"
    )
    return {
        "gpu_types": [
            {"slug": gpu.slug, "name": gpu.name, "vendor": gpu.vendor,
             "memory_gb": _number(gpu.memory_gb), "source_url": gpu.source_url,
             "as_of": _date(gpu.as_of), "notes": gpu.notes}
            for gpu in gpus
        ],
        "gpu_prices": [
            {"gpu": price.gpu.slug, "provider": price.provider, "offering": price.offering,
             "provider_kind": price.provider_kind, "pricing": price.pricing,
             "price_per_gpu_hour": _number(price.price_per_gpu_hour), "region": price.region,
             "includes": price.includes, "source_url": price.source_url,
             "as_of": _date(price.as_of), "notes": price.notes}
            for price in prices
        ],
        "throughput": [
            {"slug": row.slug, "model_measured": row.model_measured,
             "catalogue_model": row.catalogue_model.slug if row.catalogue_model else None,
             "size_class": row.size_class, "params_total_b": _number(row.params_total_b),
             "params_active_b": _number(row.params_active_b), "precision": row.precision,
             "gpu": row.gpu.slug, "gpus": row.gpus, "engine": row.engine,
             "workload": row.workload, "kind": row.kind,
             "output_tokens_per_s_per_gpu": _number(row.output_tokens_per_s_per_gpu),
             "per_user_tokens_per_s": _number(row.per_user_tokens_per_s),
             "source_url": row.source_url, "as_of": _date(row.as_of), "notes": row.notes}
            for row in throughput
        ],
    }  # fmt: skip


def open_data_catalogue(*, base_url: str = "") -> dict[str, Any]:
    """The published catalogue: seven queries whatever its size."""
    from django.conf import settings

    providers, licences, models = open_data_querysets()
    today = timezone.localdate()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "units": {
            "prices": "USD per 1M tokens",
            "parameters": "billions",
            "context_window": "tokens",
            "capability_score": "0-100 on the index named by capability_index",
            "subscription_price_usd": "USD per subscription_unit",
            "price_per_gpu_hour": "USD",
            "output_tokens_per_s_per_gpu": "generated tokens per second per GPU",
            "openness.score": "0-1: open = 1, partial = 0.5, closed = 0, averaged over 7 parts",
        },
        "capability_index": settings.CATALOGUE_CAPABILITY_INDEX,
        "as_of_today": today.isoformat(),
        "providers": [provider_data(provider) for provider in providers],
        "licences": [licence_data(licence) for licence in licences],
        "models": [model_data(model, base_url=base_url, today=today) for model in models],
        **cost_evidence_data(),
    }
