"""The rule table and constants of the engine, as data.

Everything the engine decides from is here: which answer feeds which factor
with which weight (0–3) and lean (-1 closed … +1 open), the must-haves, the
hard constraints, the defaults for ``unsure`` answers and the thresholds.
`method_rules()` serialises all of it for the public method page, so the page
cannot drift from the engine.

How several answers combine into one factor: the factor's weight is the
largest weight any of its answers gives it, and its lean is the mean of their
leans weighted by those weights. Answers from different questions never pull
one factor in opposite directions (a test checks this), so a combined lean is
never weaker than ±0.5: together with the catalogue leans (zero, or at least
±0.2) every non-zero lean clears the verdict threshold, which is what keeps
raising any factor's weight from moving the verdict against that factor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .factors import FACTORS, FACTORS_BY_KEY
from .questions import IMPORTANCE_KEYS, QUESTIONS, QUESTIONS_BY_SLUG
from .types import EngineSettings, Side

ENGINE_VERSION = "2.0.0"

# --- the score and the verdict -------------------------------------------------

VERDICT_THRESHOLD = 0.15
"""Open when the score is at least +0.15, closed when at most -0.15."""

SCORE_DECIMALS = 10
"""The score is rounded so float noise cannot decide a verdict."""

IMPORTANCE_WEIGHTS: Mapping[str, int] = MappingProxyType(
    dict(zip(IMPORTANCE_KEYS, (0, 1, 2, 3), strict=True))
)
IMPORTANCE_LEVEL_WORDS: Mapping[str, str] = MappingProxyType(
    {"low": "nice to have", "high": "important", "critical": "a must-have"}
)

MAX_WEIGHT = 3

# --- leans taken from the catalogue --------------------------------------------

COST_PARITY_SHARE = 0.10
"""Cheapest eligible open and closed options within 10% of each other: lean 0."""

COST_FULL_LEAN_SHARE = 0.50
"""A side at least 50% cheaper than the other gets the full lean of ±1; between
10% and 50% the lean is proportional (relative difference / 0.5)."""

COST_PARITY_SHARE_OF_BUDGET = 0.02
COST_FULL_LEAN_SHARE_OF_BUDGET = 0.25
"""With a budget, the dollar difference counts relative to it: under 2% of the
budget is no lean (a $3 difference on a $10k budget), 25% or more is the full
lean, proportional in between."""

CAPABILITY_PARITY_POINTS = 3.0
"""Best eligible capability scores within 3 points (benchmark noise) count as
on par; otherwise the more capable side gets the full lean of ±1. The lean is
not graded so that raising the importance of capability can only ever move
the score towards the more capable side."""

# --- volumes, budgets, cost curve ------------------------------------------------

VOLUME_TOKENS: Mapping[str, float] = MappingProxyType(
    {
        "low": 5_000_000.0,
        "medium": 100_000_000.0,
        "high": 2_000_000_000.0,
        "very_high": 20_000_000_000.0,
    }
)
"""A representative monthly volume inside each range of the question."""

DEFAULT_VOLUME_KEY = "medium"
"""``monthly_volume=unsure`` is priced as ``medium`` (100 M tokens a month)."""

BUDGET_CAPS_USD: Mapping[str, float | None] = MappingProxyType(
    {
        "minimal": 100.0,
        "small": 1_000.0,
        "medium": 10_000.0,
        "large": 100_000.0,
        "unlimited": None,
    }
)
"""The top of each budget range; ``unlimited`` has no cap."""

DEFAULT_BUDGET_USD: float | None = None
"""``budget=unsure`` applies no cap (and is listed as an assumption)."""

CURVE_MIN_TOKENS = 1_000_000.0
CURVE_MAX_TOKENS = 100_000_000_000.0
CURVE_POINTS_PER_DECADE = 4

# --- shortlist -------------------------------------------------------------------

SHORTLIST_SIZE = 5
HYBRID_MIN_PER_SIDE = 2
DEPRECATED_FIT_FACTOR = 0.8
CAPABILITY_TOP_BAND_POINTS = 5.0
BELOW_TOP_CAPABILITY_FIT_FACTOR = 0.5
"""When the most capable models are a must-have, a model more than 5 points
below the best eligible score on its side (or unscored) keeps half its fit, so
the shortlist leads with top-scored models."""
"""A deprecated model keeps 80% of its fit; retired models are never listed."""

# Fit: a weighted mean of components in [0, 1] (see shortlist.fit_parts).
ALIGNMENT_WEIGHT = 3
FINE_TUNING_WEIGHT = 2
SUPPORT_LEVEL_VALUE: Mapping[str, float] = MappingProxyType(
    {"enterprise": 1.0, "business": 0.8, "community": 0.2}
)
SELF_HOSTING_BY_EXPERTISE: Mapping[str, float] = MappingProxyType(
    {"none": 0.0, "some": 0.6, "team": 1.0}
)
UNKNOWN_COST_VALUE = 0.25
UNKNOWN_CAPABILITY_VALUE = 0.0
"""A model with no independent capability figure gets no capability credit:
treating it as average let old, unmeasured models outrank measured ones."""
STRENGTH_VALUE = 0.6
"""A component at least this good can be one of a model's top reasons."""
CAVEAT_VALUE = 0.3
"""A component below this is listed among a model's reasons as a caveat."""

FIT_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    (
        "alignment",
        f"{ALIGNMENT_WEIGHT}",
        "(1 + score × position) / 2, where position is -1 for a closed model and "
        "0.5 + 0.5 × openness score for an open one (1 for open source, 0.5 for "
        "open weights without a score)",
    ),
    (
        "capability",
        "1 + capability weight",
        f"capability score / 100 on the catalogue's one index ({UNKNOWN_CAPABILITY_VALUE} "
        "without an independent figure: never counted as average)",
    ),
    (
        "cost",
        "1 + cost weight",
        "1 / (1 + log10((cost + 1) / (cheapest eligible cost + 1))): 1 for the "
        f"cheapest, 1/2 at about 10×, 1/3 at 100× ({UNKNOWN_COST_VALUE} without a cost)",
    ),
    (
        "support",
        "1, when you want business-hours support or an SLA",
        "by the offer's support level: enterprise 1, business 0.8, community or self-hosted 0.2",
    ),
    (
        "operations",
        "2 with no ML engineers, else 1 (when expertise is known)",
        "an API offer 1; self-hosting 0 with no ML engineers, 0.6 with some, 1 with a team",
    ),
    (
        "fine_tuning",
        f"{FINE_TUNING_WEIGHT}, when you want to fine-tune or modify",
        "downloadable weights 1; fine-tuning offered 0.8; not known 0.4; none 0",
    ),
    (
        "payment",
        "1, when you prefer pay-per-use or a fixed cost",
        "1 when the deployment matches (API for pay-per-use, self-hosting for a "
        "fixed cost), else 0.5",
    ),
    (
        "data_use",
        "1, for personal or special-category data on an API",
        "1 when the offer does not train on customer data, 0.6 when not stated",
    ),
)

# --- confidence ------------------------------------------------------------------

CONFIDENCE_LOW_MARGIN = 0.10
CONFIDENCE_HIGH_MARGIN = 0.25
CONFIDENCE_LOW_UNSURE = 5
CONFIDENCE_HIGH_UNSURE = 1

CONFIDENCE_RULE = (
    "Low when nothing in the catalogue meets every constraint, when 5 or more "
    "questions were answered 'I don't know' or left out, or when the verdict comes "
    "from the score and the score is within 0.10 of a threshold (±0.15). High when "
    "at most one answer is unknown, no must-have overrode the score, and either "
    "only one side can meet the constraints or the score is at least 0.25 past the "
    "threshold (so a hybrid reached by the score alone is never high), and the "
    "verdict is not fragile: no answer given as 'I don't know' and no importance "
    "moved by one step would flip it. Medium otherwise."
)


# --- the rule table ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feed:
    """One answer's pull on one factor.

    ``lean`` is None for the factors whose lean comes from the catalogue
    (cost, capability): the answer only says how much the factor matters.
    ``reason`` completes the sentence "this factor counts because …".
    """

    factor: str
    weight: int
    lean: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class ImportanceRule:
    """An importance question sets one factor's weight (none 0 … critical 3)."""

    question: str
    factor: str
    lean: float | None
    topic: str


def _f(factor: str, weight: int, lean: float | None, reason: str) -> Feed:
    return Feed(factor, weight, lean, reason)


OPTION_RULES: Mapping[str, Mapping[str, tuple[Feed, ...]]] = MappingProxyType(
    {
        "use_case": {
            "assistant": (
                _f(
                    "quality_control",
                    1,
                    -1.0,
                    "an internal assistant is what polished closed products do",
                ),
            ),
            "documents": (_f("data_control", 1, 1.0, "your own documents pass through the model"),),
            "code": (
                _f(
                    "customisation",
                    1,
                    0.5,
                    "code models gain from tuning on your own code base",
                ),
            ),
            "product": (
                _f(
                    "customisation",
                    1,
                    1.0,
                    "a model inside a product you sell gains from full control",
                ),
            ),
            "automation": (
                _f(
                    "quality_control",
                    1,
                    -1.0,
                    "agents need reliable, well-tested tool use",
                ),
            ),
            "research": (
                _f("community", 2, 1.0, "research builds on open models and tools"),
                _f("customisation", 1, 1.0, "experiments need models you can change"),
            ),
        },
        "organisation": {
            "individual": (_f("community", 1, 1.0, "individuals rely on community models"),),
            "startup": (_f("cost", 1, None, "startups watch running costs"),),
            "sme": (
                _f(
                    "vendor_support",
                    1,
                    -1.0,
                    "smaller organisations rarely staff ML operations",
                ),
            ),
            "enterprise": (
                _f("vendor_support", 1, -1.0, "enterprises expect vendor contracts"),
                _f("quality_control", 1, -1.0, "enterprises expect tested products"),
            ),
            "public_sector": (
                _f("data_control", 1, 1.0, "public bodies answer for where data goes"),
            ),
            "academic": (_f("community", 2, 1.0, "academic work builds on open, shared models"),),
        },
        "monthly_volume": {
            "low": (),
            "medium": (),
            "high": (_f("cost", 1, None, "at high volume running costs add up"),),
            "very_high": (_f("cost", 2, None, "at very high volume running costs dominate"),),
        },
        "data_sensitivity": {
            "public": (),
            "internal": (_f("data_control", 1, 1.0, "you handle internal data"),),
            "personal": (_f("data_control", 2, 1.0, "you handle personal data"),),
            "special": (
                _f(
                    "data_control",
                    3,
                    1.0,
                    "you handle special-category data (health, financial, classified)",
                ),
            ),
        },
        "data_location": {
            "anywhere": (),
            "region": (
                _f(
                    "data_control",
                    2,
                    0.5,
                    "data must stay in one jurisdiction (an API hosted there also works)",
                ),
            ),
            "own_infrastructure": (
                _f("data_control", 3, 1.0, "data must never leave your own servers"),
            ),
        },
        # Which jurisdiction is a fit rule on offers (constraints.py); how
        # much keeping data in one matters is fed by data_location.
        "data_region": {"eu": (), "uk": (), "us": (), "other": ()},
        "budget": {
            "minimal": (_f("cost", 3, None, "your budget is under $100 a month"),),
            "small": (_f("cost", 2, None, "your budget is $100–1k a month"),),
            "medium": (_f("cost", 1, None, "your budget is $1k–10k a month"),),
            "large": (_f("cost", 1, None, "your budget is $10k–100k a month"),),
            "unlimited": (),
        },
        "cost_model": {
            "pay_per_use": (_f("cost", 1, None, "you want to pay per use"),),
            "fixed": (_f("cost", 1, None, "you want a fixed, predictable cost"),),
            "no_preference": (),
        },
        "customisation": {
            "as_is": (
                _f(
                    "quality_control",
                    1,
                    -1.0,
                    "using a model as delivered favours a finished product",
                ),
            ),
            "prompting": (),
            "fine_tune": (
                _f(
                    "customisation",
                    2,
                    1.0,
                    "fine-tuning goes furthest with downloadable weights",
                ),
            ),
            "modify": (
                _f(
                    "customisation",
                    3,
                    1.0,
                    "changing weights needs the weights and a licence that allows it",
                ),
            ),
        },
        "expertise": {
            "none": (
                _f(
                    "support_gap",
                    3,
                    -1.0,
                    "there are no ML engineers to run or fix a model yourselves",
                ),
            ),
            "some": (_f("support_gap", 1, 0.5, "you have engineers who could run a model"),),
            "team": (
                _f(
                    "support_gap",
                    3,
                    1.0,
                    "a dedicated ML team can run and fix models itself (as heavy "
                    "as having no one is the other way)",
                ),
            ),
        },
        "support": {
            "community": (_f("community", 1, 1.0, "community support is enough"),),
            "business": (_f("vendor_support", 2, -1.0, "you want business-hours vendor support"),),
            "sla": (_f("vendor_support", 3, -1.0, "you need 24×7 support with an SLA"),),
        },
        "time_to_market": {
            "weeks": (_f("quality_control", 1, -1.0, "a ready-made API is live in weeks"),),
            "months": (),
            "no_rush": (_f("customisation", 1, 0.5, "there is time to tune and experiment"),),
        },
        "security_exposure": {
            "low": (),
            "moderate": (
                _f(
                    "security",
                    1,
                    -0.25,
                    "the use has a moderate security exposure: a vendor's abuse "
                    "monitoring helps a little",
                ),
            ),
            "high": (
                _f(
                    "security",
                    2,
                    -0.5,
                    "the use is safety- or security-critical and public-facing: a "
                    "closed API adds the vendor's abuse monitoring and safety "
                    "filters, and published weights can be probed offline by "
                    "attackers (only half a lean: keeping data away from third "
                    "parties, which favours running a model yourself, is counted "
                    "under data control)",
                ),
            ),
        },
        "commercial_use": {"yes": (), "no": ()},
        "redistribution": {
            "yes": (
                _f(
                    "customisation",
                    2,
                    1.0,
                    "you ship the weights to customers or devices",
                ),
            ),
            "no": (),
        },
    }
)

IMPORTANCE_RULES: Mapping[str, ImportanceRule] = MappingProxyType(
    {
        "auditability": ImportanceRule(
            "auditability",
            "transparency",
            1.0,
            "being able to inspect the model, its weights or training data",
        ),
        "lock_in": ImportanceRule(
            "lock_in", "independence", 1.0, "avoiding dependence on a single vendor"
        ),
        "capability_need": ImportanceRule(
            "capability_need", "capability", None, "access to the most capable models"
        ),
        "standardisation": ImportanceRule(
            "standardisation",
            "standardisation",
            -1.0,
            "one consistent model and API across teams",
        ),
    }
)


def _build_feeds() -> Mapping[tuple[str, str], tuple[Feed, ...]]:
    feeds: dict[tuple[str, str], tuple[Feed, ...]] = {}
    for question in QUESTIONS:
        for key in question.keys:
            rule = IMPORTANCE_RULES.get(question.slug)
            if rule is not None:
                weight = IMPORTANCE_WEIGHTS.get(key, 0)
                feeds[question.slug, key] = (
                    (
                        Feed(
                            rule.factor,
                            weight,
                            rule.lean,
                            f"you rated {rule.topic} as {IMPORTANCE_LEVEL_WORDS[key]}",
                        ),
                    )
                    if weight
                    else ()
                )
            else:
                feeds[question.slug, key] = OPTION_RULES[question.slug].get(key, ())
    return MappingProxyType(feeds)


FEEDS: Mapping[tuple[str, str], tuple[Feed, ...]] = _build_feeds()
"""Every (question, key) — ``unsure`` included, with no feeds — to its feeds."""


# --- must-haves -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MustHave:
    """A must-have pulls the verdict to one side: while a must-have of one
    side is active, the verdict cannot be the other side (at most hybrid).

    ``when`` lists answers that must all be given. ``factor`` marks a
    must-have that comes from a ``critical`` importance: it lapses if that
    factor's weight is lowered below 3 on the result page. ``side`` is None
    when the catalogue decides the side (capability)."""

    key: str
    when: tuple[tuple[str, str], ...]
    side: Side | None
    factor: str | None
    text: str


MUST_HAVES: tuple[MustHave, ...] = (
    MustHave(
        "own_infrastructure",
        (("data_location", "own_infrastructure"),),
        "open",
        None,
        "your data must never leave your own servers, which only a model you run yourself allows",
    ),
    MustHave(
        "modify",
        (("customisation", "modify"),),
        "open",
        None,
        "you need to change the weights, which needs downloadable weights",
    ),
    MustHave(
        "redistribution",
        (("redistribution", "yes"),),
        "open",
        None,
        "you ship the weights to customers or devices",
    ),
    MustHave(
        "auditability",
        (("auditability", "critical"),),
        "open",
        "transparency",
        "inspecting the model, its weights or data is a must-have",
    ),
    MustHave(
        "lock_in",
        (("lock_in", "critical"),),
        "open",
        "independence",
        "avoiding dependence on one vendor is a must-have",
    ),
    MustHave(
        "capability",
        (("capability_need", "critical"),),
        None,
        "capability",
        "access to the most capable models is a must-have",
    ),
    MustHave(
        "standardisation",
        (("standardisation", "critical"),),
        "closed",
        "standardisation",
        "one consistent model and API across teams is a must-have",
    ),
    MustHave(
        "managed_sla",
        (("support", "sla"), ("expertise", "none")),
        "closed",
        None,
        "you need a 24×7 SLA and have no ML engineers, so someone else must "
        "run the model under contract",
    ),
)


# --- why each factor's rules are what they are -----------------------------------

RATIONALE: Mapping[str, str] = MappingProxyType(
    {
        "transparency": (
            "Only published weights (and, for open source, code and data) can be "
            "inspected, so every answer that asks for inspection leans fully open; "
            "its weight grows with the importance you give it, up to a must-have."
        ),
        "data_control": (
            "Where data may go is the article's privacy argument: data on your own "
            "servers leans fully open at weight 3; a jurisdiction rule leans half "
            "open at weight 2, because an API hosted there can also meet it (the "
            "route rules then keep only offers that process data there). Sensitive "
            "data adds weight, never less lean."
        ),
        "community": (
            "Research, academic and individual users benefit most from community "
            "models and tools; no answer leans it closed, and it is capped at 2 "
            "because it is a benefit, not a requirement."
        ),
        "cost": (
            "Decided by the catalogue, like for like at your volume and relative to "
            "your budget, so the side that is really cheaper for you wins it; the "
            "budget and volume set how much it counts."
        ),
        "customisation": (
            "Fine-tuning and changing weights go furthest with weights you hold, so "
            "these lean open; 'no rush' adds a small open pull (time to tune) that, "
            "with the strongest-pull rule, can only strengthen this factor."
        ),
        "independence": (
            "Avoiding lock-in leans open, weighted by the importance you give it; "
            "a must-have stops a closed verdict."
        ),
        "quality_control": (
            "A finished, tested product from one vendor is the article's closed "
            "advantage: using a model as delivered, an assistant or agents, an "
            "enterprise, or weeks to market each add a little (weight 1)."
        ),
        "vendor_support": (
            "Vendor support leans closed, at weight 2 for business hours and 3 for "
            "a 24×7 SLA; the route rules add that an SLA must come with the route."
        ),
        "capability": (
            "Decided by the catalogue on one independent index: the side with the "
            "best-scored eligible model wins it at any weight (unscored models are "
            "left out, never counted as average), so raising its importance moves "
            "the verdict only towards the more capable side."
        ),
        "security": (
            "High exposure leans closed by half (weight 2): a closed API adds the "
            "vendor's abuse monitoring and safety filters and its weights cannot be "
            "probed offline. Not fully: running a model yourself keeps data away "
            "from third parties, which data control counts, so a sensitive, "
            "public-facing use is weighed on both factors rather than decided by "
            "this one answer."
        ),
        "support_gap": (
            "Who fixes problems at 3 a.m.: no ML engineers leans fully closed at "
            "weight 3, a dedicated ML team fully open at weight 3 (symmetric, so "
            "either side can win it); engineers who could run a model lean a "
            "little open. The route rules never give plain self-hosting to a team "
            "without ML engineers."
        ),
        "standardisation": (
            "One model and API across teams is the article's fragmentation "
            "challenge for open models, so it leans closed, weighted by importance; "
            "a must-have stops an open verdict."
        ),
    }
)
"""Why each factor's weights and leans are what they are (the method page)."""


# --- when nothing fits ----------------------------------------------------------

RELAXATIONS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "data_location": {"own_infrastructure": ("region", "anywhere"), "region": ("anywhere",)},
        "support": {"sla": ("business",)},
        "expertise": {"none": ("some",)},
        "customisation": {"modify": ("fine_tune",), "fine_tune": ("prompting",)},
        "budget": {
            "minimal": ("small", "medium"),
            "small": ("medium", "large"),
            "medium": ("large", "unlimited"),
            "large": ("unlimited",),
        },
        "redistribution": {"yes": ("no",)},
    }
)
"""For verdict ``none``: the answers that can be loosened, each to the next
looser keys in order. Facts about the data (its sensitivity) and about the
use (commercial or not) are never offered as relaxations."""
MAX_RELAXATIONS = 3

ROUTE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "vendor_api": "through its maker's API",
        "hosted_api": "through a hosted API",
        "self_hosted": "self-hosted by your own engineers",
        "supported_self_hosted": "on your own servers with vendor support",
    }
)


# --- hard constraints -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HardConstraint:
    """Active when ``question`` has one of ``options`` (always when None)."""

    key: str
    question: str | None
    options: tuple[str, ...]
    text: str


HARD_CONSTRAINTS: tuple[HardConstraint, ...] = (
    HardConstraint(
        "retired",
        None,
        (),
        "Retired models are never recommended; deprecated ones keep 80% of their fit.",
    ),
    HardConstraint(
        "commercial_use",
        "commercial_use",
        ("yes",),
        "You need commercial use: models whose licence forbids it are excluded.",
    ),
    HardConstraint(
        "modify",
        "customisation",
        ("modify",),
        "You need to change the weights: only models with downloadable weights "
        "under a licence that allows modification count.",
    ),
    HardConstraint(
        "redistribution",
        "redistribution",
        ("yes",),
        "You ship the weights: only models with downloadable weights under a "
        "licence that allows redistribution count.",
    ),
    HardConstraint(
        "own_infrastructure",
        "data_location",
        ("own_infrastructure",),
        "Your data must never leave your own servers: only the two self-hosted "
        "routes count (your engineers, or a vendor-supported subscription on your "
        "infrastructure), no API offer.",
    ),
    HardConstraint(
        "region",
        "data_location",
        ("region",),
        "Your data must stay in one jurisdiction: only self-hosting or an offer "
        "that processes data there counts (for a jurisdiction other than the EU, "
        "UK or US, any offer that states its regions, to check with the vendor).",
    ),
    HardConstraint(
        "sla",
        "support",
        ("sla",),
        "You need a contractual 24×7 SLA: only offers with an SLA count (an API, "
        "or a supported self-hosting subscription that includes one); plain "
        "self-hosting comes with none.",
    ),
    HardConstraint(
        "fine_tune",
        "customisation",
        ("fine_tune", "modify"),
        "You need to fine-tune or change the model: only routes where that is "
        "possible count (an offer that sells fine-tuning, or weights you run yourselves).",
    ),
    HardConstraint(
        "expertise",
        "expertise",
        ("none",),
        "You have no ML engineers: plain self-hosting is never proposed (a "
        "vendor-supported subscription or a hosted API can be).",
    ),
    HardConstraint(
        "data_terms",
        "data_sensitivity",
        ("personal", "special"),
        "Your data is personal or special-category: offers whose data terms "
        "(retention, training on customer data) are not stated are excluded.",
    ),
    HardConstraint(
        "no_training",
        "data_sensitivity",
        ("special",),
        "Your data is special-category: offers that train on customer data are excluded.",
    ),
    HardConstraint(
        "budget",
        "budget",
        ("minimal", "small", "medium", "large"),
        "Your budget caps the estimated monthly cost: a model whose cheapest "
        "way to run that meets your other needs costs more at your volume, or "
        "that has no price at all, is excluded.",
    ),
)


# --- unsure answers -------------------------------------------------------------

UNSURE_ASSUMPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "use_case": "Use case unknown: it did not change any factor.",
        "organisation": "Organisation unknown: it did not change any factor.",
        "monthly_volume": (
            "Monthly volume unknown: every cost is estimated at 100 M tokens a "
            "month, the middle of the 10–500 M range."
        ),
        "data_sensitivity": (
            "Data sensitivity unknown: it did not count towards data control, "
            "and offers that train on customer data were not ruled out."
        ),
        "data_location": ("Data location unknown: no limit was put on where data is processed."),
        "data_region": (
            "Jurisdiction unknown: any offer that states where it processes data "
            "was accepted; check with each vendor that it is yours."
        ),
        "auditability": "Importance of inspecting the model unknown: weight 0.",
        "budget": "Budget unknown: no cap was applied, so no model was excluded on cost.",
        "cost_model": "Preferred way to pay unknown: it did not change any factor.",
        "customisation": (
            "Customisation unknown: models were not required to allow changing their weights."
        ),
        "lock_in": "Importance of avoiding vendor lock-in unknown: weight 0.",
        "expertise": (
            "In-house expertise unknown: the support gap did not count, and "
            "self-hosting was not marked down."
        ),
        "support": "Support needs unknown: no SLA was required.",
        "capability_need": "Importance of capability unknown: weight 0.",
        "time_to_market": "Time to market unknown: it did not change any factor.",
        "security_exposure": "Security exposure unknown: security did not count.",
        "standardisation": "Importance of standardisation unknown: weight 0.",
        "commercial_use": (
            "Commercial use not answered: licences that forbid commercial use "
            "were not excluded. Check this before using a model in a business."
        ),
        "redistribution": (
            "Redistribution not answered: licences that forbid shipping the "
            "weights were not excluded."
        ),
    }
)


# --- the method page ------------------------------------------------------------


def method_rules(settings: EngineSettings | None = None) -> dict[str, Any]:
    """Every rule, threshold, constraint and cost assumption, as JSON types."""
    settings = settings or EngineSettings()
    return {
        "engine_version": ENGINE_VERSION,
        "factors": [
            {**dataclasses.asdict(factor), "rationale": RATIONALE[factor.key]} for factor in FACTORS
        ],
        "questions": [
            {
                "slug": question.slug,
                "section": question.section,
                "label": question.label,
                "keys": list(question.keys),
                "allows_unsure": question.allows_unsure,
                "importance": question.importance,
            }
            for question in QUESTIONS
        ],
        "option_rules": [
            {
                "question": slug,
                "option": key,
                "factor": feed.factor,
                "weight": feed.weight,
                "lean": feed.lean,
                "lean_from_catalogue": feed.lean is None,
                "reason": feed.reason,
            }
            for slug, options in OPTION_RULES.items()
            for key, feeds in options.items()
            for feed in feeds
        ],
        "importance_rules": [
            {
                "question": rule.question,
                "factor": rule.factor,
                "lean": rule.lean,
                "lean_from_catalogue": rule.lean is None,
                "weights": dict(IMPORTANCE_WEIGHTS),
            }
            for rule in IMPORTANCE_RULES.values()
        ],
        "combination": (
            "A factor's weight is the largest weight any of your answers gives "
            "it; its lean is the strongest pull towards open plus the strongest "
            "pull towards closed among those answers, so a second answer pulling "
            "the same way never weakens a factor (an average would: 'data must "
            "stay in the EU' beside 'the data is special-category' would halve "
            "data control), and one pulling the other way offsets it. 'I don't "
            "know' feeds nothing. A weight you set on the result page replaces "
            "the factor's weight."
        ),
        "catalogue_leans": {
            "cost": {
                "rule": (
                    "Compare the estimated monthly cost, at your volume, of the "
                    "cheapest eligible open (model, route) and the cheapest "
                    "eligible closed one, like for like. With a budget, the "
                    "dollar difference d = (closed - open) / budget: under 2% of "
                    "the budget is no lean (a $3 difference on a $10k budget), "
                    "otherwise lean = d / 0.25, clamped to [-1, 1]. Without a "
                    "budget, d is relative to the dearer option: under 10% no "
                    "lean, otherwise d / 0.5. No cost on either side: lean 0."
                ),
                "parity_share": COST_PARITY_SHARE,
                "full_lean_share": COST_FULL_LEAN_SHARE,
                "parity_share_of_budget": COST_PARITY_SHARE_OF_BUDGET,
                "full_lean_share_of_budget": COST_FULL_LEAN_SHARE_OF_BUDGET,
            },
            "capability": {
                "rule": (
                    "Compare the best capability score among eligible open "
                    "models with the best among eligible closed models (models "
                    "without a score are ignored). Within the parity points: "
                    "lean 0; otherwise +1 if open is more capable, -1 if closed "
                    "is. No score on either side: lean 0."
                ),
                "parity_points": CAPABILITY_PARITY_POINTS,
            },
        },
        "score": (
            "score = Σ weight × lean / Σ weight over the twelve factors, in "
            "[-1, +1]; 0 when no factor has weight. Each factor's contribution "
            "is weight × lean / Σ weight."
        ),
        "verdict": {
            "threshold": VERDICT_THRESHOLD,
            "rule": (
                f"Open when the score is at least +{VERDICT_THRESHOLD}, closed "
                f"when at most -{VERDICT_THRESHOLD}, hybrid in between. While a "
                "must-have of one side is active the verdict cannot be the other "
                "side: it becomes hybrid (so must-haves on both sides always give "
                "hybrid). If the verdict's side has no eligible model it falls "
                "back to the other side; a hybrid needs eligible models on both "
                "sides; if neither side has one the verdict is hybrid and says "
                "that nothing in the catalogue meets every constraint."
            ),
        },
        "must_haves": [
            {
                "key": must_have.key,
                "when": [list(pair) for pair in must_have.when],
                "side": must_have.side or "the more capable side in the catalogue",
                "lapses_if_weight_lowered": must_have.factor,
                "text": must_have.text,
            }
            for must_have in MUST_HAVES
        ],
        "hard_constraints": [
            {
                "key": constraint.key,
                "question": constraint.question,
                "options": list(constraint.options),
                "text": constraint.text,
            }
            for constraint in HARD_CONSTRAINTS
        ],
        "unsure_assumptions": dict(UNSURE_ASSUMPTIONS),
        "volumes_tokens_per_month": dict(VOLUME_TOKENS),
        "default_volume": DEFAULT_VOLUME_KEY,
        "budget_caps_usd": dict(BUDGET_CAPS_USD),
        "default_budget_usd": DEFAULT_BUDGET_USD,
        "cost_model": {
            "settings": {
                name: value
                for name, value in dataclasses.asdict(settings).items()
                if not isinstance(value, list | tuple)
            },
            "evidence": {
                "gpu_prices": [dataclasses.asdict(price) for price in settings.gpu_prices],
                "throughput": [dataclasses.asdict(row) for row in settings.throughput],
            },
            "api": (
                "monthly cost = tokens / 1 M × (input share × input price + "
                "(1 - input share) × output price), per offer; a model's cost is "
                "its cheapest offer that meets your needs."
            ),
            "self_hosted": (
                "Per GPU type with a curated price and throughput measured for the "
                "model's size class (by active parameters): memory per replica = "
                "weights at the model's native precision × 1.1 + KV cache for "
                "the stated concurrency × context (20% headroom on the weights "
                "when the architecture is not known); GPUs per replica = the "
                "smallest valid tensor-parallel size that holds it (1, 2, 4, 8, "
                "then whole nodes of 8); replica capacity = output tokens/s per "
                "GPU measured at an interactive latency (rows measured at maximum "
                "rate count at the interactive share; other precisions scaled by "
                "bytes per parameter) × GPUs × seconds a month ÷ output share of "
                "the traffic ÷ peak factor; replicas = ceil(monthly tokens / "
                "capacity); monthly cost = replicas × GPUs × median hourly price "
                "× hours + operations labour (engineer share × loaded cost); the "
                "cheapest GPU type at the volume is used. Band: cheapest and "
                "dearest listed price with highest and lowest measured rate. "
                "Vendor-supported self-hosting adds the subscription per GPU and "
                "year, and two replicas when an SLA is needed. A size class with "
                "no evidence falls back to the rule of thumb: one 80 GB GPU "
                "serves 18 M tokens an hour of an 8 B model, scaled by GPUs and "
                "inversely by active parameters. Unknown parameter count: no "
                "estimate."
            ),
            "break_even": (
                "Solved, not sampled: with API price p per token and, per GPU "
                "plan, replica cost R, capacity C and fixed labour F, "
                "self-hosting first costs no more than the API at (n R + F) / p "
                "tokens a month for the smallest n with n (p C - R) >= F; if "
                "p C <= R a replica never pays for itself and that plan has no "
                "break-even. The earliest over the plans is shown."
            ),
            "curve": {
                "min_tokens": CURVE_MIN_TOKENS,
                "max_tokens": CURVE_MAX_TOKENS,
                "points_per_decade": CURVE_POINTS_PER_DECADE,
            },
        },
        "shortlist": {
            "size": SHORTLIST_SIZE,
            "hybrid_min_per_side": HYBRID_MIN_PER_SIDE,
            "deprecated_fit_factor": DEPRECATED_FIT_FACTOR,
            "fit_components": [
                {"component": name, "weight": weight, "value": value}
                for name, weight, value in FIT_COMPONENTS
            ],
            "rule": (
                "Only eligible models. Fit is a weighted mean of: agreement of "
                "the model's openness with the score (weight 3), capability "
                "score (1 + capability weight), cost against the cheapest "
                "eligible option on a log scale (1 + cost weight), support level "
                "when you asked for vendor support, fit of the deployment with "
                "your in-house expertise, fine-tuning when you want to fine-tune "
                "or modify, and the way you prefer to pay. Ties are broken by "
                "slug. A hybrid verdict lists at least two models of each side "
                "where there are."
            ),
        },
        "confidence": CONFIDENCE_RULE,
        "sensitivity": (
            "Every question is tried with every other key (including 'I don't "
            "know'), one change at a time, with everything else kept; each "
            "change that changes the verdict is listed."
        ),
        "questions_by_factor": {
            factor.key: sorted(
                {
                    slug
                    for (slug, _key), feeds in FEEDS.items()
                    for feed in feeds
                    if feed.factor == factor.key
                }
            )
            for factor in FACTORS
        },
    }


def _check_table() -> None:
    assert set(RATIONALE) == {factor.key for factor in FACTORS}
    for (slug, key), feeds in FEEDS.items():
        assert key in QUESTIONS_BY_SLUG[slug].keys, (slug, key)
        for feed in feeds:
            factor = FACTORS_BY_KEY[feed.factor]
            assert 1 <= feed.weight <= MAX_WEIGHT, (slug, key, feed)
            assert (feed.lean is None) == factor.lean_from_catalogue, (slug, key)
            assert feed.lean is None or -1.0 <= feed.lean <= 1.0, (slug, key)
    for slug, options in OPTION_RULES.items():
        assert set(options) == set(QUESTIONS_BY_SLUG[slug].option_keys), slug


_check_table()
