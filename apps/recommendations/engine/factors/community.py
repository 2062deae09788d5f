"""Community: benefit from community models, tools and fixes.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, Pull

FACTOR = Factor(
    key="community",
    label="Community",
    favours="open",
    meaning="benefit from community models, tools and fixes",
    article_section="open advantage: collaboration and innovation",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Research, academic and individual users benefit most from community models and "
        "tools; no answer leans it closed, and it is capped at 2 because it is a benefit, not"
        " a requirement."
    ),
    pulls={
        "use_case": {
            "research": Pull(2, 1.0, "research builds on open models and tools"),
        },
        "organisation": {
            "individual": Pull(1, 1.0, "individuals rely on community models"),
            "academic": Pull(2, 1.0, "academic work builds on open, shared models"),
        },
        "support": {
            "community": Pull(1, 1.0, "community support is enough"),
        },
    },
)
