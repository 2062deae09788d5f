"""The admin front page's freshness panel (curators only)."""

from __future__ import annotations

from typing import Any

from django import template

from apps.catalogue.dashboard import freshness_panel

register = template.Library()


@register.inclusion_tag("admin/catalogue/_freshness_panel.html", takes_context=True)
def catalogue_freshness_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("catalogue.view_aimodel"):
        return {"show": False}
    from apps.catalogue.models import ProposedChange

    return {
        "show": True,
        "pending_proposals": ProposedChange.objects.filter(
            status=ProposedChange.Status.PENDING
        ).count(),
        **freshness_panel(),
    }


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
