"""A colleague who answers from a shared link sees both sets of answers.

The colleague's browser keeps only the share link's token and the name they
chose (in their server-side session), never the author's private link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from apps.recommendations.comparison import answer_rows
from apps.recommendations.models import Result
from apps.recommendations.presenters import ResultView, present
from apps.recommendations.services import result_latest, result_recommendation
from apps.recommendations.share_links import share_link_get

COMPARE_SESSION_KEY = "compare_with_share"
NAME_SESSION_KEY = "compare_display_name"
DEFAULT_MINE = "You"
DEFAULT_THEIRS = "Your colleague"


def remember_comparison(request: HttpRequest, *, share_token: str, display_name: str) -> None:
    request.session[COMPARE_SESSION_KEY] = share_token
    request.session[NAME_SESSION_KEY] = display_name


def compare_context(request: HttpRequest, result: Result, view: ResultView) -> dict | None:
    """Both people's answers side by side, if this browser came from a share link."""
    share_token = request.session.get(COMPARE_SESSION_KEY)
    if not share_token:
        return None
    link = share_link_get(token=share_token)
    if link is None or link.response_id == result.response_id:
        return None
    theirs = result_latest(response=link.response)
    if theirs is None:
        return None
    rows = answer_rows(result.answers, theirs.answers)
    context: dict[str, Any] = {
        "mine_name": request.session.get(NAME_SESSION_KEY) or DEFAULT_MINE,
        "theirs_name": link.author_name or DEFAULT_THEIRS,
        "rows": rows,
        "disagreements": sum(row.differs for row in rows),
        "view": present(result_recommendation(result=theirs), theirs.answers),
        "url": reverse("recommendations:shared", kwargs={"share_token": share_token}),
    }
    return context
