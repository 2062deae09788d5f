"""Independence: avoid lock-in to one vendor.

Everything that decides this factor: the answers that feed it (weight and
lean), its importance question, the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, ImportanceRule, MustHave

FACTOR = Factor(
    key="independence",
    label="Independence",
    favours="open",
    meaning="avoid lock-in to one vendor",
    article_section="future: decentralisation, 'AI democracies'",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Avoiding lock-in leans open, weighted by the importance you give it; a must-have "
        "stops a closed verdict."
    ),
    importance=ImportanceRule(
        "lock_in", "independence", 1.0, "avoiding dependence on a single vendor"
    ),
    must_haves=(
        MustHave(
            "lock_in",
            (("lock_in", "critical"),),
            "open",
            "independence",
            "avoiding dependence on one vendor is a must-have",
        ),
    ),
)
