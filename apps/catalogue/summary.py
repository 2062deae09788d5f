"""Per-model facts derived from its offers, stored on the model so the
catalogue list filters and sorts on plain columns at any size.

- `unavailable_from`: the first day the model counts as retired: its own
  shutdown date, or for an API-only model the day its last offer ends (when
  every offer has an end date). Lists compare it with today, so a date that
  comes retires the model with no edit.
- `cheapest_output_price` and `cheapest_price_until`: the cheapest output
  price among offers still running when the summary was computed, and the
  day that offer ends. Once that day comes, the list recomputes it
  (`catalogue_summaries_refresh_expired`, once a day per process).
- `licence_kind`, `licence_commercial_use`, `modality_bits`: the licence's
  terms and the model's modalities, for list filters.
- `search_text` and `search_grams`: the name, family and provider's name in
  lower case, which the list's search matches, and the codes of its
  three-character pieces, which find the few models to check (search.py).

Refreshed by two UPDATEs (the second reads the search text the first
writes): after every offer, model, licence or provider save (signals), and
for everything after bulk loads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Least, Lower
from django.utils import timezone

from apps.catalogue.models import (
    MODALITY_BITS,
    Access,
    AIModel,
    Licence,
    LifecycleStatus,
    Offer,
    Provider,
)
from apps.catalogue.search import grams_sql


def catalogue_summaries_refresh(
    *,
    model_ids: Iterable[int] | None = None,
    model_class: type[AIModel] = AIModel,
    offer_class: type[Offer] = Offer,
    licence_class: type[Licence] = Licence,
) -> int:
    """Recompute the summaries of these models (all when None); two queries.
    Migrations pass their historical model classes."""
    today = timezone.localdate()
    offers = offer_class.objects.filter(model=OuterRef("pk"))
    licences = licence_class.objects.filter(pk=OuterRef("licence_id"))
    open_ended = offers.filter(shutdown_date__isnull=True).exclude(status=LifecycleStatus.RETIRED)
    last_end = offers.order_by().values("model").annotate(end=Max("shutdown_date")).values("end")
    offers_end = Case(
        When(Exists(open_ended), then=None),
        default=Subquery(last_end),
        output_field=DateField(),
    )
    running = (
        offers.filter(output_price_per_mtok__isnull=False)
        .exclude(status=LifecycleStatus.RETIRED)
        .filter(Q(shutdown_date__isnull=True) | Q(shutdown_date__gt=today))
        .order_by("output_price_per_mtok", "shutdown_date")
    )
    models = model_class.objects.all()
    if model_ids is not None:
        models = models.filter(pk__in=list(model_ids))
    extra = {}
    if any(field.name == "search_grams" for field in model_class._meta.fields):
        # (migrations before 0012 pass model classes without it)
        providers = model_class._meta.get_field("provider").related_model.objects
        extra["search_text"] = Lower(
            Concat(
                "name",
                Value(" "),
                "family",
                Value(" "),
                Subquery(providers.filter(pk=OuterRef("provider_id")).values("name")[:1]),
            )
        )
    updated = models.update(
        **extra,
        unavailable_from=Least(
            F("retirement_date"),
            Case(When(access=Access.API_ONLY, then=offers_end), output_field=DateField()),
        ),
        cheapest_output_price=Subquery(running.values("output_price_per_mtok")[:1]),
        cheapest_price_until=Subquery(running.values("shutdown_date")[:1]),
        modality_bits=sum(
            (
                Case(
                    When(
                        Q(modalities_input__contains=[name])
                        | Q(modalities_output__contains=[name]),
                        then=Value(bit),
                    ),
                    default=Value(0),
                )
                for name, bit in MODALITY_BITS.items()
            ),
            start=Value(0),
        ),
        licence_kind=Subquery(licences.values("kind")[:1]),
        licence_commercial_use=Subquery(licences.values("commercial_use")[:1]),
    )
    if extra:
        # From the search text just written (an UPDATE's expressions read
        # the row as it was, so this is a second one).
        table = connection.ops.quote_name(model_class._meta.db_table)
        models.update(search_grams=RawSQL(grams_sql(f"{table}.search_text"), []))
    return updated


_expired_refreshed_on: dt.date | None = None


def catalogue_summaries_refresh_expired(today: dt.date | None = None) -> None:
    """Once a day per process: recompute the summaries whose cheapest offer
    has ended, so lists can filter and sort on the stored price alone."""
    global _expired_refreshed_on
    today = today or timezone.localdate()
    if _expired_refreshed_on == today:
        return
    expired = AIModel.objects.filter(cheapest_price_until__lte=today).values_list("pk", flat=True)
    ids = list(expired)
    if ids:
        catalogue_summaries_refresh(model_ids=ids)
    _expired_refreshed_on = today


_deferred = threading.local()


@contextlib.contextmanager
def summaries_deferred() -> Iterator[None]:
    """Within this block saves only note which models changed; their
    summaries are refreshed together at the end (bulk loads)."""
    if getattr(_deferred, "ids", None) is not None:  # already deferring
        yield
        return
    _deferred.ids = set()
    try:
        yield
        ids = _deferred.ids
    finally:
        _deferred.ids = None
    if ids:
        catalogue_summaries_refresh(model_ids=ids)


def _changed(model_id: int | None) -> None:
    if model_id is None:
        return
    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending.add(model_id)
    else:
        catalogue_summaries_refresh(model_ids=[model_id])


def offer_changed(sender, instance: Offer, **kwargs) -> None:  # type: ignore[no-untyped-def]
    _changed(instance.model_id)


def model_saved(sender, instance: AIModel, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if not raw:
        _changed(instance.pk)


def licence_saved(sender, instance: Licence, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if not raw:
        for pk in AIModel.objects.filter(licence=instance).values_list("pk", flat=True):
            _changed(pk)


def provider_saved(sender, instance: Provider, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A renamed provider's models are found by its new name."""
    if raw:
        return
    ids = list(AIModel.objects.filter(provider=instance).values_list("pk", flat=True))
    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending.update(ids)
    elif ids:
        catalogue_summaries_refresh(model_ids=ids)
