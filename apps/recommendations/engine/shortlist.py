"""Ranking eligible (model, route) pairs by fit, and the shortlist.

Fit is a weighted mean of components in [0, 1] (see `fit_parts`); the
shortlist holds the best five of the verdict's side, or of both sides for a
hybrid, ties broken by slug.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .columns import EligibleRows
from .eligibility import Assessment, describe_deployment
from .facts import OfferFacts
from .formatting import format_tokens, format_usd
from .model_values import capability_value, fine_tuning_value, openness_position
from .settings import (
    ALIGNMENT_WEIGHT,
    BELOW_TOP_CAPABILITY_FIT_FACTOR,
    CAVEAT_VALUE,
    FINE_TUNING_WEIGHT,
    HYBRID_MIN_PER_SIDE,
    SELF_HOSTING_BY_EXPERTISE,
    SHORTLIST_SIZE,
    STRENGTH_VALUE,
    SUPPORT_LEVEL_VALUE,
    UNKNOWN_COST_VALUE,
)
from .types import (
    CatalogueModel,
    EngineSettings,
    LicenceTerms,
    ShortlistItem,
    Side,
    Verdict,
)


@dataclass(frozen=True, slots=True)
class FitContext:
    """What fit depends on besides the model; which components apply."""

    score: float
    verdict: Verdict
    capability_weight: int
    cost_weight: int
    cheapest_cost_usd: float | None
    budget_usd: float | None
    monthly_tokens: float
    support: str
    expertise: str
    customisation: str
    cost_model: str
    no_training_on_data: bool
    settings: EngineSettings
    sla: bool = False
    capability_floor: Mapping[str, float] | None = None
    """With capability a must-have: per side, the lowest score still counted
    as top (best eligible score − the top band)."""
    region: str | None = None
    """The jurisdiction data must stay in (``eu``, ``uk``, ``us``, ``other``)."""

    @property
    def wants_vendor_support(self) -> bool:
        return self.support in ("business", "sla")

    @property
    def operations_weight(self) -> int:
        if self.expertise not in SELF_HOSTING_BY_EXPERTISE:
            return 0
        return 2 if self.expertise == "none" else 1

    @property
    def wants_fine_tuning(self) -> bool:
        return self.customisation in ("fine_tune", "modify")

    @property
    def payment_preference(self) -> bool:
        return self.cost_model in ("fixed", "pay_per_use")


class Ranked(NamedTuple):
    """Sorts best first: by fit, descending, then by slug (slugs are unique)."""

    order: float
    """Minus the fit."""
    slug: str
    assessment: Assessment

    @property
    def fit(self) -> float:
        return -self.order


# Each component's value in [0, 1]; `fit_of` and `fit_parts` share them.


def _alignment_value(model: CatalogueModel, score: float) -> float:
    return (1.0 + score * openness_position(model)) / 2.0


def _cost_value(cost: float | None, cheapest: float | None) -> float:
    """1 for the cheapest eligible option, 1/2 at 10× its cost, 1/3 at 100×."""
    if cost is None or cheapest is None:
        return UNKNOWN_COST_VALUE
    return 1.0 / (1.0 + math.log10(max(1.0, (cost + 1.0) / (cheapest + 1.0))))


def _support_value(offer: OfferFacts | None) -> float:
    return SUPPORT_LEVEL_VALUE["community"] if offer is None else offer.support_value


def _operations_value(offer: OfferFacts | None, expertise: str) -> float:
    if offer is None:
        return SELF_HOSTING_BY_EXPERTISE[expertise]
    if offer.on_premises:
        # Your servers, the vendor's support: half-way to being run for you.
        return (1.0 + SELF_HOSTING_BY_EXPERTISE[expertise]) / 2.0
    return 1.0


def _payment_value(offer: OfferFacts | None, cost_model: str) -> float:
    fixed = offer is None or offer.on_premises
    return 1.0 if fixed == (cost_model == "fixed") else 0.5


def _training_value(offer: OfferFacts) -> float:
    return offer.training_value


def fits(assessments: Sequence[Assessment], context: FitContext) -> list[float]:
    """`fit_of` for each assessment: what depends only on the context is
    worked out once, since the ranking asks this for every eligible model.

    Components that do not apply add exactly 0.0 and a model that is not
    deprecated is multiplied by exactly 1.0, which leaves every fit bit for
    bit what adding only the applicable ones gives (in `fit_parts`'s order),
    so the ranking cannot change with how the sum is spelled out.
    """
    score = context.score
    capability_weight = 1 + context.capability_weight
    cost_weight = 1 + context.cost_weight
    cheapest = context.cheapest_cost_usd
    cheapest_plus_one = None if cheapest is None else cheapest + 1.0
    support = 1 if context.wants_vendor_support else 0
    operations_weight = context.operations_weight
    fine_tuning = FINE_TUNING_WEIGHT if context.wants_fine_tuning else 0
    payment = context.payment_preference
    no_training = 1 if context.no_training_on_data else 0
    base_weight = (
        ALIGNMENT_WEIGHT
        + capability_weight
        + cost_weight
        + support
        + operations_weight
        + fine_tuning
        + (1 if payment else 0)
    )
    offer_weight = base_weight + no_training
    # Per way of running it: (operations, payment) terms, each 0.0 when the
    # component does not apply.
    self_operations = premises_operations = api_operations = 0.0
    if operations_weight:
        own = SELF_HOSTING_BY_EXPERTISE[context.expertise]
        self_operations = operations_weight * own
        premises_operations = operations_weight * ((1.0 + own) / 2.0)
        api_operations = operations_weight * 1.0
    wants_fixed = context.cost_model == "fixed"
    fixed_payment = (1.0 if wants_fixed else 0.5) if payment else 0.0
    api_payment = (0.5 if wants_fixed else 1.0) if payment else 0.0
    self_support = support * SUPPORT_LEVEL_VALUE["community"]
    floor = context.capability_floor
    unknown_cost = UNKNOWN_COST_VALUE
    log10 = math.log10

    rows = getattr(assessments, "rows", None)
    if isinstance(rows, EligibleRows):
        # The same sums, term by term in the same order, over the columns.
        columns, at = rows.columns, rows.rows
        values_of = columns.values[at]
        positions, capabilities = values_of[:, 0], values_of[:, 1]
        fine_tuning_fits, status_factors = values_of[:, 2], values_of[:, 3]
        if cheapest_plus_one is None:
            cost_values = np.full(len(at), unknown_cost)
        else:
            priced = ~np.isnan(rows.cost)
            cost_values = np.full(len(at), unknown_cost)
            cost_values[priced] = 1.0 / (
                1.0 + np.log10(np.maximum(1.0, (rows.cost[priced] + 1.0) / cheapest_plus_one))
            )
        totals = (
            ALIGNMENT_WEIGHT * (1.0 + score * positions) / 2.0
            + capability_weight * capabilities
            + cost_weight * cost_values
        )
        own_fit = totals + self_support
        own_fit = own_fit + self_operations
        own_fit = own_fit + fine_tuning * fine_tuning_fits
        own_fit = own_fit + fixed_payment
        own_fit = own_fit / base_weight
        on_premises = rows.on_premises
        offer_total = totals + support * columns.support_values[at, rows.slot]
        offer_total = offer_total + np.where(on_premises, premises_operations, api_operations)
        offer_total = offer_total + fine_tuning * fine_tuning_fits
        offer_total = offer_total + np.where(on_premises, fixed_payment, api_payment)
        offer_total = offer_total + no_training * columns.training_values[at, rows.slot]
        offer_total = offer_total / offer_weight
        fit = np.where(rows.self_hosted, own_fit, offer_total)
        if floor is not None:
            scores = columns.capability_scores[at]
            is_open = columns.is_open[at]
            for side, floor_value in floor.items():
                on_side = is_open if side == "open" else ~is_open
                below = on_side & (np.isnan(scores) | (scores < floor_value))
                fit = np.where(below, fit * BELOW_TOP_CAPABILITY_FIT_FACTOR, fit)
        result: list[float] = (fit * status_factors).tolist()
        return result

    values: list[float] = []
    append = values.append
    for facts, cost, offer, _best_api, _self_cost in assessments:
        position, capability, fine_tuning_fit, status_factor = facts.values
        if cost is None or cheapest_plus_one is None:
            cost_value = unknown_cost
        else:
            cost_value = 1.0 / (1.0 + log10(max(1.0, (cost + 1.0) / cheapest_plus_one)))
        total = (
            ALIGNMENT_WEIGHT * (1.0 + score * position) / 2.0
            + capability_weight * capability
            + cost_weight * cost_value
        )
        if offer is None:
            total += self_support
            total += self_operations
            total += fine_tuning * fine_tuning_fit
            total += fixed_payment
            value = total / base_weight
        else:
            total += support * offer.support_value
            if offer.on_premises:
                total += premises_operations
                total += fine_tuning * fine_tuning_fit
                total += fixed_payment
            else:
                total += api_operations
                total += fine_tuning * fine_tuning_fit
                total += api_payment
            total += no_training * offer.training_value
            value = total / offer_weight
        if floor is not None:  # as `below_top`, without a call per model
            side_floor = floor.get(facts.side)
            if side_floor is not None:
                capability_score = facts.model.capability_score
                if capability_score is None or capability_score < side_floor:
                    value *= BELOW_TOP_CAPABILITY_FIT_FACTOR
        append(value * status_factor)
    return values


def below_top(model: CatalogueModel, floor: Mapping[str, float]) -> bool:
    side_floor = floor.get(model.side)
    if side_floor is None:
        return False
    return model.capability_score is None or model.capability_score < side_floor


def fit_of(assessment: Assessment, context: FitContext) -> float:
    """The weighted mean of `fit_parts`, computed without building them."""
    return fits((assessment,), context)[0]


def fit_parts(assessment: Assessment, context: FitContext) -> list[tuple[int, float, str]]:
    """(weight, value in [0, 1], reason) for each component that applies."""
    model = assessment.facts.model
    offer = assessment.deployment_offer
    host = offer.offer.host_name if offer is not None else ""

    if model.access == "api_only":
        kind = f"Closed model from {model.provider}, run by the vendor or a host"
    else:
        access = "Open source" if model.access == "open_source" else "Open weights"
        kind = f"{access} under {model.licence.name}"
    position = openness_position(model)
    if context.verdict == "hybrid":
        kind += f": the {'open' if position > 0 else 'closed'} part of a hybrid"
    elif context.score * position > 0:
        kind += f", in line with your {'open' if context.score > 0 else 'closed'}-leaning answers"
    parts = [(ALIGNMENT_WEIGHT, _alignment_value(model, context.score), kind)]

    capability = model.capability_score
    parts.append(
        (
            1 + context.capability_weight,
            capability_value(model),
            "No independent capability figure, so no credit for capability"
            if capability is None
            else f"Capability score {capability:.0f}/100"
            + (" (the index's estimate, not a measured run)" if model.capability_estimated else ""),
        )
    )

    cost = assessment.monthly_cost_usd
    if cost is None:
        cost_text = "Cost not estimated: no price or parameter count listed"
    else:
        cost_text = (
            f"About {format_usd(cost)} a month at {format_tokens(context.monthly_tokens)} tokens"
        )
        if context.budget_usd is not None:
            cost_text += f", within your {format_usd(context.budget_usd)} budget"
    parts.append(
        (
            1 + context.cost_weight,
            _cost_value(cost, context.cheapest_cost_usd),
            cost_text,
        )
    )

    if context.wants_vendor_support:
        if offer is None:
            text = "Self-hosted: no vendor support"
        elif context.support == "sla":
            text = f"Contractual SLA from {host}"
        else:
            level = offer.offer.support_level
            text = (
                f"Only community support from {host}"
                if level == "community"
                else f"{level.capitalize()} support from {host}"
            )
        parts.append((1, _support_value(offer), text))

    operations_weight = context.operations_weight
    if operations_weight:
        if offer is not None and offer.on_premises:
            text = f"Run on your servers with support from {host}"
        elif offer is not None:
            text = f"Run for you by {host}"
        elif context.expertise == "none":
            text = "Self-hosted, though you have no ML engineers to run it"
        else:
            text = "Self-hosted by your own engineers"
        parts.append((operations_weight, _operations_value(offer, context.expertise), text))

    if context.wants_fine_tuning:
        value = fine_tuning_value(model)
        if model.access != "api_only":
            text = "Downloadable weights: tune it as far as you need"
        elif model.fine_tuning_available:
            text = f"{model.provider} offers fine-tuning"
        elif model.fine_tuning_available is None:
            text = "Fine-tuning not known to be offered"
        else:
            text = "No fine-tuning offered"
        parts.append((FINE_TUNING_WEIGHT, value, text))

    if context.payment_preference:
        text = (
            "A fixed monthly cost for your own GPUs"
            if offer is None or offer.on_premises
            else "You pay per use"
        )
        parts.append((1, _payment_value(offer, context.cost_model), text))

    if context.no_training_on_data and offer is not None:
        if offer.on_premises:
            text = "Runs on your servers: your data never reaches the vendor"
        elif offer.offer.trains_on_customer_data is False:
            text = f"{host} does not train on your data"
        else:
            text = "Whether it trains on customer data is not stated: check"
        parts.append((1, _training_value(offer), text))
    return parts


def reasons_of(assessment: Assessment, context: FitContext) -> tuple[str, ...]:
    """The kind of model first, then its two strongest points, then caveats."""
    parts = fit_parts(assessment, context)
    strengths = sorted(
        (-(weight * value), order, reason)
        for order, (weight, value, reason) in enumerate(parts[1:])
        if value >= STRENGTH_VALUE
    )
    reasons = [parts[0][2]]
    reasons.extend(reason for _order, _position, reason in strengths[:2])
    reasons.extend(reason for _weight, value, reason in parts[1:] if value < CAVEAT_VALUE)
    model = assessment.facts.model
    if context.capability_floor is not None and below_top(model, context.capability_floor):
        reasons.append("Not among the most capable eligible models, which you need: ranked lower")
    if model.status == "deprecated":
        reasons.append("Deprecated by its provider: plan a migration")
    return tuple(reasons)


def obligations_of(licence: LicenceTerms) -> tuple[str, ...]:
    items = []
    if not licence.commercial_use:
        items.append("Non-commercial use only.")
    if licence.attribution_required:
        items.append(f"Attribution required: keep the {licence.name} notices.")
    if licence.acceptable_use_policy:
        items.append("An acceptable-use policy applies.")
    if licence.user_cap is not None:
        items.append(
            f"A separate licence is needed above {licence.user_cap:,} monthly active users."
        )
    items.extend(licence.obligations)
    return tuple(dict.fromkeys(items))


class Ranking(NamedTuple):
    """What the result needs from the ranking, without sorting every model."""

    top: dict[Side, list[Ranked]]
    """The best `SHORTLIST_SIZE` models of each side, best first."""
    best_api: Ranked | None
    """The best-fitting model with a priced API offer that meets the needs."""
    best_self_hosted: Ranked | None
    """The best-fitting model that can be self-hosted and priced."""


def rank(assessments: list[Assessment], context: FitContext) -> Ranking:
    """Best first means by fit, descending, then by slug, as `Ranked` sorts.
    Each fit is worked out once; only the few models that can be among the
    best of a side (a fit at least its `SHORTLIST_SIZE`-th best) are sorted."""
    values = fits(assessments, context)

    def ranked(position: int) -> Ranked:
        return Ranked(
            -values[position], assessments[position].facts.model.slug, assessments[position]
        )

    def best(positions: list[int], count: int) -> list[Ranked]:
        if not positions:
            return []
        threshold = heapq.nlargest(count, [values[at] for at in positions])[-1]
        return sorted(ranked(at) for at in positions if values[at] >= threshold)[:count]

    everyone = range(len(assessments))
    open_side = [at for at in everyone if assessments[at][0].side == "open"]
    closed_side = [at for at in everyone if assessments[at][0].side != "open"]
    with_api = best([at for at in everyone if assessments[at][3] is not None], 1)
    self_hosted = best([at for at in everyone if assessments[at][4] is not None], 1)
    return Ranking(
        top={"open": best(open_side, SHORTLIST_SIZE), "closed": best(closed_side, SHORTLIST_SIZE)},
        best_api=with_api[0] if with_api else None,
        best_self_hosted=self_hosted[0] if self_hosted else None,
    )


def select(ranking: Ranking, verdict: Verdict) -> list[Ranked]:
    """The shortlist: the verdict's side, or both sides for a hybrid (at least
    `HYBRID_MIN_PER_SIDE` of each where there are, then the best of the rest)."""
    if verdict == "none":
        return []
    if verdict != "hybrid":
        return ranking.top[verdict]
    chosen = ranking.top["open"][:HYBRID_MIN_PER_SIDE] + ranking.top["closed"][:HYBRID_MIN_PER_SIDE]
    rest = sorted(
        ranking.top["open"][HYBRID_MIN_PER_SIDE:] + ranking.top["closed"][HYBRID_MIN_PER_SIDE:]
    )
    chosen.extend(rest[: max(0, SHORTLIST_SIZE - len(chosen))])
    return sorted(chosen)


def shortlist_item(item: Ranked, context: FitContext) -> ShortlistItem:
    assessment = item.assessment
    model = assessment.facts.model
    offer = assessment.deployment_offer
    cost = assessment.monthly_cost_usd
    return ShortlistItem(
        slug=model.slug,
        name=model.name,
        provider=model.provider,
        side=assessment.facts.side,
        fit=round(item.fit, 4),
        reasons=reasons_of(assessment, context),
        obligations=obligations_of(model.licence),
        monthly_cost_usd=None if cost is None else round(cost, 2),
        cost_basis=describe_deployment(
            assessment.facts, offer, context.monthly_tokens, context.settings, context.sla
        ),
        deployment="self_hosted" if offer is None or offer.on_premises else "api",
        host_name=None if offer is None else offer.offer.host_name,
        route="self_hosted" if offer is None else offer.route,
        data_terms=data_terms_of(offer, context.region),
        regions=("customer",) if offer is None else offer.offer.regions,
    )


REGION_NAMES = {"eu": "the EU", "uk": "the UK", "us": "the US"}


def data_terms_of(offer: OfferFacts | None, region: str | None = None) -> str:
    """Retention and training terms on a route, in words, and what to set
    when data must stay in a jurisdiction the offer is not limited to."""
    if offer is None:
        return "Runs on infrastructure you control: no third party sees your data."
    if offer.on_premises:
        return (
            f"Runs on your own infrastructure; {offer.offer.host_name} supports it "
            "without receiving your data."
        )
    terms = offer.offer
    training = {
        True: "trains on customer data",
        False: "does not train on customer data",
        None: "training on customer data not stated",
    }[terms.trains_on_customer_data]
    stated = terms.data_retention.strip().rstrip(".")
    retention = f"retention: {stated}" if stated else "retention not stated"
    text = f"{terms.host_name}: {retention}; {training}."
    if region is not None and len(terms.regions) > 1:
        where = REGION_NAMES.get(region, "your jurisdiction")
        text += (
            f" It also processes data elsewhere: choose processing in {where} "
            "(its data residency option) and confirm it in the contract."
        )
    return text
