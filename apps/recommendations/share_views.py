"""Share links: the author makes or revokes one; a colleague reads the
author's current frozen result, re-checks it against today's catalogue and
can answer the questions themselves to compare."""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.decorators import private_page
from apps.core.http import HtmxHttpRequest, HttpResponseSeeOther, LinkGone, by_token
from apps.questionnaire.selectors import response_get
from apps.recommendations.colleagues import remember_comparison
from apps.recommendations.limits import SHARE_LIMIT, WHAT_IF_LIMIT
from apps.recommendations.models import DISPLAY_NAME_MAX_LENGTH, ShareLink
from apps.recommendations.pages import frozen_sections, recheck_context, result_page_parts
from apps.recommendations.services import result_latest, result_recommendation
from apps.recommendations.share_links import (
    share_link_by_token,
    share_link_create,
    share_link_revoke,
)

NAME_TOO_LONG = f"Use at most {DISPLAY_NAME_MAX_LENGTH} characters for your name."
NAME_NOT_PRINTABLE = "Use letters, digits, spaces and punctuation for your name."


def clean_display_name(raw: str | None) -> tuple[str, str | None]:
    """A display name as typed, trimmed; (name, error message or None)."""
    name = " ".join((raw or "").split())
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        return name, NAME_TOO_LONG
    if not name.isprintable():
        return name, NAME_NOT_PRINTABLE
    return name, None


@private_page
@require_POST
def share_manage(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The author makes a (new) share link for their answers, or revokes it."""
    response = response_get(token=token)
    if response is None:
        raise Http404("No answers at this link")
    result_url = reverse("recommendations:result", kwargs={"token": token})
    if result_latest(response=response) is None:
        return HttpResponseSeeOther(reverse("questionnaire:check", kwargs={"token": token}))
    if refusal := SHARE_LIMIT.check(request, context={"back_url": result_url}):
        return refusal
    action = request.POST.get("action")
    if action == "create":
        name, error = clean_display_name(request.POST.get("author_name"))
        if error:
            return render(
                request,
                "400.html",
                {"message": error},
                status=HTTPStatus.BAD_REQUEST,
            )
        share_link_create(response=response, author_name=name)
    elif action == "revoke":
        share_link_revoke(response=response)
    else:
        return render(request, "400.html", status=HTTPStatus.BAD_REQUEST)
    return HttpResponseSeeOther(result_url + "#share")


def _shared_or_404(share_token: str) -> ShareLink:
    return by_token(_live_link, share_token, missing="There is no shared result at this link.")


def _live_link(token: str) -> ShareLink | None:
    link = share_link_by_token(token=token)
    if link is not None and link.revoked_at is not None:
        raise LinkGone("Its author has stopped sharing this result, or made a new link.")
    return link


def _no_leaks(page: HttpResponse) -> HttpResponse:
    """Not followed either: `private_page` keeps it out of caches, indexes
    and Referers."""
    page["X-Robots-Tag"] = "noindex, nofollow"
    return page


@private_page
@require_GET
def shared_result(request: HtmxHttpRequest, share_token: str) -> HttpResponse:
    """A read-only view of exactly what the author sees, with an optional
    re-check against today's catalogue."""
    link = _shared_or_404(share_token)
    return _no_leaks(_shared_page(request, link))


def _shared_page(
    request: HtmxHttpRequest,
    link: ShareLink,
    *,
    answer_errors: dict[str, str] | None = None,
    status: int = HTTPStatus.OK,
) -> HttpResponse:
    result = result_latest(response=link.response)
    if result is None:  # pragma: no cover - a link is made only for a result
        raise Http404("Nothing is shared at this link yet")
    recommendation = result_recommendation(result=result)
    context: dict = {}
    if request.GET.get("recalculate") == "1":
        back = {"back_url": reverse("recommendations:shared", kwargs={"share_token": link.token})}
        if refusal := WHAT_IF_LIMIT.check(request, context=back):
            return refusal
        context = recheck_context(result, recommendation)
    template = "recommendations/shared.html"
    if request.htmx and request.htmx.target == "recalculated":
        return render(request, template + "#recalculated", context)
    _view, _summary, parts = result_page_parts(result, recommendation)
    share_url = reverse("recommendations:shared", kwargs={"share_token": link.token})
    author = link.author_name
    context |= parts | {
        "author_name": author,
        "answers_title": f"{author}'s answers" if author else "The answers behind it",
        "share_url": share_url,
        "answer_yourself_url": reverse(
            "recommendations:answer", kwargs={"share_token": link.token}
        ),
        "display_name_max_length": DISPLAY_NAME_MAX_LENGTH,
        "answer_errors": answer_errors or {},
        "frozen": frozen_sections(result, parts),
    }
    return render(request, template, context, status=status)


@private_page
@require_http_methods(["GET", "POST"])
def answer_yourself(request: HtmxHttpRequest, share_token: str) -> HttpResponse:
    """Remember the shared link and the colleague's chosen name in this
    browser's session, so their own result page shows both side by side,
    then start the questionnaire."""
    link = _shared_or_404(share_token)
    if request.method == "GET":  # an old bookmark of the link: show the form
        return redirect(reverse("recommendations:shared", kwargs={"share_token": share_token}))
    name, error = clean_display_name(request.POST.get("display_name"))
    if error:
        return _no_leaks(
            _shared_page(
                request,
                link,
                answer_errors={"display_name": error},
                status=HTTPStatus.BAD_REQUEST,
            )
        )
    remember_comparison(request, share_token=share_token, display_name=name)
    return _no_leaks(HttpResponseSeeOther(reverse("questionnaire:start")))
