"""The engine's prose that is not a rule: why each factor's rule is what it
is (for the method page) and what an unknown answer was taken to mean."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .questions import QUESTIONS

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


# --- unsure answers -------------------------------------------------------------

UNSURE_ASSUMPTIONS: Mapping[str, str] = MappingProxyType(
    {question.slug: question.unknown_means for question in QUESTIONS}
)
"""What an unknown answer was taken to mean (from the question definitions)."""


def _check() -> None:
    from .factors import FACTORS

    assert set(RATIONALE) == {factor.key for factor in FACTORS}


_check()
