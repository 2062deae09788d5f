from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.core.http import HtmxHttpRequest, HttpResponseSeeOther
from apps.core.ratelimit import rate_limited
from apps.questionnaire.models import Response
from apps.questionnaire.selectors import response_answers, response_get
from apps.recommendations import engine
from apps.recommendations.presenters import WEIGHT_LABELS, present
from apps.recommendations.services import (
    parse_weight_overrides,
    result_adjusted,
    result_create,
    result_latest,
    result_recommendation,
)
from apps.sharing.context import sharing_context

RESULT_RATE_LIMIT = 30
RESULT_RATE_WINDOW_SECONDS = 600


def _response_or_404(token: str) -> Response:
    response = response_get(token=token)
    if response is None:
        raise Http404("No answers at this link")
    return response


@require_POST
def create_result(request: HtmxHttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    if rate_limited(
        request,
        scope="result-create",
        limit=RESULT_RATE_LIMIT,
        window_seconds=RESULT_RATE_WINDOW_SECONDS,
    ):
        page = render(
            request,
            "recommendations/rate_limited.html",
            {"check_url": reverse("questionnaire:check", kwargs={"token": token})},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
        page["Retry-After"] = str(RESULT_RATE_WINDOW_SECONDS)
        return page
    try:
        result_create(response=response)
    except ValidationError as error:
        if error.code != "incomplete":
            raise  # a result the engine made but the model refuses is a bug, not bad input
        return HttpResponseSeeOther(reverse("questionnaire:check", kwargs={"token": token}))
    return HttpResponseSeeOther(reverse("recommendations:result", kwargs={"token": token}))


@never_cache
@require_GET
def result_page(request: HtmxHttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    result = result_latest(response=response)
    if result is None:
        return redirect(reverse("questionnaire:check", kwargs={"token": token}))
    recommendation = result_recommendation(result=result)
    answers_changed = response_answers(response=response) != result.answers
    overrides, errors = parse_weight_overrides(request.GET)
    adjusted = (
        result_adjusted(result=result, overrides=overrides) if overrides and not errors else None
    )
    original_weights = {factor.key: factor.weight for factor in recommendation.factors}
    context = {
        "token": token,
        "result": result,
        "view": present(recommendation, result.answers),
        "adjusted": present(adjusted) if adjusted else None,
        "adjust_errors": errors,
        "weight_choices": list(enumerate(WEIGHT_LABELS)),
        "adjust_rows": [
            {
                "key": factor.key,
                "label": factor.label,
                "original": original_weights.get(factor.key, 0),
                "current": overrides.get(factor.key, original_weights.get(factor.key, 0)),
            }
            for factor in engine.FACTORS
        ],
        "result_url": reverse("recommendations:result", kwargs={"token": token}),
        "check_url": reverse("questionnaire:check", kwargs={"token": token}),
        "create_url": reverse("recommendations:create", kwargs={"token": token}),
        "answers_changed": answers_changed,
        **sharing_context(request, result),
    }
    status = HTTPStatus.BAD_REQUEST if errors else HTTPStatus.OK
    if request.htmx and request.htmx.target == "adjusted":
        return render(request, "recommendations/_result_body.html#adjusted", context, status=status)
    return render(request, "recommendations/result.html", context, status=status)


@require_GET
def method_page(request: HtmxHttpRequest) -> HttpResponse:
    from apps.recommendations.method import method_context

    return render(request, "recommendations/method.html", method_context())
