"""Vendor support: dedicated support, SLAs and upgrades.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, HardConstraint, MustHave, Pull

FACTOR = Factor(
    key="vendor_support",
    label="Vendor support",
    favours="closed",
    meaning="dedicated support, SLAs and upgrades",
    article_section="closed advantage: monetisation funds support",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Vendor support leans closed, at weight 2 for business hours and 3 for a 24×7 SLA; "
        "the route rules add that an SLA must come with the route."
    ),
    pulls={
        "organisation": {
            "sme": Pull(1, -1.0, "smaller organisations rarely staff ML operations"),
            "enterprise": Pull(1, -1.0, "enterprises expect vendor contracts"),
        },
        "support": {
            "business": Pull(2, -1.0, "you want business-hours vendor support"),
            "sla": Pull(3, -1.0, "you need 24×7 support with an SLA"),
        },
    },
    must_haves=(
        MustHave(
            "managed_sla",
            (("support", "sla"), ("expertise", "none")),
            "closed",
            None,
            (
                "you need a 24×7 SLA and have no ML engineers, so someone else must run the model"
                " under contract"
            ),
        ),
    ),
    constraints=(
        HardConstraint(
            "sla",
            "support",
            ("sla",),
            (
                "You need a contractual 24×7 SLA: only offers with an SLA count (an API, or a "
                "supported self-hosting subscription that includes one); plain self-hosting comes"
                " with none."
            ),
        ),
    ),
    route_rules={
        "sla": "you need a contractual 24×7 SLA",
    },
)
