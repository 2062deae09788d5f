from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.core.http import HtmxHttpRequest, HttpResponseSeeOther
from apps.core.ratelimit import rate_limited
from apps.questionnaire.selectors import response_get
from apps.recommendations.presenters import present
from apps.recommendations.services import result_adjusted, result_latest, result_recommendation
from apps.sharing.comparison import shortlist_changes
from apps.sharing.context import COMPARE_SESSION_KEY
from apps.sharing.services import share_link_create, share_link_get, share_link_revoke

SHARE_RATE_LIMIT = 30
SHARE_RATE_WINDOW_SECONDS = 600


@require_POST
def share_manage(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The author makes a (new) share link for their current result, or revokes it."""
    response = response_get(token=token)
    if response is None:
        raise Http404("No answers at this link")
    result = result_latest(response=response)
    if result is None:
        return HttpResponseSeeOther(reverse("questionnaire:check", kwargs={"token": token}))
    if rate_limited(
        request, scope="share", limit=SHARE_RATE_LIMIT, window_seconds=SHARE_RATE_WINDOW_SECONDS
    ):
        return render(
            request,
            "recommendations/rate_limited.html",
            {"check_url": reverse("recommendations:result", kwargs={"token": token})},
            status=429,
        )
    action = request.POST.get("action")
    if action == "create":
        share_link_create(result=result)
    elif action == "revoke":
        share_link_revoke(result=result)
    else:
        return render(request, "400.html", status=400)
    return HttpResponseSeeOther(
        reverse("recommendations:result", kwargs={"token": token}) + "#share"
    )


def _shared_or_404(share_token: str):
    link = share_link_get(token=share_token)
    if link is None:
        raise Http404("This shared link does not exist or its author has revoked it")
    return link


@never_cache
@require_GET
def shared_result(request: HtmxHttpRequest, share_token: str) -> HttpResponse:
    """A read-only view of exactly what the author saw, with an optional
    recalculation against today's catalogue."""
    link = _shared_or_404(share_token)
    result = link.result
    recommendation = result_recommendation(result=result)
    recalculated = None
    changes = None
    if request.GET.get("recalculate") == "1":
        today = result_adjusted(result=result, overrides={})
        recalculated = present(today)
        changes = shortlist_changes(recommendation, today)
    share_url = reverse("sharing:shared", kwargs={"share_token": share_token})
    context = {
        "shared": True,
        "result": result,
        "view": present(recommendation, result.answers),
        "recalculated": recalculated,
        "changes": changes,
        "share_url": share_url,
        "answer_yourself_url": reverse("sharing:answer", kwargs={"share_token": share_token}),
    }
    template = "sharing/shared.html"
    if request.htmx and request.htmx.target == "recalculated":
        template += "#recalculated"
    page = render(request, template, context)
    page["X-Robots-Tag"] = "noindex, nofollow"
    page["Referrer-Policy"] = "no-referrer"
    return page


@require_GET
def answer_yourself(request: HtmxHttpRequest, share_token: str) -> HttpResponse:
    """Remember the shared result in this browser, so the colleague's own
    result page can show both side by side, then start the questionnaire."""
    _shared_or_404(share_token)
    request.session[COMPARE_SESSION_KEY] = share_token
    page = redirect(reverse("questionnaire:start"))
    page["Referrer-Policy"] = "no-referrer"
    return page
