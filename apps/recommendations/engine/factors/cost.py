"""Cost: licence cost against usage fees against hosting cost, at your volume.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from typing import Any

from ..settings import (
    COST_FULL_LEAN_SHARE,
    COST_FULL_LEAN_SHARE_OF_BUDGET,
    COST_PARITY_SHARE,
    COST_PARITY_SHARE_OF_BUDGET,
)
from .rule_types import Factor, FactorRules, HardConstraint, Pull

FACTOR = Factor(
    key="cost",
    label="Cost",
    favours="depends",
    meaning="licence cost against usage fees against hosting cost, at your volume",
    article_section="open advantage: cost-effectiveness",
    lean_from_catalogue=True,
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Decided by the catalogue, like for like at your volume and relative to your budget, "
        "so the side that is really cheaper for you wins it; the budget and volume set how "
        "much it counts."
    ),
    pulls={
        "organisation": {
            "startup": Pull(1, None, "startups watch running costs"),
        },
        "monthly_volume": {
            "high": Pull(1, None, "at high volume running costs add up"),
            "very_high": Pull(2, None, "at very high volume running costs dominate"),
        },
        "budget": {
            "minimal": Pull(3, None, "your budget is under $100 a month"),
            "small": Pull(2, None, "your budget is $100–1k a month"),
            "medium": Pull(1, None, "your budget is $1k–10k a month"),
            "large": Pull(1, None, "your budget is $10k–100k a month"),
        },
        "cost_model": {
            "pay_per_use": Pull(1, None, "you want to pay per use"),
            "fixed": Pull(1, None, "you want a fixed, predictable cost"),
        },
    },
    constraints=(
        HardConstraint(
            "budget",
            "budget",
            ("minimal", "small", "medium", "large"),
            (
                "Your budget caps the estimated monthly cost: a model whose cheapest way to run "
                "that meets your other needs costs more at your volume, or that has no price at "
                "all, is excluded."
            ),
        ),
    ),
)


def lean(open_cost: float | None, closed_cost: float | None, budget_usd: float | None) -> float:
    """From the cheapest eligible open and closed (model, route) at the
    volume: positive when open is cheaper, by the dollar difference relative
    to the budget (a $3 difference on a $10k budget is no lean at all);
    without a budget, relative to the dearer."""
    if open_cost is None or closed_cost is None:
        return 0.0
    if budget_usd:
        scale, parity, full = (
            budget_usd,
            COST_PARITY_SHARE_OF_BUDGET,
            COST_FULL_LEAN_SHARE_OF_BUDGET,
        )
    else:
        scale, parity, full = max(open_cost, closed_cost), COST_PARITY_SHARE, COST_FULL_LEAN_SHARE
    if scale <= 0:
        return 0.0
    difference = (closed_cost - open_cost) / scale
    if abs(difference) < parity:
        return 0.0
    return max(-1.0, min(1.0, difference / full))


CATALOGUE_LEAN: dict[str, Any] = {
    "rule": (
        "Compare the estimated monthly cost, at your volume, of the "
        "cheapest eligible open (model, route) and the cheapest "
        "eligible closed one, like for like. With a budget, the "
        "dollar difference d = (closed - open) / budget: under 5% of "
        "the budget is no lean (a $3 difference on a $10k budget), "
        "otherwise lean = d / 0.25, clamped to [-1, 1]. Without a "
        "budget, d is relative to the dearer option: under 10% no "
        "lean, otherwise d / 0.5. No cost on either side: lean 0."
    ),
    "parity_share": COST_PARITY_SHARE,
    "full_lean_share": COST_FULL_LEAN_SHARE,
    "parity_share_of_budget": COST_PARITY_SHARE_OF_BUDGET,
    "full_lean_share_of_budget": COST_FULL_LEAN_SHARE_OF_BUDGET,
}
"""How the catalogue decides the lean, for the method page."""
