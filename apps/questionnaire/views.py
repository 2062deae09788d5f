"""The questionnaire pages: /start/, one page per section, check your answers.

Every page works with plain form posts (POST, then 303 to the next page). With
htmx the form posts in the background and the view answers with the next
page's fragment and an HX-Push-Url header, so the address bar still follows.
"""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from apps.core.decorators import private_page
from apps.core.http import HtmxHttpRequest, HttpResponseSeeOther, by_token
from apps.core.ratelimit import RateLimit
from apps.questionnaire.definitions import SECTION_COUNT, SECTIONS, Section, get_section, is_asked
from apps.questionnaire.forms import SectionForm
from apps.questionnaire.models import Response
from apps.questionnaire.selectors import response_answers, response_get, sections_incomplete
from apps.questionnaire.services import (
    new_start_key,
    response_answer_section,
    response_start,
    start_key_for_browser,
)

SECTION_TEMPLATE = "questionnaire/section.html"
CHECK_TEMPLATE = "questionnaire/check.html"
RETURN_TO_CHECK = "check"  # ?return=check: "Change" links go back to the check page
PAGE_CONTAINER_ID = "questionnaire-page"  # every page's hx-target; its fragment swaps in

# _base.html's htmx-config tells htmx 2 to swap 400 and 429 responses, so
# htmx and plain posts with errors both get 400.
INVALID_STATUS = HTTPStatus.BAD_REQUEST
INVALID_STATUS_HTMX = HTTPStatus.BAD_REQUEST

# Generous: seven pages and a few corrections take a person well under 30 posts.
ANSWERS_LIMIT = RateLimit(
    scope="questionnaire-answer",
    limit=120,
    window_seconds=600,
    heading="Too many answers at once",
)


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx post from one of these pages; anything else gets whole pages.

    A history restore (the back button after htmx navigation) wants the whole
    page too, though htmx marks it as an htmx request.
    """
    return (
        bool(request.htmx)
        and request.htmx.target == PAGE_CONTAINER_ID
        and not request.htmx.history_restore_request
    )


NO_QUESTIONNAIRE = "No questionnaire with this link"


def _response_or_404(token: str) -> Response:
    return by_token(lambda value: response_get(token=value), token, missing=NO_QUESTIONNAIRE)


def _section_or_404(number: int) -> Section:
    section = get_section(number)
    if section is None:
        raise Http404("No such step")
    return section


def section_url(response: Response, number: int, *, return_to_check: bool = False) -> str:
    url = reverse(
        "questionnaire:section", kwargs={"token": response.resume_token, "number": number}
    )
    return f"{url}?return={RETURN_TO_CHECK}" if return_to_check else url


def check_url(response: Response) -> str:
    return reverse("questionnaire:check", kwargs={"token": response.resume_token})


def _resume_url(request: HtmxHttpRequest, response: Response | None) -> str:
    if response is None:
        return ""
    return request.build_absolute_uri(
        reverse("questionnaire:resume", kwargs={"token": response.resume_token})
    )


def _render_section(
    request: HtmxHttpRequest,
    *,
    section: Section,
    form: SectionForm,
    response: Response | None,
    return_to_check: bool = False,
    fragment: bool = False,
    status: int = HTTPStatus.OK,
    started: Response | None = None,
) -> HttpResponse:
    number = section.number
    if response is None:
        form_action = reverse("questionnaire:start")
        next_url = ""  # the token does not exist yet; HX-Push-Url will say
    else:
        form_action = section_url(response, number, return_to_check=return_to_check)
        next_url = (
            check_url(response)
            if return_to_check or number == SECTION_COUNT
            else section_url(response, number + 1)
        )
    if return_to_check and response is not None:
        back_url = check_url(response)
    elif number == 1 or response is None:
        back_url = reverse("core:home")
    else:
        back_url = section_url(response, number - 1)
    page_title = f"{section.title} — step {number} of {SECTION_COUNT}"
    context = {
        "section": section,
        "section_count": SECTION_COUNT,
        "form": form,
        "response": response,
        "form_action": form_action,
        "next_url": next_url,
        "back_url": back_url,
        "resume_url": _resume_url(request, response),
        "page_title": f"Error: {page_title}" if form.errors else page_title,
        "fragment": fragment,
        "started_url": section_url(started, 1) if started is not None else "",
        # Step 1 before any response: a resent form must not create a second.
        "start_key": (request.POST.get("start_key") or new_start_key()) if response is None else "",
    }
    template = f"{SECTION_TEMPLATE}#form" if fragment else SECTION_TEMPLATE
    return render(request, template, context, status=status)


def _render_check(
    request: HtmxHttpRequest,
    *,
    response: Response,
    answers: dict[str, str],
    fragment: bool = False,
) -> HttpResponse:
    incomplete = {section.number for section in sections_incomplete(answers=answers)}
    summary = [
        {
            "section": section,
            "complete": section.number not in incomplete,
            "change_url": section_url(response, section.number, return_to_check=True),
            # A missing step continues through the steps after it, as the first time.
            "answer_url": section_url(response, section.number),
            "rows": [
                (question, question.option(answers.get(question.slug, "")))
                for question in section.questions
                if is_asked(question, answers)
            ],
        }
        for section in SECTIONS
    ]
    context = {
        "response": response,
        "summary": summary,
        "incomplete": [group for group in summary if not group["complete"]],
        "back_url": section_url(response, SECTION_COUNT),
        "resume_url": _resume_url(request, response),
        "page_title": "Check your answers",
        "fragment": fragment,
    }
    template = f"{CHECK_TEMPLATE}#content" if fragment else CHECK_TEMPLATE
    return render(request, template, context)


def _after_save(
    request: HtmxHttpRequest, *, response: Response, section: Section, return_to_check: bool
) -> HttpResponse:
    """Go to the next page: a 303 for a plain post, the next fragment for htmx."""
    fragment = _wants_fragment(request)
    if return_to_check or section.number == SECTION_COUNT:
        url = check_url(response)
        if not fragment:
            return HttpResponseSeeOther(url)
        http_response = _render_check(
            request, response=response, answers=response_answers(response=response), fragment=True
        )
    else:
        url = section_url(response, section.number + 1)
        if not fragment:
            return HttpResponseSeeOther(url)
        next_section = _section_or_404(section.number + 1)
        http_response = _render_section(
            request,
            section=next_section,
            form=SectionForm(section=next_section, answers=response_answers(response=response)),
            response=response,
            fragment=True,
        )
    http_response["HX-Push-Url"] = url
    return http_response


def _invalid(
    request: HtmxHttpRequest,
    *,
    section: Section,
    form: SectionForm,
    response: Response | None,
    return_to_check: bool,
) -> HttpResponse:
    """The same page again with an error summary; nothing was saved."""
    fragment = _wants_fragment(request)
    http_response = _render_section(
        request,
        section=section,
        form=form,
        response=response,
        return_to_check=return_to_check,
        fragment=fragment,
        status=INVALID_STATUS_HTMX if fragment else INVALID_STATUS,
    )
    if fragment:
        http_response["HX-Push-Url"] = "false"  # stay on this URL
    return http_response


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HtmxHttpRequest) -> HttpResponse:
    """Step 1 before any response exists; its first valid POST creates one."""
    section = _section_or_404(1)
    if request.method == "POST":
        if refusal := ANSWERS_LIMIT.check(request):
            return refusal
        form = SectionForm(request.POST, section=section)
        if not form.is_valid():
            return _invalid(
                request, section=section, form=form, response=None, return_to_check=False
            )
        # The form's key counts only with this browser's CSRF secret: a resent
        # form finds its response again, the same key from anyone else does not.
        start_key = start_key_for_browser(
            form_key=request.POST.get("start_key", ""),
            browser_secret=request.META.get("CSRF_COOKIE", ""),
        )
        with transaction.atomic():
            response = response_start(start_key=start_key)
            response_answer_section(response=response, section=section, data=form.cleaned_data)
        # So that going back to a blank step 1 (the browser's Back button,
        # without JavaScript) offers the questionnaire already under way.
        request.session[STARTED_SESSION_KEY] = response.resume_token
        return _after_save(request, response=response, section=section, return_to_check=False)
    return _render_section(
        request,
        section=section,
        form=SectionForm(section=section),
        response=None,
        started=_started_in_this_browser(request),
    )


STARTED_SESSION_KEY = "questionnaire_started"


def _started_in_this_browser(request: HtmxHttpRequest) -> Response | None:
    """The questionnaire this browser started last, if it still exists. Only
    read when the browser already has a session: a GET never creates one."""
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return None
    token = request.session.get(STARTED_SESSION_KEY)
    return response_get(token=token) if token else None


@private_page
@require_http_methods(["GET", "POST"])
def section_page(request: HtmxHttpRequest, token: str, number: int) -> HttpResponse:
    response = _response_or_404(token)
    section = _section_or_404(number)
    return_to_check = request.GET.get("return") == RETURN_TO_CHECK
    if request.method == "POST":
        if refusal := ANSWERS_LIMIT.check(request):
            return refusal
        form = SectionForm(request.POST, section=section)
        if not form.is_valid():
            return _invalid(
                request,
                section=section,
                form=form,
                response=response,
                return_to_check=return_to_check,
            )
        response_answer_section(response=response, section=section, data=form.cleaned_data)
        return _after_save(
            request, response=response, section=section, return_to_check=return_to_check
        )
    form = SectionForm(section=section, answers=response_answers(response=response))
    return _render_section(
        request, section=section, form=form, response=response, return_to_check=return_to_check
    )


@private_page
@require_GET
def check_answers(request: HtmxHttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    return _render_check(request, response=response, answers=response_answers(response=response))


@private_page
@require_GET
def resume(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The private link: back to the first page with a missing answer."""
    response = _response_or_404(token)
    incomplete = sections_incomplete(answers=response_answers(response=response))
    if incomplete:
        return redirect(section_url(response, incomplete[0].number))
    return redirect(check_url(response))
