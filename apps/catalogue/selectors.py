"""Reads of the catalogue. Every function returns a queryset (or a few rows) whose
query count does not grow with the size of the catalogue."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from apps.catalogue import search
from apps.catalogue.models import (
    MODALITY_BITS,
    AIModel,
    GPUPrice,
    GPUType,
    Licence,
    Offer,
    Provider,
    ThroughputEvidence,
)
from apps.catalogue.summary import catalogue_summaries_refresh_expired

PAGE_SIZE = 25
COMPARE_MIN = 2
COMPARE_MAX = 4


class Sort:
    NAME = "name"
    RELEASE = "release"
    PRICE = "price"
    CAPABILITY = "capability"
    OPENNESS = "openness"

    CHOICES = [
        (NAME, "Name (A to Z)"),
        (RELEASE, "Newest first"),
        (PRICE, "Cheapest output tokens first"),
        (CAPABILITY, "Most capable first"),
        (OPENNESS, "Most open first"),
    ]
    ORDERING = {
        NAME: [F("name").asc(), "slug"],
        RELEASE: [F("release_date").desc(nulls_last=True), "name", "slug"],
        PRICE: [F("cheapest_output_price").asc(nulls_last=True), "name", "slug"],
        CAPABILITY: [F("capability_score").desc(nulls_last=True), "name", "slug"],
        OPENNESS: [F("openness__score").desc(nulls_last=True), "name", "slug"],
    }


def offers_by_price() -> Prefetch:
    return Prefetch(
        "offers",
        queryset=Offer.objects.order_by(
            F("output_price_per_mtok").asc(nulls_last=True), "host_name"
        ),
    )


def _with_everything(queryset: QuerySet[AIModel]) -> QuerySet[AIModel]:
    return (
        queryset.with_status_today()
        .select_related("provider", "licence", "openness")
        .prefetch_related(offers_by_price())
    )


def published_models() -> QuerySet[AIModel]:
    """Every published model with its provider, licence, openness and offers."""
    return _with_everything(AIModel.objects.published().with_review_state())


def providers_with_published_models() -> QuerySet[Provider]:
    return Provider.objects.filter(
        Exists(AIModel.objects.published().filter(provider=OuterRef("pk")))
    ).order_by("name")


def catalogue_models(
    *,
    q: str = "",
    access: str = "",
    licence_kind: str = "",
    provider: Provider | None = None,
    modality: str = "",
    self_hostable: bool = False,
    commercial_use: bool = False,
    include_retired: bool = False,
    max_price: Decimal | None = None,
    sort: str = Sort.NAME,
) -> QuerySet[AIModel]:
    """Published models matching the catalogue's filters, sorted; models
    retired today are left out unless asked for.

    Filters and sorts on the model's own columns (and the licence's), which
    a covering index holds: fetch a page's rows with `catalogue_page`.
    """
    today = timezone.localdate()
    catalogue_summaries_refresh_expired(today)
    models = AIModel.objects.published()
    if not include_retired:
        models = models.available(today)
    if q:
        models = search.matching(models, q)
    if access:
        models = models.filter(access=access)
    if licence_kind:
        models = models.filter(licence_kind=licence_kind)
    if provider is not None:
        models = models.filter(provider=provider)
    if modality:  # accepted or produced: one bit of the model's summary
        models = models.alias(
            has_modality=F("modality_bits").bitand(MODALITY_BITS.get(modality, 0))
        ).filter(has_modality__gt=0)
    if self_hostable:
        models = models.filter(access__in=AIModel.DOWNLOADABLE)
    if commercial_use:
        models = models.filter(licence_commercial_use=True)
    if max_price is not None:  # some live offer costs at most this (summaries are current)
        models = models.filter(cheapest_output_price__lte=max_price)
    return models.order_by(*Sort.ORDERING.get(sort, Sort.ORDERING[Sort.NAME]))


def catalogue_page(page_ids: Iterable[int]) -> list[AIModel]:
    """The models of one list page, in the order given, with what a list row
    shows (provider, licence, openness, cheapest live price, status today).
    Fetching the 25 rows after choosing them keeps the sort and the count on
    narrow index rows, however large the catalogue."""
    page_ids = list(page_ids)
    today = timezone.localdate()
    found = (
        AIModel.objects.filter(pk__in=page_ids)
        .with_min_output_price(today)
        .with_status_today(today)
        .select_related("provider", "licence", "openness")
        .in_bulk()
    )
    return [found[pk] for pk in page_ids if pk in found]


def published_model(*, slug: str, include_drafts: bool = False) -> AIModel | None:
    """One model with everything its page shows, or None."""
    models = _with_everything(AIModel.objects.with_review_state())
    if not include_drafts:
        models = models.filter(is_published=True)
    return models.filter(slug=slug).first()


def models_for_comparison(*, slugs: Iterable[str]) -> list[AIModel]:
    """Published models with these slugs, in the order asked for."""
    slugs = list(slugs)
    found = {model.slug: model for model in published_models().filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def models_by_slug(*, slugs: Iterable[str]) -> dict[str, AIModel]:
    """Names of the models in a comparison basket (no offers, one query)."""
    slugs = list(slugs)
    if not slugs:
        return {}
    return {
        model.slug: model
        for model in AIModel.objects.published().filter(slug__in=slugs).only("slug", "name")
    }


def open_data_querysets() -> tuple[QuerySet[Provider], QuerySet[Licence], QuerySet[AIModel]]:
    """What /catalogue.json publishes: published models and what they refer to."""
    published = AIModel.objects.published()
    providers = Provider.objects.filter(Exists(published.filter(provider=OuterRef("pk")))).order_by(
        "slug"
    )
    licences = Licence.objects.filter(Exists(published.filter(licence=OuterRef("pk")))).order_by(
        "slug"
    )
    models = published_models().order_by("slug")
    return providers, licences, models


@functools.cache
def _fingerprint_sql() -> str:
    """Built once: reaching a model's history table through ``.history``
    builds a manager class each time (a millisecond, on every request that
    asks whether the catalogue changed)."""
    model_table = AIModel._meta.db_table
    offer_table = Offer._meta.db_table
    tables = [
        AIModel.history.model._meta.db_table,
        Offer.history.model._meta.db_table,
        AIModel._meta.get_field("licence").related_model.history.model._meta.db_table,
        AIModel._meta.get_field("openness").related_model.history.model._meta.db_table,
        Provider.history.model._meta.db_table,
        GPUType.history.model._meta.db_table,
        GPUPrice.history.model._meta.db_table,
        ThroughputEvidence.history.model._meta.db_table,
    ]
    history = ", ".join(f"(SELECT max(history_date) FROM {table})" for table in tables)
    return (
        f"SELECT (SELECT count(*) FROM {model_table} WHERE is_published),"
        f" (SELECT max(updated_at) FROM {model_table}),"
        f" (SELECT count(*) FROM {offer_table}), {history}"
    )


def catalogue_fingerprint() -> str:
    """Changes whenever a published model, its offers, licence or openness,
    or the cost evidence changes (counts catch bulk inserts and deletes,
    timestamps catch edits), and every day, because a shutdown date that
    comes changes what is available."""
    sql = _fingerprint_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return hashlib.sha256(repr((timezone.localdate(), row)).encode()).hexdigest()[:32]
