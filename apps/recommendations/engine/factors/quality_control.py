"""Quality control: a polished, tested, reliable product.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, Pull

FACTOR = Factor(
    key="quality_control",
    label="Quality control",
    favours="closed",
    meaning="a polished, tested, reliable product",
    article_section="closed advantage: control and quality assurance",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "A finished, tested product from one vendor is the article's closed advantage: using "
        "a model as delivered, an assistant or agents, an enterprise, or weeks to market each"
        " add a little (weight 1)."
    ),
    pulls={
        "use_case": {
            "assistant": Pull(1, -1.0, "an internal assistant is what polished closed products do"),
            "automation": Pull(1, -1.0, "agents need reliable, well-tested tool use"),
        },
        "organisation": {
            "enterprise": Pull(1, -1.0, "enterprises expect tested products"),
        },
        "customisation": {
            "as_is": Pull(1, -1.0, "using a model as delivered favours a finished product"),
        },
        "time_to_market": {
            "weeks": Pull(1, -1.0, "a ready-made API is live in weeks"),
        },
    },
)
