"""Lifecycle as it stands today, whatever a row's stored status says.

A shutdown date that has come makes a model or an offer retired without a
curator edit. A model's lifecycle and its offers' lifecycles are separate
facts: open weights stay usable when their maker's API shuts down, while an
API-only model is gone when its last offer is.

Pure functions for rows already in memory; `offer_retired_q` gives the same
rule as an SQL condition. Lists read the model's rule from the summary
columns of apps/catalogue/summary.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

ACTIVE = "active"
DEPRECATED = "deprecated"
RETIRED = "retired"


def status_on(status: str, shutdown_date: dt.date | None, today: dt.date) -> str:
    """The status that holds on `today`: retired once the shutdown day has come."""
    if status == RETIRED or (shutdown_date is not None and shutdown_date <= today):
        return RETIRED
    return status


def model_status(
    *,
    status: str,
    shutdown_date: dt.date | None,
    api_only: bool,
    has_offers: bool,
    has_live_offer: bool,
    today: dt.date,
) -> str:
    """A model's status today. An API-only model whose offers are all retired
    is retired too (nobody can use it any more); open weights live on when
    their hosts go."""
    own = status_on(status, shutdown_date, today)
    if own == RETIRED:
        return RETIRED
    if api_only and has_offers and not has_live_offer:
        return RETIRED
    return own


@dataclass(frozen=True)
class Lifecycle:
    """What a page says about a row's lifecycle."""

    status: str
    shutdown_date: dt.date | None
    stored_status: str

    @property
    def is_retired(self) -> bool:
        return self.status == RETIRED

    @property
    def is_deprecated(self) -> bool:
        return self.status == DEPRECATED

    @property
    def shutdown_scheduled(self) -> bool:
        """An announced shutdown that has not come yet."""
        return self.status != RETIRED and self.shutdown_date is not None


# --- SQL ---------------------------------------------------------------------


def offer_retired_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": RETIRED}) | Q(**{f"{prefix}shutdown_date__lte": today})
