"""Security: exposure of public code and weights in sensitive uses.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, Pull

FACTOR = Factor(
    key="security",
    label="Security",
    favours="closed",
    meaning="exposure of public code and weights in sensitive uses",
    article_section="open challenge: security concerns",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "High exposure leans closed by half (weight 2): a closed API adds the vendor's abuse "
        "monitoring and safety filters and its weights cannot be probed offline. Not fully: "
        "running a model yourself keeps data away from third parties, which data control "
        "counts, so a sensitive, public-facing use is weighed on both factors rather than "
        "decided by this one answer."
    ),
    pulls={
        "security_exposure": {
            "moderate": Pull(
                1,
                -0.25,
                (
                    "the use has a moderate security exposure: a vendor's abuse monitoring helps "
                    "a little"
                ),
            ),
            "high": Pull(
                2,
                -0.5,
                (
                    "the use is safety- or security-critical and public-facing: a closed API adds"
                    " the vendor's abuse monitoring and safety filters, and published weights can"
                    " be probed offline by attackers (only half a lean: keeping data away from "
                    "third parties, which favours running a model yourself, is counted under data"
                    " control)"
                ),
            ),
        },
    },
)
