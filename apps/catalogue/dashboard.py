"""What curators should look at first: the admin front page's freshness panel
and the model history that includes inline edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from apps.catalogue import lifecycle
from apps.catalogue.models import AIModel, Offer, OpennessAssessment, Provider

SHUTDOWN_SOON_DAYS = 60


def shutdown_soon_cutoff(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=SHUTDOWN_SOON_DAYS)


def missing_data_terms_q() -> Q:
    """An offer whose retention, training on customer data or regions are not stated."""
    return Q(data_retention="") | Q(trains_on_customer_data__isnull=True) | Q(regions=[])


@dataclass
class ProviderRow:
    provider: Provider
    counts: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    explanation: str


CHECKS = (
    Check("stale", "Stale", "models with a fact older than 180 days, not verified since"),
    Check(
        "shutdown_models",
        "Models ending",
        f"models whose shutdown date is within {SHUTDOWN_SOON_DAYS} days",
    ),
    Check(
        "shutdown_offers",
        "Offers ending",
        f"offers whose shutdown date is within {SHUTDOWN_SOON_DAYS} days",
    ),
    Check(
        "terms",
        "No data terms",
        "live offers whose retention, training on customer data or regions are not stated",
    ),
    Check("capability", "No capability", "models without a capability score"),
)


def _link(admin_name: str, **params: Any) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse(admin_name)}?{query}"


def freshness_panel(today: dt.date | None = None) -> dict[str, Any]:
    """Counts per provider for each check, with a link to the filtered list.
    Five aggregate queries whatever the catalogue's size; synthetic models
    (benchmark data) are left out."""
    today = today or timezone.localdate()
    soon = shutdown_soon_cutoff(today)
    real = AIModel.objects.filter(is_synthetic=False)
    live_offers = Offer.objects.filter(model__is_synthetic=False).exclude(
        lifecycle.offer_retired_q(today)
    )
    counts: dict[str, dict[int, int]] = {
        "stale": _by_provider(real.with_review_state(today).filter(needs_review=True)),
        "shutdown_models": _by_provider(
            real.filter(retirement_date__gt=today, retirement_date__lte=soon)
        ),
        "shutdown_offers": _by_provider(
            live_offers.filter(shutdown_date__gt=today, shutdown_date__lte=soon), "model__provider"
        ),
        "terms": _by_provider(live_offers.filter(missing_data_terms_q()), "model__provider"),
        "capability": _by_provider(real.filter(capability_score__isnull=True)),
    }
    provider_ids = {pk for per_check in counts.values() for pk in per_check}
    rows = []
    for provider in Provider.objects.filter(pk__in=provider_ids).order_by("name"):
        row = ProviderRow(provider)
        pid = provider.pk
        row.counts = {key: counts[key].get(pid, 0) for key in counts}
        model_list = "admin:catalogue_aimodel_changelist"
        offer_list = "admin:catalogue_offer_changelist"
        row.links = {
            "stale": _link(model_list, needs_review="yes", provider__id__exact=pid),
            "shutdown_models": _link(model_list, shutdown="soon", provider__id__exact=pid),
            "shutdown_offers": _link(offer_list, shutdown="soon", model__provider__id__exact=pid),
            "terms": _link(offer_list, data_terms="missing", model__provider__id__exact=pid),
            "capability": _link(model_list, capability="missing", provider__id__exact=pid),
        }
        rows.append(row)
    totals = {key: sum(per_check.values()) for key, per_check in counts.items()}
    return {"checks": CHECKS, "rows": rows, "totals": totals, "today": today}


def _by_provider(queryset: Any, path: str = "provider") -> dict[int, int]:
    rows = queryset.order_by().values(path).annotate(n=Count("pk")).values_list(path, "n")
    return dict(rows)


@dataclass(frozen=True)
class RelatedChange:
    when: dt.datetime
    what: str
    kind: str
    user: Any
    changes: tuple[str, ...]


def related_history(model_id: str, limit: int = 200) -> list[RelatedChange]:
    """Changes to a model's offers and openness (newest first), each with the
    fields that changed, so an inline edit shows in the model's history."""
    changes: list[RelatedChange] = []
    sources = (
        (Offer.history.filter(model_id=model_id), "offer"),
        (OpennessAssessment.history.filter(model_id=model_id), "openness"),
    )
    for records, kind in sources:
        for record in records.select_related("history_user").order_by("-history_date")[:limit]:
            previous = record.prev_record
            if record.history_type == "+":
                fields: tuple[str, ...] = ("created",)
            elif record.history_type == "-":
                fields = ("deleted",)
            elif previous is None:
                fields = ()
            else:
                delta = record.diff_against(previous)
                fields = tuple(
                    f"{change.field}: {change.old!r} → {change.new!r}" for change in delta.changes
                )
            what = f"Offer on {record.host_name}" if kind == "offer" else "Openness assessment"
            changes.append(
                RelatedChange(record.history_date, what, kind, record.history_user, fields)
            )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
