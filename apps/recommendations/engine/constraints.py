"""Fit rules: which (model, route) pairs can be used at all.

A model is eligible when its licence and status allow what the answers need,
when at least one route meets the route rules — an offer (the maker's API, a
hosted API, or a vendor-supported self-hosting subscription) or plain
self-hosting of downloadable weights — and, with a budget, when the cheapest
such route costs no more than the budget at the person's volume. Each
exclusion records its plain-English reasons.

Route rules (`failed_rules`): data on your own servers allows only the two
self-hosted routes; a jurisdiction needs an offer that processes data there
(``other``: any offer that states its regions), self-hosting always can; an
SLA must come with the route; fine-tuning needs an offer that sells it or
plain self-hosting; personal or special-category data needs stated data
terms, and special-category data no training on customer data; without ML
engineers, no plain self-hosting. With a budget, an unpriced route cannot be
checked, so it is excluded; without one, unpriced routes count.

`assess` is the per-model check behind the exclusions and the shortlist;
`index.CatalogueIndex` answers the same questions per side without a pass
over every model, and the tests hold the two to the same answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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
from .factors import HARD_CONSTRAINTS, ROUTE_RULES
from .facts import (
    NO_COMMERCIAL_USE,
    NO_MODIFICATION,
    NO_REDISTRIBUTION,
    OFFER_CLASSES,
    OFFER_FINE_TUNING,
    OFFER_HAS_REGIONS,
    OFFER_HAS_SLA,
    OFFER_ON_PREMISES,
    OFFER_TERMS_UNKNOWN,
    OFFER_TRAINS_ON_DATA,
    REGION_BITS,
    RETIRED,
    OfferFacts,
)
from .facts import ModelFacts as ModelFacts
from .facts import prepare as prepare
from .formatting import format_tokens, format_usd
from .settings import (
    BUDGET_CAPS_USD,
    DEFAULT_BUDGET_USD,
    DEFAULT_VOLUME_KEY,
    VOLUME_TOKENS,
)
from .types import EngineSettings, ExcludedModel

UNSURE_KEY = "unsure"


@functools.lru_cache(maxsize=256)
def failed_rules(
    offer_class: int,
    own_infrastructure: bool,
    region: str | None,
    sla: bool,
    fine_tune: bool,
    terms_needed: bool,
    no_training: bool,
) -> tuple[str, ...]:
    """The keys of `ROUTE_RULES` an offer of this class fails."""
    on_premises = bool(offer_class & OFFER_ON_PREMISES)
    failed = []
    if own_infrastructure and not on_premises:
        failed.append("own_infrastructure")
    if region is not None and not on_premises:
        wanted = REGION_BITS.get(region, OFFER_HAS_REGIONS)
        if not offer_class & wanted:
            failed.append("region")
    if sla and not offer_class & OFFER_HAS_SLA:
        failed.append("sla")
    if fine_tune and not offer_class & OFFER_FINE_TUNING:
        failed.append("fine_tune")
    if terms_needed and not on_premises and offer_class & OFFER_TERMS_UNKNOWN:
        failed.append("terms_unknown")
    if no_training and not on_premises and offer_class & OFFER_TRAINS_ON_DATA:
        failed.append("trains")
    return tuple(failed)


@dataclass(frozen=True, slots=True)
class Requirements:
    """What the answers demand of a model and of the way it is run."""

    monthly_tokens: float
    budget_usd: float | None
    commercial_use: bool
    modify: bool
    redistribute: bool
    own_infrastructure: bool
    region: str | None
    """``eu``, ``uk``, ``us``, ``other`` (any stated region), or None."""
    sla: bool
    fine_tune: bool
    terms_needed: bool
    """Personal or special-category data: offers must state their data terms."""
    no_training_on_data: bool
    """Special-category data: offers must not train on customer data."""
    no_expertise: bool
    licence_mask: int = field(init=False)
    """The licence bits (see `ModelFacts.licence_bits`) that exclude a model."""
    allowed_offer_classes: frozenset[int] = field(init=False)
    """The offer classes (see `offer_class_of`) that may be used."""
    self_hosting_allowed: bool = field(init=False)
    volume_text: str = field(init=False)
    budget_text: str = field(init=False)
    """Formatted once: exclusion reasons repeat them for many models."""

    def __post_init__(self) -> None:
        # Derived once here: the per-model checks read them for every model.
        mask = (
            RETIRED
            | (NO_COMMERCIAL_USE if self.commercial_use else 0)
            | (NO_MODIFICATION if self.modify else 0)
            | (NO_REDISTRIBUTION if self.redistribute else 0)
        )
        object.__setattr__(self, "licence_mask", mask)
        object.__setattr__(self, "allowed_offer_classes", _allowed_classes(self.rule_key))
        object.__setattr__(self, "self_hosting_allowed", not self.sla and not self.no_expertise)
        object.__setattr__(self, "volume_text", format_tokens(self.monthly_tokens))
        budget = self.budget_usd
        object.__setattr__(self, "budget_text", "" if budget is None else format_usd(budget))

    @property
    def rule_key(self) -> tuple[bool, str | None, bool, bool, bool, bool]:
        return (
            self.own_infrastructure,
            self.region,
            self.sla,
            self.fine_tune,
            self.terms_needed,
            self.no_training_on_data,
        )

    def failed_rules(self, offer_class: int) -> tuple[str, ...]:
        return failed_rules(offer_class, *self.rule_key)

    def self_hosting_failed_rules(self) -> tuple[str, ...]:
        return tuple(
            key for key, failed in (("sla", self.sla), ("expertise", self.no_expertise)) if failed
        )


@functools.lru_cache(maxsize=256)
def _allowed_classes(rule_key: tuple[bool, str | None, bool, bool, bool, bool]) -> frozenset[int]:
    return frozenset(
        offer_class for offer_class in OFFER_CLASSES if not failed_rules(offer_class, *rule_key)
    )


_REQUIRING = (
    "monthly_volume",
    "budget",
    "data_location",
    "data_region",
    "commercial_use",
    "customisation",
    "redistribution",
    "support",
    "data_sensitivity",
    "expertise",
)
"""The questions requirements are read from."""
_REQUIREMENTS: dict[tuple[str | None, ...], Requirements] = {}
_REQUIREMENTS_KEPT = 4_096


def requirements_from(answers: Mapping[str, str]) -> Requirements:
    """From resolved answers (every question present, see `resolve_answers`);
    the sensitivity analysis asks for the same few dozen again and again."""
    key = tuple([answers.get(slug) for slug in _REQUIRING])
    found = _REQUIREMENTS.get(key)
    if found is None:
        if len(_REQUIREMENTS) >= _REQUIREMENTS_KEPT:
            _REQUIREMENTS.clear()
        found = _REQUIREMENTS[key] = _requirements_from(answers)
    return found


def _requirements_from(answers: Mapping[str, str]) -> Requirements:
    volume_key = answers["monthly_volume"]
    budget_key = answers["budget"]
    in_region = answers["data_location"] == "region"
    region = answers.get("data_region", UNSURE_KEY) if in_region else None
    return Requirements(
        monthly_tokens=VOLUME_TOKENS.get(volume_key, VOLUME_TOKENS[DEFAULT_VOLUME_KEY]),
        budget_usd=BUDGET_CAPS_USD.get(budget_key, DEFAULT_BUDGET_USD),
        commercial_use=answers["commercial_use"] == "yes",
        modify=answers["customisation"] == "modify",
        redistribute=answers["redistribution"] == "yes",
        own_infrastructure=answers["data_location"] == "own_infrastructure",
        region=None if region is None else (region if region in REGION_BITS else "other"),
        sla=answers["support"] == "sla",
        fine_tune=answers["customisation"] in ("fine_tune", "modify"),
        terms_needed=answers["data_sensitivity"] in ("personal", "special"),
        no_training_on_data=answers["data_sensitivity"] == "special",
        no_expertise=answers["expertise"] == "none",
    )


def active_constraints(answers: Mapping[str, str]) -> tuple[str, ...]:
    """The hard constraints the answers switch on, as plain sentences."""
    return tuple(
        constraint.text
        for constraint in HARD_CONSTRAINTS
        if constraint.question is not None and answers[constraint.question] in constraint.options
    )


# --- one model against the requirements ----------------------------------------


class PassCache:
    """What passes over one prepared catalogue share, whatever the needs:
    per volume, the cost of each self-hosting plan (by the plan's id, which
    the prepared catalogue keeps alive); per volume and SLA, each supported
    subscription's cost; per fit rules, why no route fits an offer profile
    (profile × 2, + 1 for the open side); per licence mask, the licence
    reasons; per set of allowed offer classes, the positions of the offers
    of each profile that are allowed (None: all of them)."""

    __slots__ = (
        "allowed_positions",
        "licence_reasons",
        "self_costs",
        "supported_costs",
        "wordings",
    )

    def __init__(self) -> None:
        self.self_costs: dict[float, dict[int, float]] = {}
        self.supported_costs: dict[
            tuple[float, bool], dict[tuple[int, float | None], float | None]
        ] = {}
        self.wordings: dict[tuple[tuple[object, ...], bool], dict[int, str]] = {}
        self.licence_reasons: dict[int, dict[tuple[int, str, str], tuple[str, ...]]] = {}
        self.allowed_positions: dict[frozenset[int], dict[int, tuple[int, ...] | None]] = {}


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
    """The eligible models with their assessment and the excluded ones with
    their reasons, each in the models' order, with what does not depend on
    the model worked out once. ``cache`` (one per prepared catalogue) keeps
    what many models share: the cost of a plan at a volume, an exclusion's
    wording."""
    if cache is None:
        cache = PassCache()
    mask = requirements.licence_mask
    allowed_classes = requirements.allowed_offer_classes
    all_allowed = len(allowed_classes) == len(OFFER_CLASSES)
    self_hosting_allowed = requirements.self_hosting_allowed
    tokens = requirements.monthly_tokens
    scale = tokens / TOKENS_PER_PRICE_UNIT  # as in costs.api_monthly_cost
    sla = requirements.sla
    budget = requirements.budget_usd
    self_costs = cache.self_costs.setdefault(tokens, {})
    supported_costs = cache.supported_costs.setdefault((tokens, sla), {})
    wordings = cache.wordings.setdefault((requirements.rule_key, self_hosting_allowed), {})
    licence_reasons = cache.licence_reasons.setdefault(mask, {})
    allowed_positions = cache.allowed_positions.setdefault(allowed_classes, {})
    eligible: list[Assessment] = []
    excluded: list[ExcludedModel] = []
    keep, drop = eligible.append, excluded.append
    # The constructors without their Python-level ``__new__``/``__init__``
    # (see `_assessment`, `_excluded`): a pass builds one per model.
    new_tuple, new_object = tuple.__new__, object.__new__
    set_slug, set_name, set_reasons = _set_slug, _set_name, _set_reasons
    for facts in models:
        model, side, bits, offers, plan, _values, classes, profile = facts
        failed = bits & mask
        reasons: list[str] | None = None
        if failed:
            licence_key = (failed, model.licence.name, side)
            found = licence_reasons.get(licence_key)
            if found is None:
                found = licence_reasons[licence_key] = tuple(_licence_reasons(facts, requirements))
            reasons = list(found)
        if offers and not all_allowed:
            positions = allowed_positions.get(profile, _UNKNOWN)
            if positions is _UNKNOWN:
                kept = [
                    at for at, offer_class in enumerate(classes) if offer_class in allowed_classes
                ]
                positions = allowed_positions[profile] = (
                    None if len(kept) == len(classes) else tuple(kept)
                )
            if positions is not None:
                offers = tuple([offers[at] for at in positions]) if positions else ()
        is_open = side == "open"
        can_self_host = self_hosting_allowed and is_open
        if not offers and not can_self_host:
            wording_key = profile * 2 + is_open
            wording = wordings.get(wording_key)
            if wording is None:
                wording = wordings[wording_key] = _deployment_reason(facts, requirements)
            dropped = new_object(ExcludedModel)
            set_slug(dropped, model.slug)
            set_name(dropped, model.name)
            set_reasons(dropped, (*reasons, wording) if reasons else (wording,))
            drop(dropped)
            continue

        best_api: OfferFacts | None = None
        best_api_cost = 0.0
        best_offer: OfferFacts | None = None
        best_offer_cost = 0.0
        for item in offers:
            if item.on_premises:
                cost_key = (id(plan), item.offer.subscription_usd_per_gpu_year)
                if cost_key in supported_costs:
                    cost = supported_costs[cost_key]
                else:
                    cost = supported_costs[cost_key] = offer_monthly_cost(item, plan, tokens, sla)
                if cost is None:
                    continue
            else:
                price = item.price_per_mtok
                if price is None:
                    continue
                cost = price * scale
                if best_api is None or cost < best_api_cost:
                    best_api, best_api_cost = item, cost
            if best_offer is None or cost < best_offer_cost:
                best_offer, best_offer_cost = item, cost
        self_cost: float | None = None
        if can_self_host and plan is not None:
            self_cost = self_costs.get(id(plan))
            if self_cost is None:
                self_cost = self_costs[id(plan)] = self_hosted_monthly_cost(plan, tokens)

        deployment_offer: OfferFacts | None
        chosen: float | None
        if best_offer is not None and (self_cost is None or best_offer_cost <= self_cost):
            deployment_offer, chosen = best_offer, best_offer_cost
        elif self_cost is not None or not offers:
            deployment_offer, chosen = None, self_cost
        else:
            deployment_offer, chosen = offers[0], None

        if budget is not None and (chosen is None or chosen > budget):
            if reasons is None:
                reasons = []
            if chosen is None:
                reasons.append(
                    "No price is known for any way to run it that meets your needs, so it "
                    f"cannot be kept within your budget of {requirements.budget_text}."
                )
            else:
                basis = describe_deployment(facts, deployment_offer, tokens, settings, sla)
                reasons.append(
                    f"Its cheapest way to run that meets your needs ({basis}) costs about "
                    f"{format_usd(chosen)} a month at {requirements.volume_text} tokens, "
                    f"above your budget of {requirements.budget_text}."
                )
        if reasons:
            drop(_excluded(model.slug, model.name, tuple(reasons)))
        else:
            keep(
                new_tuple(
                    Assessment,
                    (
                        facts,
                        chosen,
                        deployment_offer,
                        None if best_api is None else (best_api, best_api_cost),
                        self_cost,
                    ),
                )
            )
    return eligible, excluded


_UNKNOWN: tuple[int, ...] = (-1,)


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
