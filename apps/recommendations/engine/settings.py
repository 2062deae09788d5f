"""The engine's tunable numbers, in one place.

Thresholds, weights, volumes, budgets, fit and confidence settings: every
number a reviewer might want to tune, each with why it is what it is. The
rules that use them live with their factor (`factors/`); the cost model's
adjustable inputs (GPU prices, throughput, concurrency, labour …) are
`types.EngineSettings`, which a deployment sets from its curated tables.
The method page states every one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .question_types import IMPORTANCE_KEYS

# --- the score and the verdict -------------------------------------------------

VERDICT_THRESHOLD = 0.15
"""Open when the score is at least +0.15, closed when at most -0.15."""

SCORE_DECIMALS = 10
"""The score is rounded so float noise cannot decide a verdict."""

MAX_WEIGHT = 3
"""Weights run 0–3; a critical importance (weight 3) is a must-have."""

IMPORTANCE_WEIGHTS: Mapping[str, int] = MappingProxyType(
    dict(zip(IMPORTANCE_KEYS, (0, 1, 2, 3), strict=True))
)
IMPORTANCE_LEVEL_WORDS: Mapping[str, str] = MappingProxyType(
    {"low": "nice to have", "high": "important", "critical": "a must-have"}
)

# --- leans taken from the catalogue (see factors/cost.py, factors/capability.py) --

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

RUNTIME_OVERHEAD = 1.1
"""Memory for the serving runtime on top of the weights, when the KV cache
is worked out from the architecture."""
UNKNOWN_KV_HEADROOM = 1.2
"""Headroom on the weights for the KV cache when the architecture is unknown."""

# --- shortlist -------------------------------------------------------------------

SHORTLIST_SIZE = 5
HYBRID_MIN_PER_SIDE = 2
DEPRECATED_FIT_FACTOR = 0.8
"""A deprecated model keeps 80% of its fit; retired models are never listed."""
CAPABILITY_TOP_BAND_POINTS = 5.0
BELOW_TOP_CAPABILITY_FIT_FACTOR = 0.5
"""When the most capable models are a must-have, a model more than 5 points
below the best eligible score on its side (or unscored) keeps half its fit, so
the shortlist leads with top-scored models."""

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

# --- confidence ------------------------------------------------------------------

CONFIDENCE_LOW_MARGIN = 0.10
CONFIDENCE_HIGH_MARGIN = 0.25
CONFIDENCE_LOW_UNSURE = 5
CONFIDENCE_HIGH_UNSURE = 1

# --- when nothing fits -------------------------------------------------------------

MAX_RELAXATIONS = 3
"""At most this many answer changes are offered for verdict ``none``."""
