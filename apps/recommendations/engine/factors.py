"""The twelve decision factors of SPEC §2, each the trade-off of one part of
the source article. Questionnaire, engine, result page and catalogue all speak
in these keys."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Favours = Literal["open", "closed", "depends"]


@dataclass(frozen=True, slots=True)
class Factor:
    key: str
    label: str
    favours: Favours
    meaning: str
    article_section: str
    lean_from_catalogue: bool = False


FACTORS: tuple[Factor, ...] = (
    Factor(
        "transparency",
        "Transparency",
        "open",
        "inspect code, weights and data; audit bias, fairness and privacy",
        "open advantage: transparency and trust",
    ),
    Factor(
        "data_control",
        "Data control",
        "open",
        "keep data on your own or in-region infrastructure",
        "open advantage (privacy) / closed API trade-off",
    ),
    Factor(
        "community",
        "Community",
        "open",
        "benefit from community models, tools and fixes",
        "open advantage: collaboration and innovation",
    ),
    Factor(
        "cost",
        "Cost",
        "depends",
        "licence cost against usage fees against hosting cost, at your volume",
        "open advantage: cost-effectiveness",
        lean_from_catalogue=True,
    ),
    Factor(
        "customisation",
        "Customisation",
        "open",
        "fine-tune, modify, distil and redistribute",
        "open advantage: flexibility and customisation",
    ),
    Factor(
        "independence",
        "Independence",
        "open",
        "avoid lock-in to one vendor",
        "future: decentralisation, 'AI democracies'",
    ),
    Factor(
        "quality_control",
        "Quality control",
        "closed",
        "a polished, tested, reliable product",
        "closed advantage: control and quality assurance",
    ),
    Factor(
        "vendor_support",
        "Vendor support",
        "closed",
        "dedicated support, SLAs and upgrades",
        "closed advantage: monetisation funds support",
    ),
    Factor(
        "capability",
        "Capability",
        "closed",
        "frontier capability and exclusive features (the catalogue decides)",
        "closed advantage: proprietary advantages",
        lean_from_catalogue=True,
    ),
    Factor(
        "security",
        "Security",
        "closed",
        "exposure of public code and weights in sensitive uses",
        "open challenge: security concerns",
    ),
    Factor(
        "support_gap",
        "Support gap",
        "depends",
        "who fixes problems at 3 a.m.: depends on in-house expertise",
        "open challenge: lack of support and resources",
    ),
    Factor(
        "standardisation",
        "Standardisation",
        "closed",
        "one consistent model and API across teams",
        "open challenge: fragmentation",
    ),
)

FACTOR_KEYS: tuple[str, ...] = tuple(factor.key for factor in FACTORS)

FACTORS_BY_KEY: Mapping[str, Factor] = MappingProxyType({factor.key: factor for factor in FACTORS})
