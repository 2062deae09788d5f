"""An independent, deliberately plain reading of the hard constraints of
the product reference, for checking the engine's own (indexed) implementation.

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
    supported_monthly_cost,
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
    """The fit rules for one offer (a vendor-supported
    self-hosting subscription runs on the customer's own servers)."""
    on_premises = offer.kind == "supported_self_hosting"
    location = answer(answers, "data_location")
    if location == "own_infrastructure" and not on_premises:
        return False
    if location == "region" and not on_premises:
        region = answer(answers, "data_region")
        if region in ("eu", "uk", "us"):
            if region not in offer.regions:
                return False
        elif not [r for r in offer.regions if r != "global"]:
            return False
    if answer(answers, "support") == "sla" and not offer.sla:
        return False
    fine_tune = answer(answers, "customisation") in ("fine_tune", "modify")
    if fine_tune and offer.fine_tuning_available is not True:
        return False
    sensitivity = answer(answers, "data_sensitivity")
    terms_unknown = offer.trains_on_customer_data is None or not offer.data_retention
    if sensitivity in ("personal", "special") and not on_premises and terms_unknown:
        return False
    return not (
        sensitivity == "special" and not on_premises and offer.trains_on_customer_data is True
    )


def self_hosting_allowed(model: CatalogueModel, answers: Mapping[str, str]) -> bool:
    return (
        model.access != "api_only"
        and answer(answers, "support") != "sla"
        and answer(answers, "expertise") != "none"
    )


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
    sla = answer(answers, "support") == "sla"
    for offer in model.offers:
        if not offer_allowed(offer, answers):
            continue
        if offer.kind == "supported_self_hosting":
            plan = self_hosting_plan(model, settings)
            price = offer.subscription_usd_per_gpu_year
            costs.append(
                None
                if plan is None or price is None
                else supported_monthly_cost(plan, tokens, price, sla)
            )
        else:
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
