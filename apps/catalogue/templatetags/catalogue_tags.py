"""Formatting for catalogue pages: prices, parameters, openness marks, comparison links."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict

from apps.catalogue.comparison import basket_add, basket_remove
from apps.catalogue.models import Certification, Modality, Openness, Precision, Region
from apps.recommendations.engine.formatting import (
    format_tokens,
    format_tokens_compact,
    format_usd,
)

register = template.Library()

OPENNESS_SYMBOLS = {Openness.OPEN: "●", Openness.PARTIAL: "◐", Openness.CLOSED: "○"}


@register.filter
def openness_symbol(value: str) -> str:
    return OPENNESS_SYMBOLS.get(value, "?")


@register.filter
def openness_label(value: str) -> str:
    try:
        return Openness(value).label
    except ValueError:
        return "Not known"


@register.filter
def usd(value: Decimal | None) -> str:
    """$0.15, $2.50, $0.0375: two decimals, more only when the price has them."""
    if value is None:
        return ""
    value = Decimal(value)
    places = (
        max(2, -value.normalize().as_tuple().exponent) if value != value.to_integral_value() else 2
    )
    return f"${value:,.{places}f}"


@register.filter
def usd_month(value: float | None) -> str:
    """A monthly cost: whole dollars from $100 up ($6,670), cents below."""
    return "" if value is None else format_usd(float(value))


@register.filter
def tokens(value: float | None) -> str:
    """100000000 → "100 M", 1e9 → "1 B"."""
    return "" if value is None else format_tokens(float(value))


@register.filter
def number(value: Decimal | None) -> str:
    """A stored decimal without trailing zeros: 8, 0.135, 48.3, 1,000."""
    if value is None:
        return ""
    normalized = Decimal(value).normalize()
    return f"{normalized:,f}"


@register.filter
def modality_labels(values: list[str]) -> str:
    labels = dict(Modality.choices)
    return ", ".join(labels.get(value, value) for value in values or [])


@register.filter
def certification_labels(values: list[str]) -> str:
    labels = dict(Certification.choices)
    return ", ".join(labels.get(value, value) for value in values or [])


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known")


@register.filter
def percent(value: Decimal | None) -> str:
    """An openness score of 0–1 as a whole percentage."""
    if value is None:
        return ""
    return f"{round(Decimal(value) * 100)}%"


@register.simple_tag(takes_context=True)
def compare_query(
    context: dict[str, Any], *, add: str = "", remove: str = "", clear: bool = False
) -> str:
    """This page's query string with the comparison basket changed."""
    request = context["request"]
    basket = list(context.get("basket", []))
    if add:
        basket = basket_add(basket, add)
    if remove:
        basket = basket_remove(basket, remove)
    if clear:
        basket = []
    query: QueryDict = request.GET.copy()
    query.pop("compare", None)
    if basket:
        query["compare"] = ",".join(basket)
    encoded = query.urlencode(safe=",")
    return f"?{encoded}" if encoded else "?"


@register.filter
def region_labels(values: list[str]) -> str:
    labels = dict(Region.choices)
    return ", ".join(labels.get(value, value) for value in values or [])


ZDR_SHORT = {
    "default": "Nothing kept by default",
    "self_serve": "Yes, self-serve",
    "on_approval": "On the vendor's approval",
    "not_offered": "Not offered",
}


@register.filter
def zero_retention_label(value: str) -> str:
    return ZDR_SHORT.get(value, "Not known")


@register.filter
def precision_label(value: str) -> str:
    return dict(Precision.choices).get(value, "")


@register.filter
def compact_tokens(value: int | None) -> str:
    """200000 → "200K"; 1048576 → "1.05M"."""
    return format_tokens_compact(value) if value else ""
