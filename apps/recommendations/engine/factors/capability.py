"""Capability: frontier capability and exclusive features (the catalogue decides).

Everything that decides this factor: the answers that feed it (weight and
lean), its importance question, the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from typing import Any

from ..settings import CAPABILITY_PARITY_POINTS
from .rule_types import Factor, FactorRules, ImportanceRule, MustHave

FACTOR = Factor(
    key="capability",
    label="Capability",
    favours="closed",
    meaning="frontier capability and exclusive features (the catalogue decides)",
    article_section="closed advantage: proprietary advantages",
    lean_from_catalogue=True,
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Decided by the catalogue on one independent index: the side with the best-scored "
        "eligible model wins it at any weight (unscored models are left out, never counted as"
        " average), so raising its importance moves the verdict only towards the more capable"
        " side."
    ),
    importance=ImportanceRule(
        "capability_need", "capability", None, "access to the most capable models"
    ),
    must_haves=(
        MustHave(
            "capability",
            (("capability_need", "critical"),),
            None,
            "capability",
            "access to the most capable models is a must-have",
        ),
    ),
)


def lean(open_best: float | None, closed_best: float | None) -> float:
    """From the best capability score among eligible open and closed models:
    +1 when open is clearly more capable, -1 when closed is, 0 when on par or
    unknown."""
    if open_best is None or closed_best is None:
        return 0.0
    gap = open_best - closed_best
    if abs(gap) < CAPABILITY_PARITY_POINTS:
        return 0.0
    return 1.0 if gap > 0 else -1.0


CATALOGUE_LEAN: dict[str, Any] = {
    "rule": (
        "Compare the best capability score among eligible open "
        "models with the best among eligible closed models (models "
        "without a score are ignored). Within the parity points: "
        "lean 0; otherwise +1 if open is more capable, -1 if closed "
        "is. No score on either side: lean 0."
    ),
    "parity_points": CAPABILITY_PARITY_POINTS,
}
"""How the catalogue decides the lean, for the method page."""
