"""The engine's rules that belong to no single factor.

Each factor's rules (its weights, lean, constraints and prose) are in its
module under `factors/`; the tunable numbers are in `settings.py`. Here:
the engine's version, how fit is made up (for the method page), the
confidence rule in words, which answers may be loosened when nothing fits,
and the routes in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .settings import (
    ALIGNMENT_WEIGHT,
    FINE_TUNING_WEIGHT,
    UNKNOWN_CAPABILITY_VALUE,
    UNKNOWN_COST_VALUE,
)

ENGINE_VERSION = "2.0.1"

# --- fit, for the method page (shortlist.py computes it) ------------------------

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


# --- confidence, in words (explain.confidence_of applies it) ---------------------

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


# --- when nothing fits -----------------------------------------------------------

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

ROUTE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "vendor_api": "through its maker's API",
        "hosted_api": "through a hosted API",
        "self_hosted": "self-hosted by your own engineers",
        "supported_self_hosted": "on your own servers with vendor support",
    }
)
