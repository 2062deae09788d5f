"""Catalogue rows → the engine's frozen types, cached per catalogue state.

The prepared snapshot is kept in this process and rebuilt only when the
catalogue's fingerprint changes (one cheap aggregate query per request); the
fingerprint includes today's date, so a shutdown date that comes retires its
model or offer on the next request without a curator edit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from psycopg.types.numeric import FloatLoader
from psycopg.types.string import TextLoader

from apps.catalogue import lifecycle
from apps.catalogue.lifecycle import status_on
from apps.catalogue.models import (
    AIModel,
    Licence,
    Offer,
    OpennessAssessment,
    Provider,
)
from apps.catalogue.models.catalogue import review_cutoff
from apps.catalogue.models.vocabulary import BYTES_PER_PARAMETER
from apps.catalogue.selectors import catalogue_fingerprint
from apps.recommendations import engine
from apps.recommendations.cost_evidence import engine_settings
from apps.recommendations.engine.constraints import ModelFacts
from apps.recommendations.engine.types import unchecked_constructor


@dataclass(frozen=True)
class Snapshot:
    fingerprint: str
    models: tuple[engine.CatalogueModel, ...]
    prepared: engine.PreparedCatalogue
    settings: engine.EngineSettings
    _variants: dict = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def facts_by_slug(self) -> dict[str, ModelFacts]:
        """Each model's prepared facts (with its self-hosting plan) by slug."""
        return {facts.model.slug: facts for facts in self.prepared.facts}

    def with_costs(
        self, costs: CostInputs
    ) -> tuple[engine.PreparedCatalogue, engine.EngineSettings]:
        """The catalogue prepared with a person's own cost inputs (the result
        page's what-if panel); the last few variants are kept."""
        key = costs
        with _variants_lock:
            found = self._variants.get(key)
        if found is not None:
            return found
        settings = dataclasses.replace(
            self.settings,
            **{
                name: value
                for name, value in (
                    ("ops_fte", costs.ops_fte),
                    ("ops_usd_per_fte_month", costs.ops_usd_per_fte_month),
                )
                if value is not None
            },
        )
        models = self.models
        if costs.subscription_usd_per_gpu_year is not None:
            models = tuple(
                _with_subscription(model, costs.subscription_usd_per_gpu_year) for model in models
            )
        variant = (engine.prepare_catalogue(models, settings), settings)
        with _variants_lock:
            if len(self._variants) >= COST_VARIANTS_KEPT:
                self._variants.pop(next(iter(self._variants)))
            self._variants[key] = variant
        return variant


@dataclass(frozen=True)
class CostInputs:
    """What a person may set for themselves on the result page: operations
    labour for self-hosting and the price of a vendor-support subscription."""

    ops_fte: float | None = None
    ops_usd_per_fte_month: float | None = None
    subscription_usd_per_gpu_year: float | None = None

    @property
    def any(self) -> bool:
        return any(
            value is not None
            for value in (
                self.ops_fte,
                self.ops_usd_per_fte_month,
                self.subscription_usd_per_gpu_year,
            )
        )


COST_VARIANTS_KEPT = 4
_variants_lock = threading.Lock()


def _with_subscription(
    model: engine.CatalogueModel, usd_per_gpu_year: float
) -> engine.CatalogueModel:
    if not any(offer.kind == "supported_self_hosting" for offer in model.offers):
        return model
    return dataclasses.replace(
        model,
        offers=tuple(
            dataclasses.replace(offer, subscription_usd_per_gpu_year=usd_per_gpu_year)
            if offer.kind == "supported_self_hosting"
            else offer
            for offer in model.offers
        ),
    )


_lock = threading.Lock()
_cached: Snapshot | None = None


# What the engine reads, fetched as plain tuples: building 10,000 ORM
# instances (and their prefetched offers) took seconds. `_rows` reads decimal
# columns straight into floats and jsonb lists as their text (casting them in
# SQL cost PostgreSQL a third of the offers query); lists repeat, so each
# distinct text is parsed once.
_FLOAT = FloatField()
MODEL_COLUMNS = {
    "row_pk": F("pk"),
    "row_slug": F("slug"),
    "row_name": F("name"),
    "row_provider": F("provider__name"),
    "row_access": F("access"),
    "row_licence": F("licence_id"),
    "row_total_b": F("parameters_total_b"),
    "row_active_b": F("parameters_active_b"),
    "row_score": F("capability_score"),
    "row_index": F("capability_index"),
    "row_openness": F("openness__score"),
    "row_fine_tuning": F("fine_tuning_available"),
    "row_status": F("status"),
    "row_unavailable_from": F("unavailable_from"),
    "row_precision": F("native_precision"),
    "row_checkpoint_gb": F("checkpoint_size_gb"),
    "row_kv_bytes": Cast("kv_cache_bytes_per_token", _FLOAT),  # an integer column
    "row_layers": F("num_layers"),
    "row_kv_heads": F("num_kv_heads"),
    "row_head_dim": F("head_dim"),
    "row_facts_as_of": F("facts_as_of"),
    "row_last_verified": F("last_verified"),
    "row_score_kind": F("capability_source_kind"),
}
OFFER_COLUMNS = {
    "row_model": F("model_id"),
    "row_kind": F("kind"),
    "row_host": F("host_name"),
    "row_in": F("input_price_per_mtok"),
    "row_out": F("output_price_per_mtok"),
    "row_regions": F("regions"),
    "row_sla": F("sla"),
    "row_support": F("support_level"),
    "row_trains": F("trains_on_customer_data"),
    "row_certifications": F("certifications"),
    "row_retention": F("data_retention"),
    "row_fine_tuning": F("fine_tuning_available"),
    "row_subscription": F("subscription_price_usd"),
    "row_subscription_unit": F("subscription_unit"),
    "row_as_of": F("as_of"),
}


@functools.lru_cache(maxsize=4096)
def _text_list(raw: str) -> tuple[str, ...]:
    return tuple(json.loads(raw)) if raw else ()


# Every offer kind is a route the engine prices: APIs per token, vendor-
# supported self-hosting as GPUs plus a subscription per GPU-year.
ENGINE_OFFER_KINDS = (
    "vendor_api",
    "cloud_marketplace",
    "third_party_host",
    "supported_self_hosting",
)
GPUS_PER_NODE = 8


LICENCE_COLUMNS = (
    "pk",
    "slug",
    "name",
    "kind",
    "commercial_use",
    "modification",
    "redistribution",
    "attribution_required",
    "acceptable_use_policy_url",
    "user_cap",
    "obligations",
)


def _licence_terms_from_row(row: tuple) -> engine.LicenceTerms:
    (_pk, slug, name, kind, commercial, modification, redistribution, attribution, aup,
     user_cap, obligations) = row  # fmt: skip
    return engine.LicenceTerms(
        slug=slug,
        name=name,
        kind=kind,
        commercial_use=commercial,
        modification=modification,
        redistribution=redistribution,
        attribution_required=attribution,
        acceptable_use_policy=bool(aup),
        user_cap=user_cap,
        obligations=tuple(obligations or ()),
    )


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building ~30,000 small objects triggers the cyclic collector over and
    over (a third of the time at 10,000 models); none of them form cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _rows(queryset: QuerySet) -> list[tuple]:
    """The queryset's rows straight from the cursor, decimals as floats and
    jsonb as text: every column is then a plain type, so Django's per-row
    converters would only cost time."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        adapters = cursor.cursor.adapters  # this cursor's own, not the connection's
        adapters.register_loader("numeric", FloatLoader)
        adapters.register_loader("jsonb", TextLoader)
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class _Built:
    """The last build's engine models by primary key, and the newest history
    row of each catalogue table when it started."""

    today: dt.date
    index: str
    marks: dict[str, int]
    full_read_at: dt.datetime
    models: dict[int, engine.CatalogueModel] = field(default_factory=dict)


_built: _Built | None = None
HISTORIES = {
    "model": AIModel.history,
    "offer": Offer.history,
    "openness": OpennessAssessment.history,
    "licence": Licence.history,
    "provider": Provider.history,
}
# History ids come from the database, so app servers' clocks do not matter.
# An edit whose transaction was still open while a build read the marks can
# commit an id below them; a full read at least this often bounds how long
# such a rare edit could go unseen.
FULL_READ_EVERY = dt.timedelta(minutes=10)
# Past this many changed models a full read is as quick.
MAX_INCREMENTAL = 2_000


def engine_models(today: dt.date | None = None) -> tuple[engine.CatalogueModel, ...]:
    """Published models as the engine sees them on `today`: withdrawn offers
    left out, and each model's status as it stands today (a past shutdown date
    or, for an API-only model, no live offer left, makes it retired). Only
    scores on the catalogue's capability index are passed on: scores on
    another scale are not comparable.

    A full read is four queries whatever the catalogue's size. After that,
    the next build in this process re-reads only the models whose rows (or
    offers, openness, licence or provider) have history since the last build,
    and falls back to a full read when the counts do not add up (rows
    written without history, such as bulk loads)."""
    global _built
    from django.conf import settings

    today = today or timezone.localdate()
    index = settings.CATALOGUE_CAPABILITY_INDEX
    marks = _history_marks()
    now = timezone.now()
    with _gc_paused():
        previous = _built
        models = None
        full_read_at = now
        if (
            previous is not None
            and (previous.today, previous.index) == (today, index)
            and now - previous.full_read_at < FULL_READ_EVERY
        ):
            models = _update(previous, today, index)
            full_read_at = previous.full_read_at
        if models is None:
            models = _read(AIModel.objects.published(), today, index, every_model=True)
            full_read_at = now
    _built = _Built(today, index, marks, full_read_at, models)
    return tuple(sorted(models.values(), key=lambda model: model.slug))


def _history_marks() -> dict[str, int]:
    tables = {name: history.model._meta.db_table for name, history in HISTORIES.items()}
    columns = ", ".join(f"(SELECT max(history_id) FROM {table})" for table in tables.values())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return {name: value or 0 for name, value in zip(tables, row, strict=True)}


def _changed_model_ids(marks: dict[str, int]) -> set[int]:
    def since(name: str) -> QuerySet:
        return HISTORIES[name].filter(history_id__gt=marks[name])

    ids = set(since("model").values_list("id", flat=True))
    ids.update(since("offer").values_list("model_id", flat=True))
    ids.update(since("openness").values_list("model_id", flat=True))
    licences = since("licence").values("id")
    providers = since("provider").values("id")
    ids.update(
        AIModel.objects.filter(
            Q(licence_id__in=licences) | Q(provider_id__in=providers)
        ).values_list("pk", flat=True)
    )
    return ids


def _update(
    previous: _Built, today: dt.date, index: str
) -> dict[int, engine.CatalogueModel] | None:
    changed = _changed_model_ids(previous.marks)
    if len(changed) > MAX_INCREMENTAL:
        return None
    models = dict(previous.models)
    for pk in changed:
        models.pop(pk, None)
    if changed:
        models.update(_read(AIModel.objects.published().filter(pk__in=changed), today, index))
    if len(models) != AIModel.objects.published().count():
        return None  # rows came or went without history: read everything
    return models


def _read(
    published: QuerySet[AIModel], today: dt.date, index: str, *, every_model: bool = False
) -> dict[int, engine.CatalogueModel]:
    """The engine's models for the `published` models (`every_model`: all of
    them, which reads every live offer and leaves out drafts' ones here,
    quicker than joining 10,000 models in SQL)."""
    licences = {
        row[0]: _licence_terms_from_row(row)
        for row in Licence.objects.order_by().values_list(*LICENCE_COLUMNS)
    }
    offers = Offer.objects.filter(kind__in=ENGINE_OFFER_KINDS).exclude(
        lifecycle.offer_retired_q(today)
    )
    if not every_model:
        offers = offers.filter(model__in=published.values("pk"))
    offer_rows = _rows(
        offers.order_by("model_id", "output_price_per_mtok", "host_name")
        .annotate(**OFFER_COLUMNS)
        .values_list(*OFFER_COLUMNS)
    )
    # The ORDER BY of the model's default ordering (by name, collation-aware)
    # would only cost time: callers sort by slug.
    model_rows = _rows(published.order_by().annotate(**MODEL_COLUMNS).values_list(*MODEL_COLUMNS))
    if every_model:
        pks = {row[0] for row in model_rows}
        offer_rows = [row for row in offer_rows if row[0] in pks]
    _check_rows(offer_rows, model_rows, index)
    return _build_models(model_rows, licences, _build_offers(offer_rows), index, today)


def _check_rows(offer_rows: list[tuple], model_rows: list[tuple], index: str) -> None:
    """The engine's checks, once per distinct value of each column rather
    than once per object (the objects are then built unchecked)."""

    def column(rows: list[tuple], position: int) -> Iterator[object]:
        return map(itemgetter(position), rows)

    engine.check_columns(
        engine.Offer,
        {
            "kind": column(offer_rows, 1),
            "input_price_per_mtok": column(offer_rows, 3),
            "output_price_per_mtok": column(offer_rows, 4),
            "support_level": column(offer_rows, 7),
            "subscription_usd_per_gpu_year": column(offer_rows, 12),
        },
    )
    engine.check_columns(
        engine.CatalogueModel,
        {
            "access": column(model_rows, 4),
            # status_on() gives the stored status or "retired"
            "status": [*column(model_rows, 12), "retired"],
            "parameters_total_b": column(model_rows, 6),
            "parameters_active_b": column(model_rows, 7),
            "capability_score": (row[8] for row in model_rows if row[9] == index),
            "openness_score": column(model_rows, 10),
        },
    )


def _build_offers(rows: list[tuple]) -> dict[int, list[engine.Offer]]:
    """Each model's offers, in the rows' order, by the model's primary key."""
    new_offer = unchecked_constructor(engine.Offer)
    text_list = _text_list
    iso_dates: dict[dt.date | None, str] = {None: ""}
    by_model: dict[int, list[engine.Offer]] = {}
    for (model, kind, host, price_in, price_out, regions, sla, support, trains, certs,
         retention, fine_tuning, subscription, unit, as_of) in rows:  # fmt: skip
        if subscription is not None and unit == "node_year":
            subscription /= GPUS_PER_NODE
        elif unit != "gpu_year":
            subscription = None
        as_of_text = iso_dates.get(as_of)
        if as_of_text is None:
            as_of_text = iso_dates[as_of] = as_of.isoformat()
        offer = new_offer(
            kind=kind,
            host_name=host,
            input_price_per_mtok=price_in,
            output_price_per_mtok=price_out,
            regions=text_list(regions),
            sla=sla,
            support_level=support,
            trains_on_customer_data=trains,
            certifications=text_list(certs),
            data_retention=retention,
            fine_tuning_available=fine_tuning,
            subscription_usd_per_gpu_year=subscription,
            as_of=as_of_text,
        )
        offers = by_model.get(model)
        if offers is None:
            by_model[model] = [offer]
        else:
            offers.append(offer)
    return by_model


def _build_models(
    rows: list[tuple],
    licences: dict[int, engine.LicenceTerms],
    offers_by_model: dict[int, list[engine.Offer]],
    index: str,
    today: dt.date,
) -> dict[int, engine.CatalogueModel]:
    new_model = unchecked_constructor(engine.CatalogueModel)
    cutoff = review_cutoff(today)
    no_offers: list[engine.Offer] = []
    models = {}
    for (pk, slug, name, provider, access, licence, total_b, active_b, score, score_index,
         openness, fine_tuning, status, unavailable_from, precision, checkpoint_gb, kv_bytes,
         layers, kv_heads, head_dim, facts_as_of, last_verified, score_kind) in rows:  # fmt: skip
        models[pk] = new_model(
            slug=slug,
            name=name,
            provider=provider,
            access=access,
            licence=licences[licence],
            parameters_total_b=total_b,
            parameters_active_b=active_b,
            capability_score=score if score_index == index else None,
            openness_score=openness,
            fine_tuning_available=fine_tuning,
            # The day the model stops being usable (its own shutdown date, or
            # an API-only model's last offer end), kept by
            # apps/catalogue/summary.py.
            status=status_on(status, unavailable_from, today),
            offers=tuple(offers_by_model.get(pk, no_offers)),
            native_precision=precision or "",
            kv_bytes_per_token=kv_bytes or _kv_bytes(layers, kv_heads, head_dim),
            facts_stale=not (last_verified and last_verified >= cutoff)
            and (facts_as_of is None or facts_as_of < cutoff),
            weight_bytes_per_parameter=_bytes_per_parameter(precision, checkpoint_gb, total_b),
            capability_estimated=score_index == index and score_kind == "estimated",
        )
    return models


def _kv_bytes(layers: int | None, kv_heads: int | None, head_dim: int | None) -> float | None:
    """Keys and values for every layer and KV head, cached in 16 bits (the
    serving default, whatever the weights' precision)."""
    if not (layers and kv_heads and head_dim):
        return None
    return float(2 * layers * kv_heads * head_dim * 2)


def _bytes_per_parameter(
    precision: str, checkpoint_gb: float | None, total_b: float | None
) -> float | None:
    """The checkpoint's size per parameter where both are known (mixed-
    precision checkpoints such as gpt-oss keep attention in BF16 and experts
    in MXFP4), else its native precision's; None when neither is stated."""
    if checkpoint_gb and total_b:
        return min(4.0, max(0.1, checkpoint_gb / total_b))
    return BYTES_PER_PARAMETER.get(precision) if precision else None


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
    global _cached, _built
    with _lock:
        _cached = None
        _built = None
