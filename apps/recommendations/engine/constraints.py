"""Fit rules of SPEC §4: which (model, route) pairs can be used at all.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .costs import (
    TOKENS_PER_PRICE_UNIT,
    SelfHostingPlan,
    api_monthly_cost,
    blended_price_per_mtok,
    describe_api,
    describe_self_hosted,
    describe_supported,
    format_tokens,
    format_usd,
    self_hosted_monthly_cost,
    self_hosting_plan,
    supported_monthly_cost,
)
from .factors import HARD_CONSTRAINTS, ROUTE_RULES
from .model_values import capability_value, fine_tuning_value, openness_position
from .settings import (
    BUDGET_CAPS_USD,
    DEFAULT_BUDGET_USD,
    DEFAULT_VOLUME_KEY,
    VOLUME_TOKENS,
)
from .types import CatalogueModel, EngineSettings, Offer, Route, Side

UNSURE_KEY = "unsure"

# Bits describing an offer: which fit rules of SPEC §4 it meets.
OFFER_HAS_REGIONS = 1
OFFER_HAS_SLA = 2
OFFER_TRAINS_ON_DATA = 4
OFFER_TERMS_UNKNOWN = 8
OFFER_FINE_TUNING = 16
OFFER_IN_EU = 32
OFFER_IN_UK = 64
OFFER_IN_US = 128
OFFER_ON_PREMISES = 256
"""A vendor-supported self-hosting subscription: the model runs on the
customer's own infrastructure, so data never reaches the vendor."""
OFFER_CLASSES = range(512)
REGION_BITS = {"eu": OFFER_IN_EU, "uk": OFFER_IN_UK, "us": OFFER_IN_US}

# Bits describing what a model's licence and status rule out.
RETIRED = 1
NO_COMMERCIAL_USE = 2
NO_MODIFICATION = 4
NO_REDISTRIBUTION = 8


def offer_class_of(offer: Offer) -> int:
    regions = offer.regions
    bits = (
        (OFFER_HAS_REGIONS if regions and regions != ("global",) else 0)
        | (OFFER_HAS_SLA if offer.sla else 0)
        | (OFFER_TRAINS_ON_DATA if offer.trains_on_customer_data else 0)
        | (0 if offer.data_terms_known else OFFER_TERMS_UNKNOWN)
        | (OFFER_FINE_TUNING if offer.fine_tuning_available else 0)
        | (OFFER_ON_PREMISES if offer.kind == "supported_self_hosting" else 0)
    )
    for region in regions:
        bits |= REGION_BITS.get(region, 0)
    return bits


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


def requirements_from(answers: Mapping[str, str]) -> Requirements:
    """From resolved answers (every question present, see `resolve_answers`)."""
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


# --- per-model facts, computed once per recommendation -------------------------
#
# These records are NamedTuples rather than frozen dataclasses: the engine
# builds several per catalogue model on every call, and a NamedTuple is about
# three times cheaper to build, which matters at 10,000 models.


class OfferFacts(NamedTuple):
    offer: Offer
    price_per_mtok: float | None
    """Blended USD per million tokens at the stated input share, or None."""
    offer_class: int
    """The OFFER_* bits, see `offer_class_of`."""
    on_premises: bool
    """A vendor-supported self-hosting subscription (`OFFER_ON_PREMISES`)."""

    @property
    def route(self) -> Route:
        kind = self.offer.kind
        if kind == "vendor_api":
            return "vendor_api"
        if kind == "supported_self_hosting":
            return "supported_self_hosted"
        return "hosted_api"


class ModelFacts(NamedTuple):
    model: CatalogueModel
    side: Side
    licence_bits: int
    """RETIRED | NO_COMMERCIAL_USE | NO_MODIFICATION | NO_REDISTRIBUTION bits;
    the last two are set for every model without downloadable weights."""
    offers: tuple[OfferFacts, ...]
    plan: SelfHostingPlan | None
    values: tuple[float, float, float]
    """What fit needs of the model alone, worked out once: its openness
    position (-1 closed … +1), capability value and fine-tuning value."""


def prepare(
    catalogue: Sequence[CatalogueModel], settings: EngineSettings
) -> tuple[ModelFacts, ...]:
    facts: list[ModelFacts] = []
    slugs: set[str] = set()
    # A plan depends only on the parameter counts: models of one size share it.
    plans: dict[tuple[object, ...], SelfHostingPlan | None] = {}
    for model in catalogue:
        if model.slug in slugs:
            raise ValueError(f"the catalogue holds {model.slug!r} twice")
        slugs.add(model.slug)
        licence = model.licence
        has_weights = model.access != "api_only"
        licence_bits = (
            (RETIRED if model.status == "retired" else 0)
            | (0 if licence.commercial_use else NO_COMMERCIAL_USE)
            | (0 if has_weights and licence.modification else NO_MODIFICATION)
            | (0 if has_weights and licence.redistribution else NO_REDISTRIBUTION)
        )
        offers = tuple(
            [
                OfferFacts(
                    offer,
                    blended_price_per_mtok(offer, settings),
                    offer_class := offer_class_of(offer),
                    bool(offer_class & OFFER_ON_PREMISES),
                )
                for offer in model.offers
            ]
        )
        plan = None
        if has_weights:
            size = (
                model.parameters_total_b,
                model.parameters_active_b,
                model.weight_bytes_per_parameter,
                model.native_precision,
                model.kv_bytes_per_token,
            )
            if size in plans:
                plan = plans[size]
            else:
                plan = plans[size] = self_hosting_plan(model, settings)
        facts.append(
            ModelFacts(
                model,
                "open" if has_weights else "closed",
                licence_bits,
                offers,
                plan,
                (
                    openness_position(model),
                    capability_value(model),
                    fine_tuning_value(model),
                ),
            )
        )
    return tuple(facts)


# --- one model against the requirements ----------------------------------------


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
    cache: dict[tuple[object, ...], object] | None = None,
) -> Assessment | tuple[str, ...]:
    """An `Assessment` when the model is eligible, otherwise its reasons."""
    return assess_many((facts,), requirements, settings, cache)[0]


def assess_many(
    models: Sequence[ModelFacts],
    requirements: Requirements,
    settings: EngineSettings,
    cache: dict[tuple[object, ...], object] | None = None,
) -> list[Assessment | tuple[str, ...]]:
    """`assess` for many models, with what does not depend on the model
    worked out once. ``cache`` (one per prepared catalogue) keeps what many
    models share: the cost of a plan at a volume, an exclusion's wording."""
    if cache is None:
        cache = {}
    mask = requirements.licence_mask
    allowed_classes = requirements.allowed_offer_classes
    all_allowed = len(allowed_classes) == len(OFFER_CLASSES)
    self_hosting_allowed = requirements.self_hosting_allowed
    tokens = requirements.monthly_tokens
    scale = tokens / TOKENS_PER_PRICE_UNIT  # as in costs.api_monthly_cost
    sla = requirements.sla
    budget = requirements.budget_usd
    self_costs: dict[int, float] = cache.setdefault(("self", tokens), {})  # type: ignore[assignment]
    supported_costs: dict[tuple[int, float | None], float | None] = cache.setdefault(  # type: ignore[assignment]
        ("supported", tokens, sla), {}
    )
    wordings: dict[tuple[object, ...], str] = cache.setdefault(  # type: ignore[assignment]
        ("reason", requirements.rule_key, self_hosting_allowed), {}
    )
    results: list[Assessment | tuple[str, ...]] = []
    append = results.append
    for facts in models:
        reasons = _licence_reasons(facts, requirements) if facts.licence_bits & mask else []
        offers = (
            facts.offers
            if all_allowed
            else [item for item in facts.offers if item.offer_class in allowed_classes]
        )
        can_self_host = self_hosting_allowed and facts.side == "open"
        if not offers and not can_self_host:
            key = (tuple(item.offer_class for item in facts.offers), facts.side)
            wording = wordings.get(key)
            if wording is None:
                wording = wordings[key] = _deployment_reason(facts, requirements)
            reasons.append(wording)
            append(tuple(reasons))
            continue

        plan = facts.plan
        best_api: tuple[OfferFacts, float] | None = None
        best_offer: tuple[OfferFacts, float] | None = None
        for item in offers:
            if item.on_premises:
                subscription = item.offer.subscription_usd_per_gpu_year
                cost_key = (id(plan), subscription)
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
                if best_api is None or cost < best_api[1]:
                    best_api = (item, cost)
            if best_offer is None or cost < best_offer[1]:
                best_offer = (item, cost)
        self_cost: float | None = None
        if can_self_host and plan is not None:
            self_cost = self_costs.get(id(plan))
            if self_cost is None:
                self_cost = self_costs[id(plan)] = self_hosted_monthly_cost(plan, tokens)

        deployment_offer: OfferFacts | None
        chosen: float | None
        if best_offer is not None and (self_cost is None or best_offer[1] <= self_cost):
            deployment_offer, chosen = best_offer
        elif self_cost is not None or not offers:
            deployment_offer, chosen = None, self_cost
        else:
            deployment_offer, chosen = offers[0], None

        if budget is not None:
            if chosen is None:
                reasons.append(
                    "No price is known for any way to run it that meets your needs, so it "
                    f"cannot be kept within your budget of {requirements.budget_text}."
                )
            elif chosen > budget:
                basis = describe_deployment(facts, deployment_offer, tokens, settings, sla)
                reasons.append(
                    f"Its cheapest way to run that meets your needs ({basis}) costs about "
                    f"{format_usd(chosen)} a month at {requirements.volume_text} tokens, "
                    f"above your budget of {requirements.budget_text}."
                )
        if reasons:
            append(tuple(reasons))
        else:
            append(Assessment(facts, chosen, deployment_offer, best_api, self_cost))
    return results


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
