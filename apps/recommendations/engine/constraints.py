"""Hard constraints of SPEC §4: which models can be used at all, and how.

A model is eligible when its licence and status allow what the answers need,
when at least one way of running it (an API offer, or self-hosting a model
with downloadable weights) meets the deployment needs, and — when there is a
budget — when the cheapest such way costs no more than the budget at the
person's volume. Each exclusion records its plain-English reasons.

Decisions made where the specification is silent:

* ``support=sla`` needs an API offer with an SLA; self-hosting has none. With
  ``data_location=own_infrastructure`` only self-hosting counts, so that
  combination leaves no model at all: the verdict is hybrid and says so.
* ``data_location=region`` accepts self-hosting or an API offer that states
  its hosting regions (the catalogue cannot know the person's jurisdiction).
* Personal or special-category data rules out API offers that are known to
  train on customer data.
* With a budget, a model needs a priced way to run it within the budget; an
  unpriced one cannot be checked, so it is excluded. Without a budget,
  unpriced ways count.

`CatalogueIndex` answers, without a pass over every model, the questions the
verdict needs for any set of requirements (is each side available, its
cheapest eligible cost, its best eligible capability), so the sensitivity
analysis can re-run the verdict dozens of times over a large catalogue.
`assess` is the per-model check behind the exclusions and the shortlist; the
tests hold the two to the same answers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from .costs import (
    SelfHostingPlan,
    api_monthly_cost,
    blended_price_per_mtok,
    describe_api,
    describe_self_hosted,
    format_tokens,
    format_usd,
    replicas_needed,
    self_hosted_monthly_cost,
    self_hosted_monthly_costs,
    self_hosting_plan,
)
from .rules import (
    BUDGET_CAPS_USD,
    DEFAULT_BUDGET_USD,
    DEFAULT_VOLUME_KEY,
    HARD_CONSTRAINTS,
    VOLUME_TOKENS,
)
from .types import CatalogueModel, EngineSettings, Offer, Side

# Bits describing an API offer: which deployment needs it meets.
OFFER_HAS_REGIONS = 1
OFFER_HAS_SLA = 2
OFFER_TRAINS_ON_DATA = 4
OFFER_CLASSES = range(8)

# Bits describing what a model's licence and status rule out.
RETIRED = 1
NO_COMMERCIAL_USE = 2
NO_MODIFICATION = 4
NO_REDISTRIBUTION = 8


@dataclass(frozen=True, slots=True)
class Requirements:
    """What the answers demand of a model and of the way it is run."""

    monthly_tokens: float
    budget_usd: float | None
    commercial_use: bool
    modify: bool
    redistribute: bool
    own_infrastructure: bool
    in_region: bool
    sla: bool
    no_training_on_data: bool
    licence_mask: int = field(init=False)
    """The licence bits (see `ModelFacts.licence_bits`) that exclude a model."""
    allowed_offer_classes: frozenset[int] = field(init=False)
    """The offer classes (see `OfferFacts.offer_class`) that may be used."""
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
        classes = frozenset(
            offer_class
            for offer_class in OFFER_CLASSES
            if not self.own_infrastructure
            and (offer_class & OFFER_HAS_REGIONS or not self.in_region)
            and (offer_class & OFFER_HAS_SLA or not self.sla)
            and not (offer_class & OFFER_TRAINS_ON_DATA and self.no_training_on_data)
        )
        object.__setattr__(self, "licence_mask", mask)
        object.__setattr__(self, "allowed_offer_classes", classes)
        object.__setattr__(self, "self_hosting_allowed", not self.sla)
        object.__setattr__(self, "volume_text", format_tokens(self.monthly_tokens))
        budget = self.budget_usd
        object.__setattr__(self, "budget_text", "" if budget is None else format_usd(budget))


def requirements_from(answers: Mapping[str, str]) -> Requirements:
    """From resolved answers (every question present, see `resolve_answers`)."""
    volume_key = answers["monthly_volume"]
    budget_key = answers["budget"]
    return Requirements(
        monthly_tokens=VOLUME_TOKENS.get(volume_key, VOLUME_TOKENS[DEFAULT_VOLUME_KEY]),
        budget_usd=BUDGET_CAPS_USD.get(budget_key, DEFAULT_BUDGET_USD),
        commercial_use=answers["commercial_use"] == "yes",
        modify=answers["customisation"] == "modify",
        redistribute=answers["redistribution"] == "yes",
        own_infrastructure=answers["data_location"] == "own_infrastructure",
        in_region=answers["data_location"] == "region",
        sla=answers["support"] == "sla",
        no_training_on_data=answers["data_sensitivity"] in ("personal", "special"),
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
    """OFFER_HAS_REGIONS | OFFER_HAS_SLA | OFFER_TRAINS_ON_DATA bits."""


class ModelFacts(NamedTuple):
    model: CatalogueModel
    side: Side
    licence_bits: int
    """RETIRED | NO_COMMERCIAL_USE | NO_MODIFICATION | NO_REDISTRIBUTION bits;
    the last two are set for every model without downloadable weights."""
    offers: tuple[OfferFacts, ...]
    plan: SelfHostingPlan | None


def prepare(
    catalogue: Sequence[CatalogueModel], settings: EngineSettings
) -> tuple[ModelFacts, ...]:
    facts: list[ModelFacts] = []
    slugs: set[str] = set()
    # A plan depends only on the parameter counts: models of one size share it.
    plans: dict[tuple[float | None, float | None], SelfHostingPlan | None] = {}
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
                    (OFFER_HAS_REGIONS if offer.regions else 0)
                    | (OFFER_HAS_SLA if offer.sla else 0)
                    | (OFFER_TRAINS_ON_DATA if offer.trains_on_customer_data else 0),
                )
                for offer in model.offers
            ]
        )
        plan = None
        if has_weights:
            size = (model.parameters_total_b, model.parameters_active_b)
            if size in plans:
                plan = plans[size]
            else:
                plan = plans[size] = self_hosting_plan(model, settings)
        facts.append(
            ModelFacts(model, "open" if has_weights else "closed", licence_bits, offers, plan)
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
    """The cheapest priced API offer that meets the needs, with its cost."""
    self_hosting_cost_usd: float | None
    """Self-hosting cost, when self-hosting meets the needs and can be priced."""


def assess(
    facts: ModelFacts, requirements: Requirements, settings: EngineSettings
) -> Assessment | tuple[str, ...]:
    """An `Assessment` when the model is eligible, otherwise its reasons."""
    reasons = (
        _licence_reasons(facts, requirements)
        if facts.licence_bits & requirements.licence_mask
        else []
    )
    allowed_classes = requirements.allowed_offer_classes
    offers = (
        facts.offers
        if len(allowed_classes) == len(OFFER_CLASSES)
        else [item for item in facts.offers if item.offer_class in allowed_classes]
    )
    can_self_host = requirements.self_hosting_allowed and facts.side == "open"
    if not offers and not can_self_host:
        reasons.append(_deployment_reason(facts, requirements))
        return tuple(reasons)

    tokens = requirements.monthly_tokens
    best_api: tuple[OfferFacts, float] | None = None
    for item in offers:
        if item.price_per_mtok is not None:
            cost = api_monthly_cost(item.price_per_mtok, tokens)
            if best_api is None or cost < best_api[1]:
                best_api = (item, cost)
    plan = facts.plan
    self_cost = (
        self_hosted_monthly_cost(plan, tokens) if can_self_host and plan is not None else None
    )

    deployment_offer: OfferFacts | None
    cost: float | None
    if best_api is not None and (self_cost is None or best_api[1] <= self_cost):
        deployment_offer, cost = best_api
    elif self_cost is not None or not offers:
        deployment_offer, cost = None, self_cost
    else:
        deployment_offer, cost = offers[0], None

    budget = requirements.budget_usd
    if budget is not None:
        if cost is None:
            reasons.append(
                "No price is known for any way to run it that meets your needs, so it "
                f"cannot be kept within your budget of {requirements.budget_text}."
            )
        elif cost > budget:
            basis = describe_deployment(facts, deployment_offer, tokens, settings)
            reasons.append(
                f"Its cheapest way to run that meets your needs ({basis}) costs about "
                f"{format_usd(cost)} a month at {requirements.volume_text} tokens, above "
                f"your budget of {requirements.budget_text}."
            )
    if reasons:
        return tuple(reasons)
    return Assessment(facts, cost, deployment_offer, best_api, self_cost)


def describe_deployment(
    facts: ModelFacts,
    offer: OfferFacts | None,
    monthly_tokens: float,
    settings: EngineSettings,
) -> str:
    if offer is not None:
        return describe_api(offer.offer, settings)
    replicas = replicas_needed(facts.plan, monthly_tokens) if facts.plan is not None else 1
    return describe_self_hosted(facts.plan, replicas, settings)


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
    has_weights = facts.side == "open"
    if requirements.own_infrastructure:
        if not has_weights:
            return (
                "It is only available as an API, and your data must never leave your own servers."
            )
        return (
            "Your data must stay on your own servers, but you also need a "
            "contractual SLA, and no SLA comes with a model you run yourselves."
        )
    needs = []
    if requirements.in_region:
        needs.append("states its hosting regions")
    if requirements.sla:
        needs.append("has a contractual SLA")
    if requirements.no_training_on_data:
        needs.append("avoids training on customer data")
    if not facts.offers:
        api_part = "It has no API offer"
    elif len(needs) == 1:
        api_part = f"None of its API offers {needs[0]}"
    else:
        api_part = f"No API offer for it {', '.join(needs[:-1])} and {needs[-1]} at once"
    self_part = (
        "self-hosting comes with no SLA"
        if has_weights
        else "it has no downloadable weights to host yourselves"
    )
    return f"{api_part}, and {self_part}."


# --- side summaries without a pass over the catalogue ----------------------------


@dataclass(frozen=True, slots=True)
class SideSummary:
    available: bool
    best_cost_usd: float | None
    """The cheapest eligible model's estimated monthly cost (priced ones)."""
    best_capability: float | None
    """The highest capability score among eligible models (scored ones)."""


NO_MODEL = SideSummary(available=False, best_cost_usd=None, best_capability=None)

_NO_SCORE = float("-inf")


class _Entries:
    """Ways to run the models of one side and licence profile, one way each:
    priced ones sorted by cost with the best capability so far, and whether
    unpriced ones exist (they count only when there is no budget)."""

    __slots__ = ("costs", "best_capability", "has_unpriced", "unpriced_capability")

    def __init__(self, priced: list[tuple[float, float]], unpriced: Sequence[float]) -> None:
        priced.sort(key=itemgetter(0))
        self.costs = [cost for cost, _capability in priced]
        self.best_capability = list(accumulate((item[1] for item in priced), max))
        self.has_unpriced = bool(unpriced)
        self.unpriced_capability = max(unpriced, default=_NO_SCORE)


@dataclass(slots=True)
class _Accumulator:
    available: bool = False
    best_cost: float | None = None
    best_capability: float = _NO_SCORE

    def add(self, entries: _Entries, budget: float | None, scale: float) -> None:
        """Fold in one group; its costs times ``scale`` are monthly costs (API
        prices are per M tokens, self-hosted costs are monthly already)."""
        costs = entries.costs
        if budget is None:
            within = len(costs)
            if entries.has_unpriced:
                self.available = True
                self.best_capability = max(self.best_capability, entries.unpriced_capability)
        else:
            within = bisect_right(costs, budget, key=lambda value: value * scale)
        if within:
            self.available = True
            cheapest = costs[0] * scale
            if self.best_cost is None or cheapest < self.best_cost:
                self.best_cost = cheapest
            self.best_capability = max(self.best_capability, entries.best_capability[within - 1])

    def summary(self) -> SideSummary:
        return SideSummary(
            available=self.available,
            best_cost_usd=self.best_cost,
            best_capability=(None if self.best_capability == _NO_SCORE else self.best_capability),
        )


class CatalogueIndex:
    """Per side, licence profile and way of running: sorted costs.

    A side's summary under some requirements is then a handful of binary
    searches, whatever the size of the catalogue. Self-hosted costs depend on
    the volume through the number of replicas, so they are sorted once per
    volume asked for.
    """

    def __init__(self, facts: Sequence[ModelFacts]) -> None:
        # API offers: per (side, licence profile), per offer class, the priced
        # (price, capability) pairs and the capabilities of unpriced offers.
        api: dict[tuple[Side, int], dict[int, tuple[list[tuple[float, float]], list[float]]]] = {}
        # Self-hosted: per licence profile, each distinct plan with the best
        # capability among its models (one cost per plan and volume).
        plans: dict[int, dict[SelfHostingPlan, float]] = {}
        self_unpriced: dict[int, list[float]] = {}
        for model, side, bits, offers, plan in facts:
            capability = model.capability_score
            score = _NO_SCORE if capability is None else capability
            if offers:
                by_class = api.get((side, bits))
                if by_class is None:
                    by_class = api[side, bits] = {}
                for offer in offers:
                    lists = by_class.get(offer.offer_class)
                    if lists is None:
                        lists = by_class[offer.offer_class] = ([], [])
                    if offer.price_per_mtok is None:
                        lists[1].append(score)
                    else:
                        lists[0].append((offer.price_per_mtok, score))
            if side == "open":
                planned = plans.get(bits)
                if planned is None:
                    planned = plans[bits] = {}
                if plan is None:
                    self_unpriced.setdefault(bits, []).append(score)
                elif planned.get(plan, _NO_SCORE) <= score:
                    planned[plan] = score
        self._api = {
            (side, offer_class, bits): _Entries(priced, unpriced)
            for (side, bits), by_class in sorted(api.items())
            for offer_class, (priced, unpriced) in sorted(by_class.items())
        }
        self._plans = {bits: sorted(planned.items()) for bits, planned in sorted(plans.items())}
        self._self_unpriced = self_unpriced
        self._self_hosted_at: dict[tuple[int, float], _Entries] = {}
        self._summaries: dict[tuple[object, ...], dict[Side, SideSummary]] = {}

    def summaries(self, requirements: Requirements) -> dict[Side, SideSummary]:
        mask = requirements.licence_mask
        classes = requirements.allowed_offer_classes
        tokens = requirements.monthly_tokens
        budget = requirements.budget_usd
        key = (mask, classes, requirements.self_hosting_allowed, tokens, budget)
        cached = self._summaries.get(key)
        if cached is not None:
            return cached
        sides: dict[Side, _Accumulator] = {
            "open": _Accumulator(),
            "closed": _Accumulator(),
        }
        scale = tokens / 1_000_000.0
        for (side, offer_class, bits), entries in self._api.items():
            if not bits & mask and offer_class in classes:
                sides[side].add(entries, budget, scale)
        if requirements.self_hosting_allowed:
            for bits in self._plans:
                if not bits & mask:
                    sides["open"].add(self._self_hosted_entries(bits, tokens), budget, 1.0)
        result: dict[Side, SideSummary] = {
            side: accumulator.summary() for side, accumulator in sides.items()
        }
        self._summaries[key] = result
        return result

    def _self_hosted_entries(self, bits: int, tokens: float) -> _Entries:
        entries = self._self_hosted_at.get((bits, tokens))
        if entries is None:
            plans = self._plans[bits]
            costs = self_hosted_monthly_costs([plan for plan, _capability in plans], tokens)
            entries = _Entries(
                [
                    (cost, capability)
                    for cost, (_plan, capability) in zip(costs, plans, strict=True)
                ],
                self._self_unpriced.get(bits, ()),
            )
            self._self_hosted_at[bits, tokens] = entries
        return entries


class PreparedCatalogue:
    """A catalogue snapshot with its per-model facts and index, built once.

    `recommend` prepares the catalogue itself on every call; a caller that
    keeps one snapshot for many recommendations (say, per catalogue version)
    can prepare it once with `prepare_catalogue` and pass this instead. It is
    never changed by use beyond filling its caches, so it can be shared.
    """

    __slots__ = ("facts", "index", "settings")

    def __init__(self, catalogue: Sequence[CatalogueModel], settings: EngineSettings) -> None:
        self.settings = settings
        self.facts = prepare(catalogue, settings)
        self.index = CatalogueIndex(self.facts)

    def __len__(self) -> int:
        return len(self.facts)
