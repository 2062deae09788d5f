"""Plain factory functions for catalogue rows: valid by default, any field overridable."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.catalogue.models import (
    Access,
    AIModel,
    Licence,
    LicenceKind,
    Offer,
    OfferKind,
    Openness,
    OpennessAssessment,
    Provider,
    ProviderKind,
    SupportLevel,
)

_numbers = itertools.count(1)
SOURCE = "https://example.com/source"


def _next() -> int:
    return next(_numbers)


def provider_factory(**overrides: Any) -> Provider:
    number = _next()
    values: dict[str, Any] = {
        "slug": f"provider-{number}",
        "name": f"Provider {number}",
        "country": "GB",
        "kind": ProviderKind.COMPANY,
        "website": "https://example.com",
        "source_url": SOURCE,
    }
    values.update(overrides)
    return Provider.objects.create(**values)


def licence_factory(**overrides: Any) -> Licence:
    number = _next()
    kind = overrides.get("kind", LicenceKind.PERMISSIVE)
    values: dict[str, Any] = {
        "slug": f"licence-{number}",
        "name": f"Licence {number}",
        "url": "https://example.com/licence",
        "kind": kind,
        "commercial_use": kind != LicenceKind.NON_COMMERCIAL,
        "modification": kind != LicenceKind.PROPRIETARY,
        "redistribution": kind != LicenceKind.PROPRIETARY,
        "attribution_required": False,
        "osi_approved": kind == LicenceKind.PERMISSIVE,
        "obligations": [],
        "source_url": SOURCE,
        "as_of": timezone.localdate(),
    }
    values.update(overrides)
    return Licence.objects.create(**values)


def openness_factory(model: AIModel, **overrides: Any) -> OpennessAssessment:
    weights = Openness.CLOSED if model.access == Access.API_ONLY else Openness.OPEN
    values: dict[str, Any] = {
        "model": model,
        "weights": weights,
        "training_code": Openness.PARTIAL,
        "training_data": Openness.CLOSED,
        "data_documentation": Openness.CLOSED,
        "model_card": Openness.OPEN,
        "paper": Openness.PARTIAL,
        "evaluation": Openness.OPEN,
        "source_url": SOURCE,
        "sources": [SOURCE],
        "as_of": timezone.localdate(),
    }
    values.update(overrides)
    return OpennessAssessment.objects.create(**values)


def offer_factory(model: AIModel, **overrides: Any) -> Offer:
    number = _next()
    values: dict[str, Any] = {
        "model": model,
        "kind": OfferKind.VENDOR_API
        if model.access == Access.API_ONLY
        else OfferKind.THIRD_PARTY_HOST,
        "host_name": f"Host {number}",
        "url": "https://example.com/host",
        "input_price_per_mtok": Decimal("1.00"),
        "output_price_per_mtok": Decimal("2.00"),
        "regions": ["eu", "us"],
        "data_retention": "30 days",
        "trains_on_customer_data": False,
        "certifications": ["soc2"],
        "support_level": SupportLevel.BUSINESS,
        "sla": False,
        "source_url": SOURCE,
        "as_of": timezone.localdate(),
    }
    values.update(overrides)
    return Offer.objects.create(**values)


def model_factory(
    *,
    provider: Provider | None = None,
    licence: Licence | None = None,
    openness: bool | dict[str, Any] = True,
    offers: int = 1,
    **overrides: Any,
) -> AIModel:
    """A published model with an openness assessment and `offers` offers."""
    number = _next()
    access = overrides.get("access", Access.OPEN_WEIGHTS)
    if licence is None:
        kind = LicenceKind.PROPRIETARY if access == Access.API_ONLY else LicenceKind.PERMISSIVE
        licence = licence_factory(kind=kind)
    today = timezone.localdate()
    values: dict[str, Any] = {
        "slug": f"model-{number}",
        "name": f"Model {number}",
        "family": f"Family {number}",
        "provider": provider or provider_factory(),
        "licence": licence,
        "release_date": today - dt.timedelta(days=number),
        "access": access,
        "parameters_total_b": None if access == Access.API_ONLY else Decimal("8"),
        "context_window": 128_000,
        "modalities_input": ["text"],
        "modalities_output": ["text"],
        "capability_score": Decimal("50"),
        "capability_benchmark": "Artificial Analysis Intelligence Index v4.3",
        "capability_source_kind": AIModel.CapabilitySourceKind.MEASURED,
        "capability_source_url": SOURCE,
        "capability_index": "aa-intelligence-v4.3",
        "capability_as_of": dt.date(2026, 7, 31),
        "fine_tuning_available": True,
        "sources": [SOURCE],
        "facts_as_of": today,
        "last_verified": today,
        "is_published": True,
    }
    values.update(overrides)
    model = AIModel.objects.create(**values)
    if openness:
        openness_factory(model, **(openness if isinstance(openness, dict) else {}))
    for _ in range(offers):
        offer_factory(model)
    return model


def admin_model_form_data(**overrides: Any) -> dict[str, Any]:
    """A valid add-model form with one openness assessment and one offer."""
    provider = overrides.pop("provider", None) or provider_factory()
    licence = overrides.pop("licence", None) or licence_factory(kind="permissive")
    today = timezone.localdate().isoformat()
    data = {
        "name": "Curated Model",
        "slug": "curated-model",
        "family": "Curated",
        "provider": provider.pk,
        "licence": licence.pk,
        "access": "open_weights",
        "is_published": "on",
        "release_date": "2026-01-01",
        "parameters_total_b": "8",
        "parameters_active_b": "",
        "context_window": "128000",
        "modalities_input": ["text", "image"],
        "modalities_output": ["text"],
        "fine_tuning_available": "true",
        "capability_score": "",
        "capability_benchmark": "",
        "capability_source_kind": "claimed",
        "capability_source_url": "",
        "status": "active",
        "retirement_date": "",
        "lifecycle_source_url": "",
        "sources": "https://example.com/a\r\nhttps://example.com/b\r\n",
        "facts_as_of": today,
        "last_verified": today,
        "curator_notes": "",
        "openness-TOTAL_FORMS": "1",
        "openness-INITIAL_FORMS": "0",
        "openness-MIN_NUM_FORMS": "0",
        "openness-MAX_NUM_FORMS": "1",
        "openness-0-weights": "open",
        "openness-0-training_code": "partial",
        "openness-0-training_data": "closed",
        "openness-0-data_documentation": "closed",
        "openness-0-model_card": "open",
        "openness-0-paper": "closed",
        "openness-0-evaluation": "partial",
        "openness-0-source_url": "https://example.com/openness",
        "openness-0-sources": "",
        "openness-0-as_of": today,
        "openness-0-notes": "",
        "offers-TOTAL_FORMS": "1",
        "offers-INITIAL_FORMS": "0",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "1000",
        "offers-0-kind": "third_party_host",
        "offers-0-host_name": "Example Host",
        "offers-0-url": "https://host.example",
        "offers-0-input_price_per_mtok": "0.10",
        "offers-0-output_price_per_mtok": "0.20",
        "offers-0-support_level": "business",
        "offers-0-data_retention": "None",
        "offers-0-trains_on_customer_data": "false",
        "offers-0-certifications": ["soc2"],
        "offers-0-regions": ["eu", "us"],
        "offers-0-status": "active",
        "offers-0-source_url": "https://host.example/pricing",
        "offers-0-as_of": today,
    }
    data.update(overrides)
    return data
