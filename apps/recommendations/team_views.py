"""Team decisions: start one, join by the invite link, follow the team page
as people finish, and (as its organiser) remove someone or close it.

The organiser's page and the participants' page are two templates built
from the same partials; each view passes only what its audience may see:
participants never get the organiser's link or anyone's private answers
link but their own (kept in their server-side session)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.decorators import private_page
from apps.core.http import HtmxHttpRequest, HttpResponseSeeOther, by_token
from apps.questionnaire.definitions import SECTION_COUNT
from apps.recommendations.limits import TEAM_WRITE_LIMIT
from apps.recommendations.models import DISPLAY_NAME_MAX_LENGTH
from apps.recommendations.presenters import present
from apps.recommendations.summary import summarise
from apps.recommendations.team_models import DECISION_NAME_MAX_LENGTH, Participant, TeamDecision
from apps.recommendations.teams import (
    DECISION_CLOSED,
    Person,
    TeamReport,
    board_version,
    decision_for_invite,
    decision_for_organiser,
    participant_join,
    participant_remove,
    removed_count,
    team_decision_close,
    team_decision_create,
    team_people,
    team_report_for,
)

POLL_SECONDS = 10
BOARD_ID = "team-board"
SESSION_KEY = "team_participants"  # {decision id: participant id} for this browser


def private_team_page[**P](
    view: Callable[P, HttpResponseBase],
) -> Callable[P, HttpResponseBase]:
    """Pages whose URL holds a team link: `private_page`, and not followed."""
    private = private_page(view)

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        response = private(*args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _too_many(request: HtmxHttpRequest, back_url: str) -> HttpResponse | None:
    return TEAM_WRITE_LIMIT.check(request, context={"back_url": back_url})


NO_DECISION = "No team decision at this link"


def _organiser_decision(token: str) -> TeamDecision:
    return by_token(lambda value: decision_for_organiser(token=value), token, missing=NO_DECISION)


def _invited_decision(token: str) -> TeamDecision:
    return by_token(lambda value: decision_for_invite(token=value), token, missing=NO_DECISION)


def _my_participant_id(request: HtmxHttpRequest, decision: TeamDecision) -> str | None:
    return request.session.get(SESSION_KEY, {}).get(str(decision.pk))


def _remember_me(request: HtmxHttpRequest, participant: Participant) -> None:
    mine = dict(request.session.get(SESSION_KEY, {}))
    mine[str(participant.decision_id)] = str(participant.pk)
    request.session[SESSION_KEY] = mine


def _team_verdict(report: TeamReport | None) -> dict[str, Any]:
    if report is None:
        return {"view": None, "summary": None}
    view = present(report.recommendation, report.answers)
    return {"view": view, "summary": summarise(view)}


def _person_row(person: Person, *, remove_url: str = "", me: bool = False) -> dict[str, Any]:
    result = person.result
    return {
        "id": str(person.participant.pk),
        "name": person.name,
        "me": me,
        "finished": result is not None,
        "verdict": result.verdict if result else "",
        "verdict_label": result.get_verdict_display() if result else "",
        "score": f"{result.score:+.2f}" if result else "",
        "finished_at": result.requested_at if result else None,
        "steps_done": person.steps_done,
        "remove_url": remove_url,
    }


def _board_context(
    request: HtmxHttpRequest,
    decision: TeamDecision,
    *,
    page_url: str,
    remove_url: Callable[[Participant], str] | None = None,
) -> tuple[dict[str, Any], str]:
    """What the team board shows, and its version (for "nothing changed")."""
    people = team_people(decision=decision)
    version = board_version(decision, people)
    mine = _my_participant_id(request, decision)
    report = team_report_for(people)
    rows = [
        _person_row(
            person,
            remove_url=remove_url(person.participant) if remove_url else "",
            me=str(person.participant.pk) == mine,
        )
        for person in people
    ]
    finished = sum(row["finished"] for row in rows)
    context = {
        "decision": decision,
        "people": rows,
        "finished": finished,
        "report": report,
        "board_id": BOARD_ID,
        "poll_url": f"{page_url}?v={version}",
        "page_url": page_url,
        "poll_seconds": POLL_SECONDS,
        "section_count": SECTION_COUNT,
    } | _team_verdict(report)
    return context, version


def _render_board_page(
    request: HtmxHttpRequest, template: str, context: dict[str, Any], version: str
) -> HttpResponse:
    if request.htmx and request.htmx.target == BOARD_ID:
        if request.GET.get("v") == version:
            return HttpResponse(status=HTTPStatus.NO_CONTENT)  # nothing changed: no swap
        return render(request, f"{template}#board", context)
    return render(request, template, context)


@private_team_page
@require_http_methods(["GET", "POST"])
def team_new(request: HtmxHttpRequest) -> HttpResponse:
    """Start a team decision: its name, then the organiser's page."""
    context: dict[str, Any] = {
        "name_max_length": DECISION_NAME_MAX_LENGTH,
        "errors": {},
        "name": "",
    }
    if request.method == "POST":
        if limited := _too_many(request, reverse("recommendations:team_new")):
            return limited
        try:
            decision = team_decision_create(name=request.POST.get("name", ""))
        except ValidationError as error:
            context |= {"errors": error.message_dict, "name": request.POST.get("name", "")}
            return render(
                request, "recommendations/team_new.html", context, status=HTTPStatus.BAD_REQUEST
            )
        return HttpResponseSeeOther(
            reverse("recommendations:team_organiser", kwargs={"token": decision.organiser_token})
        )
    return render(request, "recommendations/team_new.html", context)


@private_team_page
@require_http_methods(["GET"])
def team_organiser(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The organiser's page: the team board, the invite link, remove and close."""
    decision = _organiser_decision(token)
    page_url = reverse("recommendations:team_organiser", kwargs={"token": token})
    context, version = _board_context(
        request,
        decision,
        page_url=page_url,
        remove_url=lambda participant: reverse(
            "recommendations:team_remove",
            kwargs={"token": token, "participant_id": participant.pk},
        ),
    )
    context |= {
        "invite_url": request.build_absolute_uri(
            reverse("recommendations:team_invite", kwargs={"token": decision.invite_token})
        ),
        "organiser_url": request.build_absolute_uri(page_url),
        "join_url": reverse("recommendations:team_invite", kwargs={"token": decision.invite_token}),
        "close_url": reverse("recommendations:team_close", kwargs={"token": token}),
        "removed": removed_count(decision=decision),
    }
    return _render_board_page(request, "recommendations/team_organiser.html", context, version)


def _participant_page(
    request: HtmxHttpRequest,
    decision: TeamDecision,
    *,
    errors: dict[str, list[str]] | None = None,
    display_name: str = "",
    status: int = HTTPStatus.OK,
) -> HttpResponse:
    page_url = reverse("recommendations:team_invite", kwargs={"token": decision.invite_token})
    context, version = _board_context(request, decision, page_url=page_url)
    mine = _my_participant_id(request, decision)
    me = (
        Participant.objects.filter(pk=mine, decision=decision).select_related("response").first()
        if mine
        else None
    )
    finished_me = any(row["me"] and row["finished"] for row in context["people"])
    context |= {
        "me": me,
        # Only this browser's own participant's private link, from its session.
        "my_resume_url": (
            reverse("questionnaire:resume", kwargs={"token": me.response.resume_token})
            if me and not me.removed_at
            else ""
        ),
        "my_result_url": (
            reverse("recommendations:result", kwargs={"token": me.response.resume_token})
            if me and finished_me
            else ""
        ),
        "join_action": reverse(
            "recommendations:team_join", kwargs={"token": decision.invite_token}
        ),
        "display_name_max_length": DISPLAY_NAME_MAX_LENGTH,
        "errors": errors or {},
        "display_name": display_name,
    }
    if status != HTTPStatus.OK:
        return render(request, "recommendations/team_participant.html", context, status=status)
    return _render_board_page(request, "recommendations/team_participant.html", context, version)


@private_team_page
@require_http_methods(["GET"])
def team_invite(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The invite link: the team board for participants, and a form to join."""
    return _participant_page(request, _invited_decision(token))


@private_team_page
@require_POST
def team_join(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Join under a display name, then answer the questionnaire (a new one,
    whose private link is this participant's alone)."""
    decision = _invited_decision(token)
    page_url = reverse("recommendations:team_invite", kwargs={"token": token})
    if limited := _too_many(request, page_url):
        return limited
    raw_name = request.POST.get("display_name", "")
    mine = _my_participant_id(request, decision)
    if mine:  # the same form sent twice: carry on with the questionnaire it started
        existing = Participant.objects.filter(
            pk=mine, decision=decision, removed_at__isnull=True
        ).first()
        if existing and existing.display_name.casefold() == " ".join(raw_name.split()).casefold():
            return _to_questionnaire(existing)
    try:
        participant = participant_join(decision=decision, display_name=raw_name)
    except ValidationError as error:
        if getattr(error, "code", None) == "closed":
            return _participant_page(
                request,
                decision,
                errors={"join": [DECISION_CLOSED]},
                status=HTTPStatus.CONFLICT,
            )
        return _participant_page(
            request,
            decision,
            errors=error.message_dict,
            display_name=raw_name,
            status=HTTPStatus.BAD_REQUEST,
        )
    _remember_me(request, participant)
    return _to_questionnaire(participant)


def _to_questionnaire(participant: Participant) -> HttpResponse:
    return HttpResponseSeeOther(
        reverse("questionnaire:resume", kwargs={"token": participant.response.resume_token})
    )


@private_team_page
@require_http_methods(["GET", "POST"])
def team_remove(request: HtmxHttpRequest, token: str, participant_id: str) -> HttpResponse:
    """Ask, then remove a participant: their answers stop counting."""
    decision = _organiser_decision(token)
    organiser_url = reverse("recommendations:team_organiser", kwargs={"token": token})
    participant = Participant.objects.filter(
        decision=decision, pk=participant_id, removed_at__isnull=True
    ).first()
    if participant is None:
        return render(
            request,
            "recommendations/team_message.html",
            {
                "page_title": "Nobody to remove",
                "message": "This person is not, or no longer, taking part in this decision.",
                "back_url": organiser_url,
            },
            status=HTTPStatus.NOT_FOUND,
        )
    if request.method == "POST":
        if limited := _too_many(request, organiser_url):
            return limited
        participant_remove(decision=decision, participant_id=participant.pk)
        return HttpResponseSeeOther(organiser_url + "#people")
    return render(
        request,
        "recommendations/team_confirm.html",
        {
            "decision": decision,
            "page_title": f"Remove {participant.display_name}?",
            "question": f"Remove {participant.display_name} from “{decision.name}”?",
            "explanation": (
                f"{participant.display_name}'s answers will no longer count towards the team's "
                "verdict and they will no longer be listed. They keep their own answers and "
                "result. This cannot be undone; they could join again with the invite link "
                "while the decision is open."
            ),
            "action_url": request.path,
            "button": f"Remove {participant.display_name}",
            "back_url": organiser_url,
        },
    )


@private_team_page
@require_http_methods(["GET", "POST"])
def team_close(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Ask, then close the decision: nobody joins any more and the answers
    that count are frozen."""
    decision = _organiser_decision(token)
    organiser_url = reverse("recommendations:team_organiser", kwargs={"token": token})
    if decision.is_closed:
        return HttpResponseSeeOther(organiser_url)
    if request.method == "POST":
        if limited := _too_many(request, organiser_url):
            return limited
        team_decision_close(decision=decision)
        return HttpResponseSeeOther(organiser_url)
    return render(
        request,
        "recommendations/team_confirm.html",
        {
            "decision": decision,
            "page_title": "Close this decision?",
            "question": f"Close “{decision.name}”?",
            "explanation": (
                "Nobody can join after this, and the team page keeps each person's result as "
                "it is now: answers changed later do not count. People who have not finished "
                "will not count. This cannot be undone."
            ),
            "action_url": request.path,
            "button": "Close the decision",
            "back_url": organiser_url,
        },
    )
