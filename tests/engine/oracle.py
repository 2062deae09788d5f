"""An independent, deliberately plain reading of the hard constraints of
SPEC §4, for checking the engine's own (indexed) implementation.

It shares only the cost arithmetic with the engine, which has its own tests,
so that a cost exactly at a budget decides the same way in both.
"""

from __future__ import annotations

from collections.abc import Mapping

from apps.recommendations.engine import CatalogueModel, EngineSettings, Offer
from apps.recommendations.engine.costs import (
    api_monthly_cost,
    blended_price_per_mtok,
    self_hosted_monthly_cost,
    self_hosting_plan,
)

VOLUMES = {"low": 5e6, "medium": 1e8, "high": 2e9, "very_high": 2e10}
BUDGETS = {"minimal": 100.0, "small": 1_000.0, "medium": 10_000.0, "large": 100_000.0}


def answer(answers: Mapping[str, str], slug: str) -> str:
    return answers.get(slug, "unsure")


def volume(answers: Mapping[str, str]) -> float:
    return VOLUMES.get(answer(answers, "monthly_volume"), 1e8)


def budget(answers: Mapping[str, str]) -> float | None:
    return BUDGETS.get(answer(answers, "budget"))


def offer_allowed(offer: Offer, answers: Mapping[str, str]) -> bool:
    location = answer(answers, "data_location")
    if location == "own_infrastructure":
        return False
    if location == "region" and not offer.regions:
        return False
    if answer(answers, "support") == "sla" and not offer.sla:
        return False
    sensitive = answer(answers, "data_sensitivity") in ("personal", "special")
    return not (sensitive and offer.trains_on_customer_data is True)


def self_hosting_allowed(model: CatalogueModel, answers: Mapping[str, str]) -> bool:
    return model.access != "api_only" and answer(answers, "support") != "sla"


def licence_allowed(model: CatalogueModel, answers: Mapping[str, str]) -> bool:
    licence = model.licence
    weights = model.access != "api_only"
    if model.status == "retired":
        return False
    if answer(answers, "commercial_use") == "yes" and not licence.commercial_use:
        return False
    if answer(answers, "customisation") == "modify" and not (weights and licence.modification):
        return False
    return not (
        answer(answers, "redistribution") == "yes" and not (weights and licence.redistribution)
    )


def deployment_costs(
    model: CatalogueModel, answers: Mapping[str, str], settings: EngineSettings
) -> list[float | None]:
    """The monthly cost of every way to run the model that meets the needs."""
    tokens = volume(answers)
    costs: list[float | None] = []
    for offer in model.offers:
        if offer_allowed(offer, answers):
            price = blended_price_per_mtok(offer, settings)
            costs.append(None if price is None else api_monthly_cost(price, tokens))
    if self_hosting_allowed(model, answers):
        plan = self_hosting_plan(model, settings)
        costs.append(None if plan is None else self_hosted_monthly_cost(plan, tokens))
    return costs


def eligible(model: CatalogueModel, answers: Mapping[str, str], settings: EngineSettings) -> bool:
    if not licence_allowed(model, answers):
        return False
    costs = deployment_costs(model, answers, settings)
    if not costs:
        return False
    cap = budget(answers)
    known = [cost for cost in costs if cost is not None]
    return cap is None or (bool(known) and min(known) <= cap)
