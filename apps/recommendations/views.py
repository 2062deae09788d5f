"""The author's result page, making a result, its exports and the method page."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.core.decorators import private_page
from apps.core.http import MAX_TOKEN_LENGTH, HtmxHttpRequest, HttpResponseSeeOther, by_token
from apps.questionnaire.models import Response
from apps.questionnaire.selectors import response_answers, response_get
from apps.recommendations import engine, page_cache
from apps.recommendations.colleagues import compare_context
from apps.recommendations.exports import record_to_csv, record_to_json
from apps.recommendations.limits import RESULTS_LIMIT, WHAT_IF_LIMIT
from apps.recommendations.models import DISPLAY_NAME_MAX_LENGTH, Result
from apps.recommendations.pages import (
    frozen_sections,
    reads_todays_catalogue,
    recheck_context,
    result_page_parts,
)
from apps.recommendations.presenters import WEIGHT_LABELS, present
from apps.recommendations.services import (
    COST_INPUT_LIMITS,
    parse_cost_inputs,
    parse_weight_overrides,
    result_adjusted,
    result_create,
    result_latest,
    result_recommendation,
)
from apps.recommendations.share_links import share_link_live
from apps.recommendations.teams import team_link_for


def _response_or_404(token: str) -> Response:
    return by_token(
        lambda value: response_get(token=value), token, missing="No answers at this link"
    )


def _result_or_404(token: str) -> Result:
    result = result_latest(response=_response_or_404(token))
    if result is None:
        raise Http404("No recommendation at this link yet")
    return result


@private_page
@require_POST
def create_result(request: HtmxHttpRequest, token: str) -> HttpResponse:
    response = _response_or_404(token)
    back = {"back_url": reverse("questionnaire:check", kwargs={"token": token})}
    if refusal := RESULTS_LIMIT.check(request, context=back):
        return refusal
    try:
        result_create(response=response)
    except ValidationError as error:
        if getattr(error, "code", None) != "incomplete":
            raise  # a result the engine made but the model refuses is a bug, not bad input
        return HttpResponseSeeOther(reverse("questionnaire:check", kwargs={"token": token}))
    return HttpResponseSeeOther(reverse("recommendations:result", kwargs={"token": token}))


@private_page
@require_GET
def result_page(request: HtmxHttpRequest, token: str) -> HttpResponse:
    stamp = (
        page_cache.page_stamp(token)
        if len(token) <= MAX_TOKEN_LENGTH and page_cache.cacheable(request)
        else None
    )
    if stamp is not None and (page := page_cache.cached_page(request, token, stamp)):
        return page
    response = _response_or_404(token)
    result = result_latest(response=response)
    if result is None:
        return redirect(reverse("questionnaire:check", kwargs={"token": token}))
    recommendation = result_recommendation(result=result)
    overrides, errors = parse_weight_overrides(request.GET)
    costs, cost_errors = parse_cost_inputs(request.GET)
    errors |= cost_errors
    back = {"back_url": reverse("recommendations:result", kwargs={"token": token})}
    recalculating = request.GET.get("recalculate") == "1"
    if (overrides or costs.any or recalculating) and (
        refusal := WHAT_IF_LIMIT.check(request, context=back)
    ):
        return refusal
    adjusted = (
        result_adjusted(result=result, overrides=overrides, costs=costs)
        if (overrides or costs.any) and not errors
        else None
    )
    view, _summary, context = result_page_parts(result, recommendation)
    check_url = reverse("questionnaire:check", kwargs={"token": token})
    status = HTTPStatus.BAD_REQUEST if errors else HTTPStatus.OK
    adjusted_context = {
        "view": view,
        "adjusted": present(adjusted) if adjusted else None,
        "adjust_errors": errors,
    }
    if recalculating:
        context |= recheck_context(result, recommendation)
        if request.htmx and request.htmx.target == "recalculated":
            return render(request, "recommendations/result.html#recalculated", context)
    if request.htmx and request.htmx.target == "adjusted":
        return render(
            request, "recommendations/result.html#adjusted", adjusted_context, status=status
        )
    original_weights = {factor.key: factor.weight for factor in recommendation.factors}
    assumed = {
        "ops_fte": settings.SELF_HOSTING_OPS_FTE,
        "ops_usd_per_fte_month": settings.SELF_HOSTING_OPS_USD_PER_FTE_MONTH,
    }
    share_link = share_link_live(response=response)
    context |= adjusted_context | {
        "weight_choices": list(enumerate(WEIGHT_LABELS)),
        "cost_inputs": [
            {
                "name": name,
                "value": request.GET.get(name, ""),
                "assumed": assumed.get(name),
                "error": errors.get(name),
            }
            for name in COST_INPUT_LIMITS
        ],
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
        "check_url": check_url,
        "frozen": frozen_sections(result, context, check_url=check_url),
        "create_url": reverse("recommendations:create", kwargs={"token": token}),
        "export_json_url": reverse("recommendations:export_json", kwargs={"token": token}),
        "export_csv_url": reverse("recommendations:export_csv", kwargs={"token": token}),
        "answers_changed": response_answers(response=response) != result.answers,
        "share_link": share_link,
        "share_link_url": (
            request.build_absolute_uri(
                reverse("recommendations:shared", kwargs={"share_token": share_link.token})
            )
            if share_link
            else ""
        ),
        "share_manage_url": reverse("recommendations:share", kwargs={"token": token}),
        "display_name_max_length": DISPLAY_NAME_MAX_LENGTH,
        "compare_with": compare_context(request, result, view),
        "team_link": team_link_for(response=response),
    }
    if stamp is not None and not reads_todays_catalogue(context):
        return page_cache.render_and_keep(
            request, token, stamp, "recommendations/result.html", context
        )
    return render(request, "recommendations/result.html", context, status=status)


def _export_name(result: Result, extension: str) -> str:
    return f"open-or-closed-{result.created_at:%Y-%m-%d}-{result.verdict}.{extension}"


@private_page
@require_GET
def export_json(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The whole frozen decision record, under a versioned schema."""
    result = _result_or_404(token)
    record = record_to_json(
        created_at=result.created_at,
        answers=result.answers,
        recommendation=result_recommendation(result=result),
        catalogue_fingerprint=result.catalogue_fingerprint,
        catalogue_size=result.catalogue_size,
        excluded_count=result.excluded_count,
        excluded_summary=result.excluded_summary,
        evidence=result.evidence,
    )
    page = HttpResponse(
        json.dumps(record, indent=2, ensure_ascii=False), content_type="application/json"
    )
    page["Content-Disposition"] = f'attachment; filename="{_export_name(result, "json")}"'
    return page


@private_page
@require_GET
def export_csv(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The answers and the factor table, safe to open in a spreadsheet."""
    result = _result_or_404(token)
    text = record_to_csv(
        answers=result.answers, recommendation=result_recommendation(result=result)
    )
    page = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    page["Content-Disposition"] = f'attachment; filename="{_export_name(result, "csv")}"'
    return page


@require_GET
def method_page(request: HtmxHttpRequest) -> HttpResponse:
    from apps.recommendations.method import method_context

    return render(request, "recommendations/method.html", method_context())
