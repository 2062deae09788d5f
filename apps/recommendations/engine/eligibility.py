"""Eligibility: every model against a set of requirements, in one pass.

A model is eligible when its licence and status allow what the answers need
(`constraints.Requirements`), when at least one way of running it meets the
route rules — an offer, or plain self-hosting of downloadable weights — and,
with a budget, when the cheapest such way costs no more than the budget at
the person's volume. Each excluded model gets its plain-English reasons.

`assess_split` is the pass; `assess` asks about one model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from .columns import BoolArray, Columns, Eligible, EligibleRows, FloatArray, IntArray
from .constraints import Requirements
from .costs import (
    TOKENS_PER_PRICE_UNIT,
    SelfHostingPlan,
    api_monthly_cost,
    describe_api,
    describe_self_hosted,
    describe_supported,
    self_hosted_monthly_cost,
    supported_monthly_cost,
)
from .factors import ROUTE_RULES
from .facts import (
    NO_COMMERCIAL_USE,
    NO_MODIFICATION,
    NO_REDISTRIBUTION,
    OFFER_CLASSES,
    RETIRED,
    ModelFacts,
    OfferFacts,
)
from .formatting import format_usd
from .types import EngineSettings, ExcludedModel


class PassCache:
    """What passes over one prepared catalogue share, whatever the needs:
    per volume, the cost of each self-hosting plan (by the plan's id, which
    the prepared catalogue keeps alive); per volume and SLA, each supported
    subscription's cost; per licence mask, the licence reasons; per set of
    allowed offer classes and per set of fit rules, lookup tables by offer
    class; and the catalogue's models as columns (see `columns`)."""

    __slots__ = (
        "allowed_tables",
        "columns",
        "licence_reasons",
        "rule_tables",
        "self_costs",
        "supported_costs",
    )

    def __init__(self) -> None:
        self.self_costs: dict[float, dict[int, float]] = {}
        self.supported_costs: dict[
            tuple[float, bool], dict[tuple[int, float | None], float | None]
        ] = {}
        self.rule_tables: dict[tuple[object, ...], IntArray] = {}
        self.licence_reasons: dict[int, dict[tuple[int, str, str], tuple[str, ...]]] = {}
        self.allowed_tables: dict[frozenset[int], BoolArray] = {}
        self.columns: tuple[Sequence[ModelFacts], Columns] | None = None

    def columns_of(self, models: Sequence[ModelFacts]) -> Columns:
        """`Columns(models)`, kept for the last sequence asked about (a
        prepared catalogue asks about its own models every time)."""
        kept = self.columns
        if kept is not None and kept[0] is models:
            return kept[1]
        columns = Columns(models)
        self.columns = (models, columns)
        return columns

    def allowed_table(self, allowed: frozenset[int]) -> BoolArray:
        """Indexed by offer class: is it allowed (the last entry, which an
        empty slot's class -1 reads, never is)."""
        table = self.allowed_tables.get(allowed)
        if table is None:
            table = np.zeros(len(OFFER_CLASSES) + 1, dtype=np.bool_)
            table[sorted(allowed)] = True
            self.allowed_tables[allowed] = table
        return table

    def rule_table(self, requirements: Requirements) -> IntArray:
        """Indexed by offer class: the fit rules it fails, a bit per
        `ROUTE_RULES` key in their order (none for an empty slot)."""
        key = requirements.rule_key
        table = self.rule_tables.get(key)
        if table is None:
            bits = {rule: 1 << at for at, rule in enumerate(ROUTE_RULES)}
            table = np.zeros(len(OFFER_CLASSES) + 1, dtype=np.int64)
            for offer_class in OFFER_CLASSES:
                for rule in requirements.failed_rules(offer_class):
                    table[offer_class] |= bits[rule]
            self.rule_tables[key] = table
        return table


class Assessment(NamedTuple):
    """An eligible model and the way it would be run."""

    facts: ModelFacts
    monthly_cost_usd: float | None
    deployment_offer: OfferFacts | None
    """None when the model is self-hosted."""
    best_api: tuple[OfferFacts, float] | None
    """The cheapest priced API offer that meets the needs, with its cost
    (vendor-supported self-hosting is not an API)."""
    self_hosting_cost_usd: float | None
    """Self-hosting cost, when self-hosting meets the needs and can be priced."""


def offer_monthly_cost(
    item: OfferFacts, plan: SelfHostingPlan | None, monthly_tokens: float, sla: bool
) -> float | None:
    """An offer's monthly cost at the volume: tokens × price for an API,
    GPUs plus subscription for vendor-supported self-hosting; None unpriced."""
    if item.on_premises:
        price = item.offer.subscription_usd_per_gpu_year
        if plan is None or price is None:
            return None
        return supported_monthly_cost(plan, monthly_tokens, price, sla)
    if item.price_per_mtok is None:
        return None
    return api_monthly_cost(item.price_per_mtok, monthly_tokens)


def assess(
    facts: ModelFacts,
    requirements: Requirements,
    settings: EngineSettings,
    cache: PassCache | None = None,
) -> Assessment | tuple[str, ...]:
    """An `Assessment` when the model is eligible, otherwise its reasons."""
    return assess_many((facts,), requirements, settings, cache)[0]


def assess_many(
    models: Sequence[ModelFacts],
    requirements: Requirements,
    settings: EngineSettings,
    cache: PassCache | None = None,
) -> list[Assessment | tuple[str, ...]]:
    """`assess` for many models, in their order."""
    eligible, excluded = assess_split(models, requirements, settings, cache)
    by_slug: dict[str, Assessment | tuple[str, ...]] = {
        item.facts.model.slug: item for item in eligible
    }
    by_slug.update((entry.slug, entry.reasons) for entry in excluded)
    return [by_slug[facts.model.slug] for facts in models]


def assess_split(
    models: Sequence[ModelFacts],
    requirements: Requirements,
    settings: EngineSettings,
    cache: PassCache | None = None,
) -> tuple[list[Assessment], list[ExcludedModel]]:
    """The eligible models with their assessment, in the models' order, and
    the excluded ones with their reasons, in slug order. ``cache`` (one per
    prepared catalogue) keeps what many models share: the models as
    columns, the cost of a plan at a volume, an exclusion's wording.

    Every model's ways of running it are allowed, priced and compared at
    once over the columns; the cheapest allowed way wins (the first of equal
    ones, in offer order), then self-hosting when it costs no more."""
    if cache is None:
        cache = PassCache()
    columns = cache.columns_of(models)
    tokens = requirements.monthly_tokens
    scale = tokens / TOKENS_PER_PRICE_UNIT  # as in costs.api_monthly_cost
    sla = requirements.sla
    budget = requirements.budget_usd
    inf, nan = np.inf, np.nan

    allowed = cache.allowed_table(requirements.allowed_offer_classes)[columns.offer_classes]
    on_premises = columns.on_premises
    api_cost = np.where(allowed & columns.priced, columns.prices * scale, inf)
    supported_costs = cache.supported_costs.setdefault((tokens, sla), {})
    premises_values = np.full(len(columns.premises_keys) + 1, inf)
    for at, (plan, price) in enumerate(columns.premises_keys):
        cost_key = (id(plan), price)
        if cost_key in supported_costs:
            cost = supported_costs[cost_key]
        else:
            cost = supported_costs[cost_key] = (
                None
                if plan is None or price is None
                else supported_monthly_cost(plan, tokens, price, sla)
            )
        if cost is not None:
            premises_values[at] = cost
    offer_cost = np.where(
        on_premises, np.where(allowed, premises_values[columns.premises_at], inf), api_cost
    )
    rows = np.arange(len(models))
    best_slot = offer_cost.argmin(axis=1)
    best_offer_cost = offer_cost[rows, best_slot]
    api_slot = api_cost.argmin(axis=1)
    best_api_cost = api_cost[rows, api_slot]
    any_allowed = allowed.any(axis=1)
    first_allowed = allowed.argmax(axis=1)

    can_self_host = columns.is_open & requirements.self_hosting_allowed
    if requirements.self_hosting_allowed and columns.plans:
        self_costs = cache.self_costs.setdefault(tokens, {})
        plan_costs = []
        for plan in columns.plans:
            found = self_costs.get(id(plan))
            if found is None:
                found = self_costs[id(plan)] = self_hosted_monthly_cost(plan, tokens)
            plan_costs.append(found)
        self_cost = np.where(can_self_host, np.array([*plan_costs, nan])[columns.plan_at], nan)
    else:
        self_cost = np.full(len(models), nan)
    has_self = ~np.isnan(self_cost)
    has_offer = best_offer_cost < inf
    use_offer = has_offer & (~has_self | (best_offer_cost <= self_cost))
    use_self = ~use_offer & (has_self | ~any_allowed)
    chosen = np.where(use_offer, best_offer_cost, np.where(use_self, self_cost, nan))

    failed = columns.licence_bits & requirements.licence_mask
    no_way = ~any_allowed & ~can_self_host
    over = (
        ~no_way & (np.isnan(chosen) | (chosen > budget))
        if budget is not None
        else np.zeros(len(models), dtype=np.bool_)
    )
    is_excluded = no_way | (failed != 0) | over

    # The way each model would be run: its cheapest offer, self-hosting, or
    # (with neither priced) its first allowed offer; None when self-hosted.
    slot = np.where(use_offer, best_slot, first_allowed)
    deployment = columns.offers[rows, slot]
    deployment[use_self] = None

    kept = np.flatnonzero(~is_excluded)
    api_pairs: list[tuple[OfferFacts, float] | None] = list(
        zip(
            columns.offers[kept, api_slot[kept]].tolist(),
            best_api_cost[kept].tolist(),
            strict=True,
        )
    )
    for at in np.flatnonzero(best_api_cost[kept] == inf).tolist():
        api_pairs[at] = None
    # Without Assessment's Python-level ``__new__``: a pass builds thousands.
    new_tuple = tuple.__new__
    eligible = Eligible(
        [
            new_tuple(Assessment, values)
            for values in zip(
                columns.facts[kept].tolist(),
                _or_none(chosen[kept]),
                deployment[kept].tolist(),
                api_pairs,
                _or_none(self_cost[kept]),
                strict=True,
            )
        ],
        EligibleRows(
            columns=columns,
            rows=kept,
            cost=chosen[kept],
            slot=slot[kept],
            self_hosted=use_self[kept],
            on_premises=~use_self[kept] & columns.on_premises[kept, slot[kept]],
        ),
    )

    # The excluded, in slug order. Their reasons depend on the licence, the
    # side and (with no way to run it) the offers' classes, not on the
    # model itself, except when it is over budget: each distinct set of
    # reasons is worded once.
    in_order = columns.slug_order[is_excluded[columns.slug_order]]
    # With no way to run it, the wording names the number of offers and
    # the rules they fail between them (a bit per `ROUTE_RULES` key).
    failed_rules = np.bitwise_or.reduce(
        cache.rule_table(requirements)[columns.offer_classes[in_order]], axis=1
    )
    wording_code = np.where(
        no_way[in_order],
        1 + columns.offer_count[in_order] + (columns.offer_width + 1) * failed_rules,
        0,
    )
    licences = columns.licence_count
    codes = failed[in_order] + 16 * (
        columns.licence_at[in_order] + licences * (columns.is_open[in_order] + 2 * wording_code)
    )
    too_dear = over[in_order]
    codes[too_dear] = -1
    unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    licence_reasons = cache.licence_reasons.setdefault(requirements.licence_mask, {})

    def licence_part(facts: ModelFacts) -> tuple[str, ...]:
        failed_bits = facts.licence_bits & requirements.licence_mask
        if not failed_bits:
            return ()
        key = (failed_bits, facts.model.licence.name, facts.side)
        found = licence_reasons.get(key)
        if found is None:
            found = licence_reasons[key] = tuple(_licence_reasons(facts, requirements))
        return found

    table = np.empty(len(unique), dtype=object)
    for at, (code, row) in enumerate(zip(unique.tolist(), in_order[first].tolist(), strict=True)):
        if code < 0:
            continue  # over budget: worded model by model below
        facts = models[row]
        reasons = licence_part(facts)
        if no_way[row]:
            reasons = (*reasons, _deployment_reason(facts, requirements))
        table[at] = reasons
    all_reasons: list[tuple[str, ...]] = table[inverse].tolist()
    for at in np.flatnonzero(too_dear).tolist():
        row = int(in_order[at])
        facts = models[row]
        all_reasons[at] = (
            *licence_part(facts),
            _over_budget(facts, deployment[row], float(chosen[row]), requirements, settings),
        )
    excluded = [
        _excluded(slug, name, reasons)
        for slug, name, reasons in zip(
            columns.slugs[in_order].tolist(),
            columns.names[in_order].tolist(),
            all_reasons,
            strict=True,
        )
    ]
    return eligible, excluded


def _or_none(values: FloatArray) -> list[float | None]:
    """The values as Python floats, NaN (no price) as None."""
    boxed = values.astype(object)
    boxed[np.isnan(values)] = None
    result: list[float | None] = boxed.tolist()
    return result


def _over_budget(
    facts: ModelFacts,
    offer: OfferFacts | None,
    cost: float,
    requirements: Requirements,
    settings: EngineSettings,
) -> str:
    if cost != cost:  # NaN: no price
        return (
            "No price is known for any way to run it that meets your needs, so it "
            f"cannot be kept within your budget of {requirements.budget_text}."
        )
    tokens = requirements.monthly_tokens
    basis = describe_deployment(facts, offer, tokens, settings, requirements.sla)
    return (
        f"Its cheapest way to run that meets your needs ({basis}) costs about "
        f"{format_usd(cost)} a month at {requirements.volume_text} tokens, "
        f"above your budget of {requirements.budget_text}."
    )


# Built once per model on every pass over a large catalogue, so without the
# Python-level constructors (a frozen dataclass's ``__init__``, a NamedTuple's
# ``__new__``), which are the larger part of the cost of building them.
_new_object = object.__new__
# The slots' own descriptors (what the frozen ``__init__`` sets them with).
_set_slug: Callable[[ExcludedModel, str], None] = vars(ExcludedModel)["slug"].__set__
_set_name: Callable[[ExcludedModel, str], None] = vars(ExcludedModel)["name"].__set__
_set_reasons: Callable[[ExcludedModel, tuple[str, ...]], None] = vars(ExcludedModel)[
    "reasons"
].__set__


def _excluded(slug: str, name: str, reasons: tuple[str, ...]) -> ExcludedModel:
    """``ExcludedModel(slug, name, reasons)``: the slots are set directly,
    as its frozen ``__init__`` would (it has no checks to skip)."""
    excluded = _new_object(ExcludedModel)
    _set_slug(excluded, slug)
    _set_name(excluded, name)
    _set_reasons(excluded, reasons)
    return excluded


def describe_deployment(
    facts: ModelFacts,
    offer: OfferFacts | None,
    monthly_tokens: float,
    settings: EngineSettings,
    sla: bool = False,
) -> str:
    if offer is not None and offer.on_premises:
        return describe_supported(offer.offer, facts.plan, settings, monthly_tokens, sla)
    if offer is not None:
        return describe_api(offer.offer, settings)
    return describe_self_hosted(facts.plan, 1, settings, monthly_tokens)


def _licence_reasons(facts: ModelFacts, requirements: Requirements) -> list[str]:
    failed = facts.licence_bits & requirements.licence_mask
    if not failed:
        return []
    licence = facts.model.licence.name
    has_weights = facts.side == "open"
    reasons = []
    if failed & RETIRED:
        reasons.append("Retired by its provider, so it is never recommended.")
    if failed & NO_COMMERCIAL_USE:
        reasons.append(f"Its licence ({licence}) does not allow commercial use.")
    if failed & NO_MODIFICATION:
        reasons.append(
            f"Its licence ({licence}) does not allow changing the model."
            if has_weights
            else "It has no downloadable weights, so you cannot change them."
        )
    if failed & NO_REDISTRIBUTION:
        reasons.append(
            f"Its licence ({licence}) does not allow redistributing the weights."
            if has_weights
            else "It has no downloadable weights to ship to customers or devices."
        )
    return reasons


def _deployment_reason(facts: ModelFacts, requirements: Requirements) -> str:
    failed: dict[str, None] = {}
    for item in facts.offers:
        failed.update(dict.fromkeys(requirements.failed_rules(item.offer_class)))
    rules = [ROUTE_RULES[key] for key in ROUTE_RULES if key in failed]
    if not facts.offers:
        offer_part = "It has no offer you could use"
    elif len(facts.offers) == 1:
        offer_part = f"Its one offer does not fit, because {_join(rules)}"
    else:
        offer_part = f"None of its {len(facts.offers)} offers fits, because {_join(rules)}"
    if facts.side != "open":
        self_part = "it has no downloadable weights to run yourselves"
    else:
        self_rules = requirements.self_hosting_failed_rules()
        self_part = "running it yourselves does not fit either, because " + _join(
            [ROUTE_RULES[key] for key in self_rules]
        )
    return f"{offer_part}; {self_part}."


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
