"""Fit rules: what the answers require of a model and of the way it is run.

The requirements (`Requirements`, from the answers by `requirements_from`)
say which licence terms a model needs and which routes — an offer (the
maker's API, a hosted API, or a vendor-supported self-hosting subscription)
or plain self-hosting of downloadable weights — may be used; `eligibility`
holds every model against them.

Route rules (`failed_rules`): data on your own servers allows only the two
self-hosted routes; a jurisdiction needs an offer that processes data there
(``other``: any offer that states its regions), self-hosting always can; an
SLA must come with the route; fine-tuning needs an offer that sells it or
plain self-hosting; personal or special-category data needs stated data
terms, and special-category data no training on customer data; without ML
engineers, no plain self-hosting. With a budget, an unpriced route cannot be
checked, so it is excluded; without one, unpriced routes count.

`eligibility.assess` is the per-model check behind the exclusions and the
shortlist; `index.CatalogueIndex` answers the same questions per side without a pass
over every model, and the tests hold the two to the same answers.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from .factors import HARD_CONSTRAINTS
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
