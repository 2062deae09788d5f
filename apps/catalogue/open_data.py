"""The catalogue as open data, in the launch data schema (schema_version 1).

`/catalogue.json` is what `load_catalogue` reads, plus a few derived facts
(openness score, needs review, page URL), so a copy of the published
catalogue can be loaded into another instance as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.catalogue.models import AIModel, Licence, OpennessAssessment, Provider
from apps.catalogue.selectors import open_data_querysets

SCHEMA_VERSION = 1


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


def model_data(model: AIModel, *, base_url: str = "") -> dict[str, Any]:
    # A missing openness assessment raises a subclass of AttributeError.
    openness = getattr(model, "openness", None)
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
        "modalities_input": model.modalities_input,
        "modalities_output": model.modalities_output,
        "capability_score": _number(model.capability_score),
        "capability_benchmark": model.capability_benchmark,
        "capability_source_kind": model.capability_source_kind,
        "capability_source_url": model.capability_source_url or None,
        "fine_tuning_available": model.fine_tuning_available,
        "status": model.status,
        "retirement_date": _date(model.retirement_date),
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
            {
                "kind": offer.kind,
                "host_name": offer.host_name,
                "url": offer.url,
                "input_price_per_mtok": _number(offer.input_price_per_mtok),
                "output_price_per_mtok": _number(offer.output_price_per_mtok),
                "regions": offer.regions,
                "data_retention": offer.data_retention,
                "trains_on_customer_data": offer.trains_on_customer_data,
                "certifications": offer.certifications,
                "support_level": offer.support_level,
                "sla": offer.sla,
                "source_url": offer.source_url,
                "as_of": _date(offer.as_of),
            }
            for offer in model.offers.all()
        ],
    }


def open_data_catalogue(*, base_url: str = "") -> dict[str, Any]:
    """The published catalogue: four queries whatever its size."""
    providers, licences, models = open_data_querysets()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "units": {
            "prices": "USD per 1M tokens",
            "parameters": "billions",
            "context_window": "tokens",
            "capability_score": "0-100",
            "openness.score": "0-1: open = 1, partial = 0.5, closed = 0, averaged over 7 parts",
        },
        "providers": [provider_data(provider) for provider in providers],
        "licences": [licence_data(licence) for licence in licences],
        "models": [model_data(model, base_url=base_url) for model in models],
    }
