"""Public catalogue pages: list, model page, comparison, problem reports and open data."""

from __future__ import annotations

import json
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from apps.catalogue.comparison import basket_add, comparison_rows, parse_model_slugs
from apps.catalogue.forms import CatalogueFilterForm, ProblemReportForm
from apps.catalogue.models import AIModel
from apps.catalogue.open_data import open_data_catalogue
from apps.catalogue.selectors import (
    COMPARE_MAX,
    COMPARE_MIN,
    PAGE_SIZE,
    catalogue_fingerprint,
    catalogue_models,
    catalogue_page,
    models_by_slug,
    models_for_comparison,
    published_model,
)
from apps.catalogue.services import problem_report_create
from apps.core.http import HtmxHttpRequest
from apps.core.ratelimit import RateLimit, rate_limit

REPORT_LIMIT = 5  # an hour, per address; only reports that would be saved count
REPORTS_LIMIT = RateLimit(
    scope="catalogue-report",
    limit=REPORT_LIMIT,
    window_seconds=60 * 60,
    heading="You have sent too many reports",
)
# Filtering, paging and comparing query the whole catalogue; no person
# browses five pages a second.
READS_LIMIT = RateLimit(scope="catalogue-read", limit=300, window_seconds=60)
# The open-data file is large; a mirror fetches it now and then.
OPEN_DATA_LIMIT = RateLimit(scope="catalogue-json", limit=60, window_seconds=60 * 60)
REPORT_THANKS = "Thank you. A curator will check your report against the source you gave."
COMPARE_TOO_FEW = "Choose at least two models to compare."
COMPARE_TOO_MANY = "You can compare up to four models at a time. Remove some and try again."
COMPARE_UNKNOWN = "We could not find these models in the catalogue: {slugs}."


def _url(name: str, **params: str) -> str:
    """A catalogue URL with a readable query string (commas left as they are)."""
    query = urlencode({key: value for key, value in params.items() if value}, safe=",")
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _basket(request: HtmxHttpRequest) -> list[str]:
    """The models someone has picked to compare, carried in `?compare=a,b`."""
    return parse_model_slugs(request.GET.getlist("compare"))[:COMPARE_MAX]


def _basket_models(basket: list[str]) -> list[AIModel]:
    found = models_by_slug(slugs=basket)
    return [found[slug] for slug in basket if slug in found]


@rate_limit(READS_LIMIT, methods=("GET",))
@require_GET
def catalogue_list(request: HtmxHttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    filters = form.filters()
    notices = form.ignored()
    ids = catalogue_models(**filters).values_list("pk", flat=True)
    # A search matches a few models in a scan of every one: read all their
    # ids in that one scan, rather than scanning again to count them.
    paginator = Paginator(list(ids) if filters.get("q") else ids, PAGE_SIZE)
    requested_page = request.GET.get("page", "")
    page = paginator.get_page(requested_page)
    page.object_list = catalogue_page(page.object_list)
    if requested_page and requested_page != str(page.number):
        notices.append(
            f"There is no page “{requested_page}”, so we are showing page {page.number}."
        )
    basket_models = _basket_models(_basket(request))
    context = {
        "form": form,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "notices": notices,
        "basket": [model.slug for model in basket_models],
        "basket_models": basket_models,
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
        "filtered": any(name != "sort" for name in filters),
    }
    # A history restore asks for the whole page even though it comes from htmx.
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request, "catalogue/list.html#results" if partial else "catalogue/list.html", context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _can_preview_drafts(request: HtmxHttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm("catalogue.view_aimodel")


def _detail_context(request: HtmxHttpRequest, model: AIModel, form: ProblemReportForm) -> dict:
    others = [slug for slug in _basket(request) if slug != model.slug]
    basket = [picked.slug for picked in _basket_models(others)]
    with_this = basket_add(basket, model.slug)
    if model.slug not in with_this:
        compare_url = None  # the comparison already holds four other models
    elif len(with_this) >= COMPARE_MIN:
        compare_url = _url("catalogue:compare", models=",".join(with_this))
    else:
        compare_url = _url("catalogue:list", compare=model.slug)
    available, withdrawn = model.offers_today()
    # The cost model lives with the recommendations, which depend on this app.
    from apps.recommendations.run_yourself import self_hosting_rows

    return {
        "self_hosting": self_hosting_rows(model.slug) if model.is_downloadable else [],
        "model": model,
        "openness": getattr(model, "openness", None),
        "offers": available,
        "withdrawn_offers": withdrawn,
        "capability_index": settings.CATALOGUE_CAPABILITY_INDEX,
        "form": form,
        "basket": basket,
        "compare_url": compare_url,
        "full_compare_url": _url("catalogue:compare", models=",".join(basket)),
    }


@rate_limit(READS_LIMIT, methods=("GET",))
@require_GET
def model_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    model = published_model(slug=slug, include_drafts=_can_preview_drafts(request))
    if model is None:
        raise Http404("No published model with this slug.")
    return render(
        request, "catalogue/detail.html", _detail_context(request, model, ProblemReportForm())
    )


@require_POST
def report_problem(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    model = published_model(slug=slug)
    if model is None:
        raise Http404("No published model with this slug.")
    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, model, form)
        return render(request, "catalogue/detail.html", context, status=HTTPStatus.BAD_REQUEST)
    # A refused report is shown back so the person can copy it.
    refusal = REPORTS_LIMIT.check(
        request,
        context={
            "kept": [
                ("What is wrong", form.cleaned_data["what_is_wrong"]),
                ("Source", form.cleaned_data["source_url"]),
            ],
            "back_url": model.get_absolute_url(),
            "back_label": "Back to the model page",
        },
    )
    if refusal:
        return refusal
    problem_report_create(model=model, **form.cleaned_data)
    messages.success(request, REPORT_THANKS)
    return redirect(f"{model.get_absolute_url()}#report")


@rate_limit(READS_LIMIT, methods=("GET",))
@require_GET
def compare(request: HtmxHttpRequest) -> HttpResponse:
    slugs = parse_model_slugs(request.GET.getlist("models"))
    models: list[AIModel] = []
    error = ""
    if len(slugs) < COMPARE_MIN:
        error = COMPARE_TOO_FEW
    elif len(slugs) > COMPARE_MAX:
        error = COMPARE_TOO_MANY
    else:
        models = models_for_comparison(slugs=slugs)
        found = {model.slug for model in models}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            error = COMPARE_UNKNOWN.format(slugs=", ".join(f"“{slug}”" for slug in unknown))
    if error:
        known = _basket_models(slugs[:COMPARE_MAX])
        context = {
            "error": error,
            "known": known,
            "catalogue_url": _url("catalogue:list", compare=",".join(m.slug for m in known)),
        }
        return render(request, "catalogue/compare.html", context, status=HTTPStatus.BAD_REQUEST)

    rows = comparison_rows(models)
    only_differences = request.GET.get("show") == "differences"
    slugs = [model.slug for model in models]
    context = {
        "models": models,
        "rows": [row for row in rows if row.differs] if only_differences else rows,
        "differing": sum(row.differs for row in rows),
        "only_differences": only_differences,
        "models_param": ",".join(slugs),
        "catalogue_url": _url("catalogue:list", compare=",".join(slugs)),
        "can_add": len(models) < COMPARE_MAX,
        "columns": [
            {
                "model": model,
                "remove_url": _compare_or_list_url([slug for slug in slugs if slug != model.slug]),
            }
            for model in models
        ],
    }
    return render(request, "catalogue/compare.html", context)


def _compare_or_list_url(slugs: list[str]) -> str:
    if len(slugs) >= COMPARE_MIN:
        return _url("catalogue:compare", models=",".join(slugs))
    return _url("catalogue:list", compare=",".join(slugs))


CATALOGUE_JSON_CACHE_SECONDS = 60 * 60


@rate_limit(OPEN_DATA_LIMIT, methods=("GET",))
@require_GET
def catalogue_json(request: HtmxHttpRequest) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    # Building the whole catalogue takes seconds at 10,000 models; the cached
    # copy is keyed by the catalogue's state, so an edit is visible at once.
    key = f"catalogue-json:{catalogue_fingerprint()}:{base_url}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(
            open_data_catalogue(base_url=base_url), ensure_ascii=False, cls=DjangoJSONEncoder
        )
        cache.set(key, body, timeout=CATALOGUE_JSON_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/json")
    # Open data: anyone's page may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
