"""Side-by-side comparison: which models, and the rows of the comparison table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.formats import date_format

from apps.catalogue.models import (
    OPENNESS_DIMENSIONS,
    AIModel,
    Certification,
    LifecycleStatus,
    Modality,
    Offer,
    Openness,
    Precision,
    Region,
)
from apps.catalogue.selectors import COMPARE_MAX

MAX_SLUGS_READ = 20  # more than this in a URL is not a comparison anyone asked for


def parse_model_slugs(values: Iterable[str]) -> list[str]:
    """Slugs from `?models=a,b` and/or `?models=a&models=b`, de-duplicated, in order."""
    slugs: list[str] = []
    for value in values:
        for part in value.split(","):
            slug = part.strip().lower()
            if slug and slug not in slugs:
                slugs.append(slug)
            if len(slugs) >= MAX_SLUGS_READ:
                return slugs
    return slugs


def basket_add(basket: list[str], slug: str) -> list[str]:
    return basket if slug in basket or len(basket) >= COMPARE_MAX else [*basket, slug]


def basket_remove(basket: list[str], slug: str) -> list[str]:
    return [item for item in basket if item != slug]


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not known"}[value]


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return date_format(value, "j M Y") if value else "Not known"


def _number(value, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return "Not known"
    return (
        f"{value.normalize():,f}{suffix}" if hasattr(value, "normalize") else f"{value:,}{suffix}"
    )


def _price(value) -> str:  # type: ignore[no-untyped-def]
    return "Not known" if value is None else f"${value:,.2f}"


def _labels(values: list[str], choices: type) -> str:
    labels = dict(choices.choices)
    return ", ".join(labels.get(value, value) for value in values) or "None"


def _live(model: AIModel) -> list[Offer]:
    """Offers still available today: a withdrawn offer is not a way to use the model."""
    return model.offers_today()[0]


def _cheapest(model: AIModel, attribute: str) -> str:
    prices = [
        getattr(offer, attribute) for offer in _live(model) if getattr(offer, attribute) is not None
    ]
    return _price(min(prices)) if prices else "No priced offer"


def _offers(model: AIModel, describe: Callable[[Offer], str]) -> str:
    values = sorted({describe(offer) for offer in _live(model)} - {""})
    return ", ".join(values) or "None"


def _union(model: AIModel, attribute: str) -> list[str]:
    """Every value of a list attribute across the model's offers, sorted."""
    return sorted({value for offer in _live(model) for value in getattr(offer, attribute)})


def _openness(model: AIModel, field: str | None) -> str:
    openness = getattr(model, "openness", None)
    if openness is None:
        return "Not assessed"
    if field is None:
        return f"{openness.score:.2f} of 1"
    return Openness(getattr(openness, field)).label


def _capability(model: AIModel) -> str:
    if model.capability_score is None:
        return "No independent figure"
    return f"{_number(model.capability_score)} on the {model.capability_benchmark}"


def _lifecycle(model: AIModel) -> str:
    return LifecycleStatus(model.status_today).label


def _weights(model: AIModel) -> str:
    if not model.is_downloadable:
        return "Not published"
    precision = Precision(model.native_precision).label if model.native_precision else "Not stated"
    size = f", {_number(model.checkpoint_size_gb)} GB" if model.checkpoint_size_gb else ""
    return f"{precision}{size}"


def comparison_rows(models: list[AIModel]) -> list[ComparisonRow]:
    """One row per attribute; values are the text shown, so "differs" means differs to a reader."""
    rows: list[tuple[str, Callable[[AIModel], str]]] = [
        ("Provider", lambda m: m.provider.name),
        ("Access", lambda m: m.get_access_display()),
        ("Lifecycle today", _lifecycle),
        (
            "Shutdown date",
            lambda m: _date(m.retirement_date) if m.retirement_date else "None announced",
        ),
        ("Released", lambda m: _date(m.release_date)),
        ("Licence", lambda m: m.licence.name),
        ("Licence kind", lambda m: m.licence.get_kind_display()),
        ("Commercial use", lambda m: _yes_no(m.licence.commercial_use)),
        ("Modification", lambda m: _yes_no(m.licence.modification)),
        ("Redistribution", lambda m: _yes_no(m.licence.redistribution)),
        ("Attribution required", lambda m: _yes_no(m.licence.attribution_required)),
        (
            "User cap",
            lambda m: (
                f"{m.licence.user_cap:,} monthly active users" if m.licence.user_cap else "None"
            ),
        ),
        ("Total parameters", lambda m: _number(m.parameters_total_b, " billion")),
        ("Active parameters", lambda m: _number(m.parameters_active_b, " billion")),
        ("Context window", lambda m: _number(m.context_window, " tokens")),
        ("Longest answer", lambda m: _number(m.max_output_tokens, " tokens")),
        ("Knowledge cutoff", lambda m: m.knowledge_cutoff or "Not stated"),
        ("Input", lambda m: _labels(m.modalities_input, Modality)),
        ("Output", lambda m: _labels(m.modalities_output, Modality)),
        ("Capability score", _capability),
        ("Fine-tuning available", lambda m: _yes_no(m.fine_tuning_available)),
        ("Openness score", lambda m: _openness(m, None)),
        *(
            (f"Openness: {label.lower()}", lambda m, f=field: _openness(m, f))
            for field, label in OPENNESS_DIMENSIONS
        ),
        (
            "Cheapest input price (USD per 1M tokens)",
            lambda m: _cheapest(m, "input_price_per_mtok"),
        ),
        (
            "Cheapest output price (USD per 1M tokens)",
            lambda m: _cheapest(m, "output_price_per_mtok"),
        ),
        ("Where to use it", lambda m: _offers(m, lambda o: o.host_name)),
        ("Self-hostable", lambda m: _yes_no(m.is_downloadable)),
        ("Support levels", lambda m: _offers(m, lambda o: o.get_support_level_display())),
        ("SLA offered", lambda m: _yes_no(any(o.sla for o in _live(m)))),
        ("Certifications", lambda m: _labels(_union(m, "certifications"), Certification)),
        ("Data processed in", lambda m: _labels(_union(m, "regions"), Region)),
        (
            "Offers that train on your data",
            lambda m: _offers(m, lambda o: o.host_name if o.trains_on_customer_data else ""),
        ),
        ("Weights as published", lambda m: _weights(m)),
        ("Facts as of", lambda m: _date(m.facts_as_of)),
        ("Last verified", lambda m: _date(m.last_verified)),
    ]
    return [ComparisonRow(label, [value(model) for model in models]) for label, value in rows]
