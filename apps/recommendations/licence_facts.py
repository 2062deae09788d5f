"""A licence's facts as the checklist reads them: plain values taken from a
catalogue `Licence` row, frozen with each result so its checklist never
changes, and read back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Clause:
    """A licence clause in the licence's own words."""

    quote: str
    section: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class LicenceFacts:
    """What the catalogue records about one licence or set of terms
    (apps/catalogue/models/catalogue.py `Licence`), as plain values that
    can be frozen into a result as JSON and read back."""

    slug: str
    name: str
    kind: str
    commercial_use: bool
    modification: bool
    redistribution: bool
    attribution_required: bool
    url: str = ""
    acceptable_use_policy_url: str = ""
    user_cap: int | None = None
    obligations: tuple[str, ...] = ()
    clauses: Mapping[str, Clause] = field(default_factory=dict)
    service_counts_as_distribution: bool | None = None
    """Whether serving the model to others (in a product, as a service)
    triggers the distribution conditions; None when not verified."""
    source_url: str = ""
    as_of: str = ""
    """ISO date the facts hold for."""

    @property
    def proprietary(self) -> bool:
        return self.kind == "proprietary"

    def clause(self, topic: str) -> Clause | None:
        return self.clauses.get(topic)

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind,
            "commercial_use": self.commercial_use,
            "modification": self.modification,
            "redistribution": self.redistribution,
            "attribution_required": self.attribution_required,
            "url": self.url,
            "acceptable_use_policy_url": self.acceptable_use_policy_url,
            "user_cap": self.user_cap,
            "obligations": list(self.obligations),
            "clauses": {
                topic: {"quote": c.quote, "section": c.section, "url": c.url}
                for topic, c in self.clauses.items()
            },
            "service_counts_as_distribution": self.service_counts_as_distribution,
            "source_url": self.source_url,
            "as_of": self.as_of,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LicenceFacts:
        return cls(
            slug=data["slug"],
            name=data["name"],
            kind=data["kind"],
            commercial_use=bool(data["commercial_use"]),
            modification=bool(data["modification"]),
            redistribution=bool(data["redistribution"]),
            attribution_required=bool(data["attribution_required"]),
            url=data.get("url") or "",
            acceptable_use_policy_url=data.get("acceptable_use_policy_url") or "",
            user_cap=data.get("user_cap"),
            obligations=tuple(data.get("obligations") or ()),
            clauses=_clauses(data.get("clauses")),
            service_counts_as_distribution=data.get("service_counts_as_distribution"),
            source_url=data.get("source_url") or "",
            as_of=data.get("as_of") or "",
        )


def _clauses(raw: object) -> dict[str, Clause]:
    if not isinstance(raw, Mapping):
        return {}
    return {
        topic: Clause(
            quote=value["quote"], section=value.get("section", ""), url=value.get("url", "")
        )
        for topic, value in raw.items()
        if isinstance(value, Mapping) and value.get("quote")
    }


# --- Reading and freezing the facts ------------------------------------------


def licence_facts_of(licence: Any) -> LicenceFacts:
    """A catalogue `Licence` row as plain facts."""
    return LicenceFacts(
        slug=licence.slug,
        name=licence.name,
        kind=licence.kind,
        commercial_use=licence.commercial_use,
        modification=licence.modification,
        redistribution=licence.redistribution,
        attribution_required=licence.attribution_required,
        url=licence.url or "",
        acceptable_use_policy_url=licence.acceptable_use_policy_url or "",
        user_cap=licence.user_cap,
        obligations=tuple(licence.obligations or ()),
        clauses=_clauses(licence.clauses),
        service_counts_as_distribution=licence.service_counts_as_distribution,
        source_url=licence.source_url or "",
        as_of=licence.as_of.isoformat() if licence.as_of else "",
    )


def licence_facts_for(model_slugs: Iterable[str]) -> dict[str, LicenceFacts]:
    """Today's catalogue facts of each model's licence, by model slug (one query)."""
    from apps.catalogue.models import AIModel

    slugs = list(dict.fromkeys(model_slugs))
    if not slugs:
        return {}
    rows = AIModel.objects.filter(slug__in=slugs).select_related("licence").order_by()
    return {row.slug: licence_facts_of(row.licence) for row in rows}


def frozen_licence_facts(stored: Mapping[str, Any] | None) -> dict[str, LicenceFacts]:
    """Facts stored with a result (`{model slug: LicenceFacts.to_dict()}`) read back."""
    return {slug: LicenceFacts.from_dict(data) for slug, data in (stored or {}).items()}


def freeze_licence_facts(model_slugs: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What a result stores so its checklist never changes: today's facts of
    each shortlisted model's licence, as JSON-ready dicts by model slug."""
    return {slug: facts.to_dict() for slug, facts in licence_facts_for(model_slugs).items()}
