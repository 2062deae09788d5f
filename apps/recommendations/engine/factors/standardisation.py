"""Standardisation: one consistent model and API across teams.

Everything that decides this factor: the answers that feed it (weight and
lean), its importance question, the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, ImportanceRule, MustHave

FACTOR = Factor(
    key="standardisation",
    label="Standardisation",
    favours="closed",
    meaning="one consistent model and API across teams",
    article_section="open challenge: fragmentation",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "One model and API across teams is the article's fragmentation challenge for open "
        "models, so it leans closed, weighted by importance; a must-have stops an open "
        "verdict."
    ),
    importance=ImportanceRule(
        "standardisation", "standardisation", -1.0, "one consistent model and API across teams"
    ),
    must_haves=(
        MustHave(
            "standardisation",
            (("standardisation", "critical"),),
            "closed",
            "standardisation",
            "one consistent model and API across teams is a must-have",
        ),
    ),
)
