"""The rules that are not weighed: must-haves, which stop a verdict from
being the other side's, and hard constraints, which remove models and routes
(`constraints.py` applies them; these are their keys and sentences)."""

from __future__ import annotations

from dataclasses import dataclass

from .types import Side

# --- must-haves -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MustHave:
    """A must-have pulls the verdict to one side: while a must-have of one
    side is active, the verdict cannot be the other side (at most hybrid).

    ``when`` lists answers that must all be given. ``factor`` marks a
    must-have that comes from a ``critical`` importance: it lapses if that
    factor's weight is lowered below 3 on the result page. ``side`` is None
    when the catalogue decides the side (capability)."""

    key: str
    when: tuple[tuple[str, str], ...]
    side: Side | None
    factor: str | None
    text: str


MUST_HAVES: tuple[MustHave, ...] = (
    MustHave(
        "own_infrastructure",
        (("data_location", "own_infrastructure"),),
        "open",
        None,
        "your data must never leave your own servers, which only a model you run yourself allows",
    ),
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
    MustHave(
        "auditability",
        (("auditability", "critical"),),
        "open",
        "transparency",
        "inspecting the model, its weights or data is a must-have",
    ),
    MustHave(
        "lock_in",
        (("lock_in", "critical"),),
        "open",
        "independence",
        "avoiding dependence on one vendor is a must-have",
    ),
    MustHave(
        "capability",
        (("capability_need", "critical"),),
        None,
        "capability",
        "access to the most capable models is a must-have",
    ),
    MustHave(
        "standardisation",
        (("standardisation", "critical"),),
        "closed",
        "standardisation",
        "one consistent model and API across teams is a must-have",
    ),
    MustHave(
        "managed_sla",
        (("support", "sla"), ("expertise", "none")),
        "closed",
        None,
        "you need a 24×7 SLA and have no ML engineers, so someone else must "
        "run the model under contract",
    ),
)


# --- hard constraints -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HardConstraint:
    """Active when ``question`` has one of ``options`` (always when None)."""

    key: str
    question: str | None
    options: tuple[str, ...]
    text: str


HARD_CONSTRAINTS: tuple[HardConstraint, ...] = (
    HardConstraint(
        "retired",
        None,
        (),
        "Retired models are never recommended; deprecated ones keep 80% of their fit.",
    ),
    HardConstraint(
        "commercial_use",
        "commercial_use",
        ("yes",),
        "You need commercial use: models whose licence forbids it are excluded.",
    ),
    HardConstraint(
        "modify",
        "customisation",
        ("modify",),
        "You need to change the weights: only models with downloadable weights "
        "under a licence that allows modification count.",
    ),
    HardConstraint(
        "redistribution",
        "redistribution",
        ("yes",),
        "You ship the weights: only models with downloadable weights under a "
        "licence that allows redistribution count.",
    ),
    HardConstraint(
        "own_infrastructure",
        "data_location",
        ("own_infrastructure",),
        "Your data must never leave your own servers: only the two self-hosted "
        "routes count (your engineers, or a vendor-supported subscription on your "
        "infrastructure), no API offer.",
    ),
    HardConstraint(
        "region",
        "data_location",
        ("region",),
        "Your data must stay in one jurisdiction: only self-hosting or an offer "
        "that processes data there counts (for a jurisdiction other than the EU, "
        "UK or US, any offer that states its regions, to check with the vendor).",
    ),
    HardConstraint(
        "sla",
        "support",
        ("sla",),
        "You need a contractual 24×7 SLA: only offers with an SLA count (an API, "
        "or a supported self-hosting subscription that includes one); plain "
        "self-hosting comes with none.",
    ),
    HardConstraint(
        "fine_tune",
        "customisation",
        ("fine_tune", "modify"),
        "You need to fine-tune or change the model: only routes where that is "
        "possible count (an offer that sells fine-tuning, or weights you run yourselves).",
    ),
    HardConstraint(
        "expertise",
        "expertise",
        ("none",),
        "You have no ML engineers: plain self-hosting is never proposed (a "
        "vendor-supported subscription or a hosted API can be).",
    ),
    HardConstraint(
        "data_terms",
        "data_sensitivity",
        ("personal", "special"),
        "Your data is personal or special-category: offers whose data terms "
        "(retention, training on customer data) are not stated are excluded.",
    ),
    HardConstraint(
        "no_training",
        "data_sensitivity",
        ("special",),
        "Your data is special-category: offers that train on customer data are excluded.",
    ),
    HardConstraint(
        "budget",
        "budget",
        ("minimal", "small", "medium", "large"),
        "Your budget caps the estimated monthly cost: a model whose cheapest "
        "way to run that meets your other needs costs more at your volume, or "
        "that has no price at all, is excluded.",
    ),
)
