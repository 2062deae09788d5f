"""What a model or an offer contributes to fit on its own, in [0, 1] (or
-1 … +1 for a model's openness position): worked out once per catalogue
snapshot."""

from __future__ import annotations

from .settings import SUPPORT_LEVEL_VALUE, UNKNOWN_CAPABILITY_VALUE
from .types import CatalogueModel, Offer


def openness_position(model: CatalogueModel) -> float:
    """-1 for a closed model; +0.5 … +1 for an open one, by openness score
    (open source without a score counts as +1, open weights as +0.5)."""
    if model.access == "api_only":
        return -1.0
    if model.openness_score is not None:
        return 0.5 + 0.5 * model.openness_score
    return 1.0 if model.access == "open_source" else 0.5


def capability_value(model: CatalogueModel) -> float:
    capability = model.capability_score
    return UNKNOWN_CAPABILITY_VALUE if capability is None else capability / 100.0


def fine_tuning_value(model: CatalogueModel) -> float:
    if model.access != "api_only":
        return 1.0
    if model.fine_tuning_available is None:
        return 0.4
    return 0.8 if model.fine_tuning_available else 0.0


def support_value(offer: Offer) -> float:
    """By the offer's support level: enterprise 1, business 0.8, community 0.2."""
    return SUPPORT_LEVEL_VALUE[offer.support_level]


def training_value(offer: Offer) -> float:
    """For personal or special-category data: 1 when the offer does not train
    on customer data (or runs on your own servers), 0.6 when not stated."""
    if offer.kind == "supported_self_hosting":
        return 1.0
    return 1.0 if offer.trains_on_customer_data is False else 0.6
