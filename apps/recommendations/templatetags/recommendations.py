from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from apps.recommendations.engine.formatting import format_tokens_words, format_usd

register = template.Library()

ROUTE_WORDS = {
    "vendor_api": "Through its maker's API",
    "hosted_api": "Through a hosted API",
    "self_hosted": "Self-hosted by your engineers",
    "supported_self_hosted": "On your servers, with vendor support",
}
REGION_WORDS = {"customer": "your own infrastructure", "global": "anywhere (the vendor chooses)"}


@register.filter
def route_words(route: str) -> str:
    return ROUTE_WORDS.get(route, route)


@register.filter
def region_words(regions: tuple[str, ...] | list[str]) -> str:
    if not regions:
        return "not stated"
    return ", ".join(REGION_WORDS.get(region, region.upper()) for region in regions)


@register.filter
def answer_change_words(change: list[str] | tuple[str, ...]) -> str:
    """(slug, from key, to key) as "Question: from → to" in the questionnaire's words."""
    from apps.questionnaire.definitions import QUESTIONS_BY_SLUG

    slug, from_key, to_key = change
    question = QUESTIONS_BY_SLUG.get(slug)
    if question is None:
        return f"{slug}: {from_key} → {to_key}"
    before, after = question.option(from_key), question.option(to_key)
    return (
        f"{question.text} {before.label if before else from_key} → "
        f"{after.label if after else to_key}"
    )


_ICONS = {
    "open": '<circle cx="7" cy="7" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>',
    "closed": '<rect x="1.5" y="1.5" width="11" height="11" rx="2" fill="currentColor"/>',
    "hybrid": (
        '<circle cx="4.5" cy="7" r="3.5" fill="none" stroke="currentColor" stroke-width="2"/>'
        '<rect x="7" y="3.5" width="6.5" height="7" rx="1" fill="currentColor"/>'
    ),
    "none": '<path d="M2 2 L12 12 M12 2 L2 12" stroke="currentColor" stroke-width="2"/>',
}


@register.simple_tag
def verdict_icon(side: str) -> SafeString:
    shape = _ICONS.get(side, "")
    return mark_safe(  # noqa: S308 - fixed markup, no user input
        '<svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 14 14">'
        f"{shape}</svg>"
    )


@register.simple_tag
def score_scale(score: float) -> SafeString:
    """A horizontal −1…+1 scale with a marker at the score (drawn, and said in text)."""
    x = 10 + (max(-1.0, min(1.0, float(score))) + 1) / 2 * 300
    return format_html(
        '<svg class="score-scale" viewBox="0 0 320 44" role="img" aria-label="Score {} on a scale '
        'from minus 1, closed, to plus 1, open" focusable="false">'
        '<rect x="10" y="14" width="300" height="8" rx="4" class="score-scale__track"/>'
        '<line x1="160" y1="8" x2="160" y2="28" class="score-scale__mid"/>'
        '<path d="M{} 10 l-7 -9 h14 z" class="score-scale__marker" transform="translate(0 1)"/>'
        '<circle cx="{}" cy="18" r="6" class="score-scale__marker"/>'
        '<text x="10" y="40" class="axis-label">closed −1</text>'
        '<text x="160" y="40" text-anchor="middle" class="axis-label">hybrid 0</text>'
        '<text x="310" y="40" text-anchor="end" class="axis-label">open +1</text></svg>',
        f"{score:+.2f}",
        f"{x:.1f}",
        f"{x:.1f}",
    )


@register.filter
def signed(value: float) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:+.2f}".replace("-", "−")


@register.filter
def usd(value: float | None) -> str:
    return "—" if value is None else format_usd(float(value))


@register.filter
def tokens(value: float | None) -> str:
    return format_tokens_words(float(value)) if value else "—"
