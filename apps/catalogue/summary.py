"""Per-model facts derived from its offers, stored on the model so the
catalogue list filters and sorts on plain columns at any size.

- `unavailable_from`: the first day the model counts as retired: its own
  shutdown date, or for an API-only model the day its last offer ends (when
  every offer has an end date). Lists compare it with today, so a date that
  comes retires the model with no edit.
- `cheapest_output_price` and `cheapest_price_until`: the cheapest output
  price among offers still running when the summary was computed, and the
  day that offer ends. Once that day comes, lists fall back to a subquery
  (see `AIModelQuerySet.with_min_output_price`) until the next refresh.

Refreshed by one UPDATE: after every offer or model save (signals), and for
everything after bulk loads (`catalogue_summaries_refresh()`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, DateField, Exists, F, Max, OuterRef, Q, Subquery, When
from django.db.models.functions import Least
from django.utils import timezone

from apps.catalogue.models.catalogue import Access, AIModel, LifecycleStatus, Offer


def catalogue_summaries_refresh(
    *,
    model_ids: Iterable[int] | None = None,
    model_class: type[AIModel] = AIModel,
    offer_class: type[Offer] = Offer,
) -> int:
    """Recompute the summaries of these models (all when None); one query.
    Migrations pass their historical model classes."""
    today = timezone.localdate()
    offers = offer_class.objects.filter(model=OuterRef("pk"))
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
    return models.update(
        unavailable_from=Least(
            F("retirement_date"),
            Case(When(access=Access.API_ONLY, then=offers_end), output_field=DateField()),
        ),
        cheapest_output_price=Subquery(running.values("output_price_per_mtok")[:1]),
        cheapest_price_until=Subquery(running.values("shutdown_date")[:1]),
    )


def offer_changed(sender, instance: Offer, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if instance.model_id is not None:
        catalogue_summaries_refresh(model_ids=[instance.model_id])


def model_saved(sender, instance: AIModel, raw: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if not raw:
        catalogue_summaries_refresh(model_ids=[instance.pk])
