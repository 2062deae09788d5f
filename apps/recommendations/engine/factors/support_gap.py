"""Support gap: who fixes problems at 3 a.m.: depends on in-house expertise.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, HardConstraint, Pull

FACTOR = Factor(
    key="support_gap",
    label="Support gap",
    favours="depends",
    meaning="who fixes problems at 3 a.m.: depends on in-house expertise",
    article_section="open challenge: lack of support and resources",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Who fixes problems at 3 a.m.: no ML engineers leans fully closed at weight 3, a "
        "dedicated ML team fully open at weight 3 (symmetric, so either side can win it); "
        "engineers who could run a model lean a little open. The route rules never give plain"
        " self-hosting to a team without ML engineers."
    ),
    pulls={
        "expertise": {
            "none": Pull(3, -1.0, "there are no ML engineers to run or fix a model yourselves"),
            "some": Pull(1, 0.5, "you have engineers who could run a model"),
            "team": Pull(
                3,
                1.0,
                (
                    "a dedicated ML team can run and fix models itself (as heavy as having no one"
                    " is the other way)"
                ),
            ),
        },
    },
    constraints=(
        HardConstraint(
            "expertise",
            "expertise",
            ("none",),
            (
                "You have no ML engineers: plain self-hosting is never proposed (a "
                "vendor-supported subscription or a hosted API can be)."
            ),
        ),
    ),
    route_rules={
        "expertise": "you have no ML engineers to run a model yourselves",
    },
)
