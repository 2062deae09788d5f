"""The rule table and constants of the engine, as data.

Everything the engine decides from is here: which answer feeds which factor
with which weight (0–3) and lean (-1 closed … +1 open), the must-haves, the
hard constraints, the defaults for ``unsure`` answers and the thresholds.
`method_rules()` serialises all of it for the public method page, so the page
cannot drift from the engine.

How several answers combine into one factor: the factor's weight is the
largest weight any of its answers gives it, and its lean is its strongest
pull towards open plus its strongest pull towards closed (so a second answer
pulling the same way never weakens it). Every non-zero answer lean is at
least ±0.25 and the catalogue leans are zero or at least ±0.2, so every
non-zero lean clears the verdict threshold (±0.15), which is what keeps
raising any factor's weight from moving the verdict against that factor.

Must-haves and hard constraints are in `hard_rules.py`, the prose in
`wording.py`, and the method page's serialisation in `method_rules.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .factors import FACTORS, FACTORS_BY_KEY
from .questions import IMPORTANCE_KEYS, QUESTIONS, QUESTIONS_BY_SLUG

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

COST_PARITY_SHARE_OF_BUDGET = 0.05
COST_FULL_LEAN_SHARE_OF_BUDGET = 0.25
"""With a budget, the dollar difference counts relative to it: under 5% of the
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
    "moved by one step would flip it, and the top pick's facts are less than 180 "
    "days old (or re-verified since). Medium otherwise."
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

FACTORS_BY_QUESTION: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        question.slug: tuple(
            factor.key
            for factor in FACTORS
            if any(
                feed.factor == factor.key
                for key in question.keys
                for feed in FEEDS[question.slug, key]
            )
        )
        for question in QUESTIONS
    }
)
"""Per question, the factors an answer to it can feed (`Question.factors`)."""


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


def _check_table() -> None:
    for (slug, key), feeds in FEEDS.items():
        assert key in QUESTIONS_BY_SLUG[slug].keys, (slug, key)
        for feed in feeds:
            factor = FACTORS_BY_KEY[feed.factor]
            assert 1 <= feed.weight <= MAX_WEIGHT, (slug, key, feed)
            assert (feed.lean is None) == factor.lean_from_catalogue, (slug, key)
            assert feed.lean is None or -1.0 <= feed.lean <= 1.0, (slug, key)
            # Clears the verdict threshold: see the module docstring.
            assert feed.lean is None or abs(feed.lean) > VERDICT_THRESHOLD, (slug, key)
    for slug, options in OPTION_RULES.items():
        assert set(options) == set(QUESTIONS_BY_SLUG[slug].option_keys), slug


_check_table()
