"""Customisation: fine-tune, modify, distil and redistribute.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, HardConstraint, MustHave, Pull

FACTOR = Factor(
    key="customisation",
    label="Customisation",
    favours="open",
    meaning="fine-tune, modify, distil and redistribute",
    article_section="open advantage: flexibility and customisation",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Fine-tuning and changing weights go furthest with weights you hold, so these lean "
        "open; 'no rush' adds a small open pull (time to tune) that, with the strongest-pull "
        "rule, can only strengthen this factor."
    ),
    pulls={
        "use_case": {
            "code": Pull(1, 0.5, "code models gain from tuning on your own code base"),
            "product": Pull(1, 1.0, "a model inside a product you sell gains from full control"),
            "research": Pull(1, 1.0, "experiments need models you can change"),
        },
        "customisation": {
            "fine_tune": Pull(2, 1.0, "fine-tuning goes furthest with downloadable weights"),
            "modify": Pull(
                3, 1.0, "changing weights needs the weights and a licence that allows it"
            ),
        },
        "time_to_market": {
            "no_rush": Pull(1, 0.5, "there is time to tune and experiment"),
        },
        "redistribution": {
            "yes": Pull(2, 1.0, "you ship the weights to customers or devices"),
        },
    },
    must_haves=(
        MustHave(
            "modify",
            (("customisation", "modify"),),
            "open",
            None,
            "you need to change the weights, which needs downloadable weights",
        ),
        MustHave(
            "redistribution",
            (("redistribution", "yes"),),
            "open",
            None,
            "you ship the weights to customers or devices",
        ),
    ),
    constraints=(
        HardConstraint(
            "modify",
            "customisation",
            ("modify",),
            (
                "You need to change the weights: only models with downloadable weights under a "
                "licence that allows modification count."
            ),
        ),
        HardConstraint(
            "redistribution",
            "redistribution",
            ("yes",),
            (
                "You ship the weights: only models with downloadable weights under a licence that"
                " allows redistribution count."
            ),
        ),
        HardConstraint(
            "fine_tune",
            "customisation",
            ("fine_tune", "modify"),
            (
                "You need to fine-tune or change the model: only routes where that is possible "
                "count (an offer that sells fine-tuning, or weights you run yourselves)."
            ),
        ),
    ),
    route_rules={
        "fine_tune": "you need to fine-tune or change the model",
    },
)
