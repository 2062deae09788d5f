"""Transparency: inspect code, weights and data; audit bias, fairness and privacy.

Everything that decides this factor: the answers that feed it (weight and
lean), its importance question, the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, ImportanceRule, MustHave

FACTOR = Factor(
    key="transparency",
    label="Transparency",
    favours="open",
    meaning="inspect code, weights and data; audit bias, fairness and privacy",
    article_section="open advantage: transparency and trust",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Only published weights (and, for open source, code and data) can be inspected, so "
        "every answer that asks for inspection leans fully open; its weight grows with the "
        "importance you give it, up to a must-have."
    ),
    importance=ImportanceRule(
        "auditability",
        "transparency",
        1.0,
        "being able to inspect the model, its weights or training data",
    ),
    must_haves=(
        MustHave(
            "auditability",
            (("auditability", "critical"),),
            "open",
            "transparency",
            "inspecting the model, its weights or data is a must-have",
        ),
    ),
)
