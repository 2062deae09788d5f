"""Catalogue rows → the engine's frozen types, cached per catalogue state.

Mapping 10,000 models from the ORM takes far longer than the engine itself,
so the prepared snapshot is kept in this process and rebuilt only when the
catalogue's fingerprint changes (one cheap aggregate query per request).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from apps.catalogue.models import AIModel
from apps.catalogue.selectors import catalogue_fingerprint, published_models_for_engine
from apps.recommendations import engine


@dataclass(frozen=True)
class Snapshot:
    fingerprint: str
    models: tuple[engine.CatalogueModel, ...]
    prepared: engine.PreparedCatalogue
    settings: engine.EngineSettings


_lock = threading.Lock()
_cached: Snapshot | None = None


def engine_settings() -> engine.EngineSettings:
    from django.conf import settings

    return engine.EngineSettings(gpu_hourly_price_usd=settings.GPU_HOURLY_PRICE_USD)


def _float(value) -> float | None:
    return None if value is None else float(value)


def to_engine_model(row: AIModel) -> engine.CatalogueModel:
    licence = row.licence
    openness = getattr(row, "openness", None)
    return engine.CatalogueModel(
        slug=row.slug,
        name=row.name,
        provider=row.provider.name,
        access=row.access,
        licence=engine.LicenceTerms(
            slug=licence.slug,
            name=licence.name,
            kind=licence.kind,
            commercial_use=licence.commercial_use,
            modification=licence.modification,
            redistribution=licence.redistribution,
            attribution_required=licence.attribution_required,
            acceptable_use_policy=bool(licence.acceptable_use_policy_url),
            user_cap=licence.user_cap,
            obligations=tuple(licence.obligations or ()),
        ),
        parameters_total_b=_float(row.parameters_total_b),
        parameters_active_b=_float(row.parameters_active_b),
        capability_score=_float(row.capability_score),
        openness_score=_float(openness.score) if openness is not None else None,
        fine_tuning_available=row.fine_tuning_available,
        status=row.status,
        offers=tuple(
            engine.Offer(
                kind=offer.kind,
                host_name=offer.host_name,
                input_price_per_mtok=_float(offer.input_price_per_mtok),
                output_price_per_mtok=_float(offer.output_price_per_mtok),
                regions=tuple(offer.regions or ()),
                sla=offer.sla,
                support_level=offer.support_level,
                trains_on_customer_data=offer.trains_on_customer_data,
                certifications=tuple(offer.certifications or ()),
            )
            for offer in row.offers.all()
        ),
    )


def current_snapshot() -> Snapshot:
    global _cached
    fingerprint = catalogue_fingerprint()
    cached = _cached
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    with _lock:
        if _cached is not None and _cached.fingerprint == fingerprint:
            return _cached
        settings = engine_settings()
        models = tuple(
            to_engine_model(row) for row in published_models_for_engine().iterator(chunk_size=2000)
        )
        _cached = Snapshot(
            fingerprint=fingerprint,
            models=models,
            prepared=engine.prepare_catalogue(models, settings),
            settings=settings,
        )
        return _cached


def forget_snapshot() -> None:
    global _cached
    with _lock:
        _cached = None
