"""Catalogue rows → the engine's frozen types, cached per catalogue state.

The prepared snapshot is kept in this process and rebuilt only when the
catalogue's fingerprint changes (one cheap aggregate query per request); the
fingerprint includes today's date, so a shutdown date that comes retires its
model or offer on the next request without a curator edit.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from apps.catalogue import lifecycle
from apps.catalogue.models import AIModel, Licence, Offer
from apps.catalogue.selectors import catalogue_fingerprint
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


# What the engine reads, fetched as plain tuples: building 10,000 ORM
# instances (and their prefetched offers) took seconds; tuples take a tenth.
MODEL_COLUMNS = (
    "pk",
    "slug",
    "name",
    "provider__name",
    "access",
    "licence_id",
    "parameters_total_b",
    "parameters_active_b",
    "capability_score",
    "capability_index",
    "openness__score",
    "fine_tuning_available",
    "status",
    "retirement_date",
)
OFFER_COLUMNS = (
    "model_id",
    "kind",
    "host_name",
    "input_price_per_mtok",
    "output_price_per_mtok",
    "regions",
    "sla",
    "support_level",
    "trains_on_customer_data",
    "certifications",
    "status",
    "shutdown_date",
)
# Routes the engine prices today; vendor-supported self-hosting subscriptions
# are priced per GPU-year and reach the engine with its route model.
ENGINE_OFFER_KINDS = ("vendor_api", "cloud_marketplace", "third_party_host")


def _licence_terms(licence: Licence) -> engine.LicenceTerms:
    return engine.LicenceTerms(
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
    )


def engine_models(today: dt.date | None = None) -> tuple[engine.CatalogueModel, ...]:
    """Published models as the engine sees them on `today`: withdrawn offers
    left out, and each model's status as it stands today (a past shutdown date
    or, for an API-only model, no live offer left, makes it retired).
    Three queries, whatever the catalogue's size. Only scores on the
    catalogue's capability index are passed on: scores on another scale are
    not comparable."""
    from django.conf import settings

    today = today or timezone.localdate()
    index = settings.CATALOGUE_CAPABILITY_INDEX
    licences = {licence.pk: _licence_terms(licence) for licence in Licence.objects.all()}
    published = AIModel.objects.published()
    offers_by_model: dict[int, list[engine.Offer]] = defaultdict(list)
    offer_statuses: dict[int, list[str]] = defaultdict(list)
    offer_rows = (
        Offer.objects.filter(model__in=published)
        .order_by("model_id", "output_price_per_mtok", "host_name")
        .values_list(*OFFER_COLUMNS)
    )
    for (model_id, kind, host, price_in, price_out, regions, sla, support, trains, certs,
         status, shutdown) in offer_rows:  # fmt: skip
        status_today = lifecycle.status_on(status, shutdown, today)
        offer_statuses[model_id].append(status_today)
        if status_today == lifecycle.RETIRED or kind not in ENGINE_OFFER_KINDS:
            continue
        offers_by_model[model_id].append(
            engine.Offer(
                kind=kind,
                host_name=host,
                input_price_per_mtok=_float(price_in),
                output_price_per_mtok=_float(price_out),
                regions=tuple(regions or ()),
                sla=sla,
                support_level=support,
                trains_on_customer_data=trains,
                certifications=tuple(certs or ()),
            )
        )
    models = []
    for (pk, slug, name, provider, access, licence_id, total_b, active_b, score, score_index,
         openness, fine_tuning, status, shutdown) in published.order_by("slug").values_list(
        *MODEL_COLUMNS
    ):  # fmt: skip
        models.append(
            engine.CatalogueModel(
                slug=slug,
                name=name,
                provider=provider,
                access=access,
                licence=licences[licence_id],
                parameters_total_b=_float(total_b),
                parameters_active_b=_float(active_b),
                capability_score=_float(score) if score_index == index else None,
                openness_score=_float(openness),
                fine_tuning_available=fine_tuning,
                status=lifecycle.model_status(
                    status=status,
                    shutdown_date=shutdown,
                    api_only=access == "api_only",
                    offer_statuses=offer_statuses.get(pk, ()),
                    today=today,
                ),
                offers=tuple(offers_by_model.get(pk, ())),
            )
        )
    return tuple(models)


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
        models = engine_models()
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
