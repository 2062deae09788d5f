"""What the author's result page shows about sharing and comparison."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from apps.recommendations.models import Result
from apps.recommendations.presenters import present
from apps.recommendations.services import result_recommendation
from apps.sharing.comparison import factor_pairs
from apps.sharing.services import share_link_get, share_link_live

COMPARE_SESSION_KEY = "compare_with_share"


def sharing_context(request: HttpRequest, result: Result) -> dict[str, Any]:
    token = result.response.resume_token
    link = share_link_live(result=result)
    context: dict[str, Any] = {
        "share_link": link,
        "share_link_url": (
            request.build_absolute_uri(
                reverse("sharing:shared", kwargs={"share_token": link.token})
            )
            if link
            else ""
        ),
        "share_manage_url": reverse("sharing:manage", kwargs={"token": token}),
        "compare_with": None,
    }
    compare_token = request.session.get(COMPARE_SESSION_KEY)
    if compare_token:
        shared = share_link_get(token=compare_token)
        if shared is not None and shared.result.response_id != result.response_id:
            theirs = result_recommendation(result=shared.result)
            mine = result_recommendation(result=result)
            context["compare_with"] = {
                "view": present(theirs),
                "pairs": factor_pairs(mine, theirs),
                "url": reverse("sharing:shared", kwargs={"share_token": compare_token}),
            }
    return context
