"""Data control: keep data on your own or in-region infrastructure.

Everything that decides this factor: the answers that feed it (weight and
lean), the must-haves and fit rules it raises, and why each rule
is what it is (the method page).
"""

from __future__ import annotations

from .rule_types import Factor, FactorRules, HardConstraint, MustHave, Pull

FACTOR = Factor(
    key="data_control",
    label="Data control",
    favours="open",
    meaning="keep data on your own or in-region infrastructure",
    article_section="open advantage (privacy) / closed API trade-off",
)

RULES = FactorRules(
    factor=FACTOR,
    rationale=(
        "Where data may go is the article's privacy argument: data on your own servers leans "
        "fully open at weight 3; a jurisdiction rule leans half open at weight 2, because an "
        "API hosted there can also meet it (the route rules then keep only offers that "
        "process data there). Sensitive data adds weight, never less lean."
    ),
    pulls={
        "use_case": {
            "documents": Pull(1, 1.0, "your own documents pass through the model"),
        },
        "organisation": {
            "public_sector": Pull(1, 1.0, "public bodies answer for where data goes"),
        },
        "data_sensitivity": {
            "internal": Pull(1, 1.0, "you handle internal data"),
            "personal": Pull(2, 1.0, "you handle personal data"),
            "special": Pull(
                3, 1.0, "you handle special-category data (health, financial, classified)"
            ),
        },
        "data_location": {
            "region": Pull(
                2, 0.5, "data must stay in one jurisdiction (an API hosted there also works)"
            ),
            "own_infrastructure": Pull(3, 1.0, "data must never leave your own servers"),
        },
    },
    must_haves=(
        MustHave(
            "own_infrastructure",
            (("data_location", "own_infrastructure"),),
            "open",
            None,
            (
                "your data must never leave your own servers, which only a model you run yourself"
                " allows"
            ),
        ),
    ),
    constraints=(
        HardConstraint(
            "own_infrastructure",
            "data_location",
            ("own_infrastructure",),
            (
                "Your data must never leave your own servers: only the two self-hosted routes "
                "count (your engineers, or a vendor-supported subscription on your "
                "infrastructure), no API offer."
            ),
        ),
        HardConstraint(
            "region",
            "data_location",
            ("region",),
            (
                "Your data must stay in one jurisdiction: only self-hosting or an offer that "
                "processes data there counts (for a jurisdiction other than the EU, UK or US, any"
                " offer that states its regions, to check with the vendor)."
            ),
        ),
        HardConstraint(
            "data_terms",
            "data_sensitivity",
            ("personal", "special"),
            (
                "Your data is personal or special-category: offers whose data terms (retention, "
                "training on customer data) are not stated are excluded."
            ),
        ),
        HardConstraint(
            "no_training",
            "data_sensitivity",
            ("special",),
            "Your data is special-category: offers that train on customer data are excluded.",
        ),
    ),
    route_rules={
        "own_infrastructure": "your data must never leave your own servers",
        "region": "your data must be processed in your jurisdiction",
        ("terms_unknown"): (
            "your data is personal or special-category and the offer's data terms are not stated"
        ),
        "trains": "your data is special-category and the offer trains on customer data",
    },
)
