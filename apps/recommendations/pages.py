"""What every audience's result page is built from (author, colleague, team):
the presented recommendation, its one-screen summary and the facts of the
frozen record — never the author's private tokens."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from apps.recommendations import engine
from apps.recommendations.licence_checklist import result_licence_checklists, top_pick_duties
from apps.recommendations.models import Result
from apps.recommendations.presenters import ResultView, present
from apps.recommendations.summary import Summary, summarise, top_pick_item


@dataclass(frozen=True)
class ResultRecord:
    """The parts of a stored result a page shows, without its owner."""

    created_at: datetime
    engine_version: str
    catalogue_size: int
    excluded_count: int
    excluded_summary: list[dict]


def record_of(result: Result) -> ResultRecord:
    return ResultRecord(
        created_at=result.created_at,
        engine_version=result.engine_version,
        catalogue_size=result.catalogue_size,
        excluded_count=result.excluded_count,
        excluded_summary=result.excluded_summary,
    )


FROZEN_SECTIONS = ("summary", "reasoning")
FROZEN_SECTIONS_TIMEOUT = 7 * 24 * 3600


def frozen_sections(
    result: Result, context: Mapping[str, Any], *, check_url: str = ""
) -> dict[str, SafeString]:
    """The summary and the full reasoning, rendered once per result and kept
    in the shared cache: a stored result never changes, and these two are
    most of a result page's rendering. The author's copy links to the
    answers (``check_url``), a colleague's does not, so each audience has
    its own; an older result whose licence facts were not frozen with it
    is kept only while the catalogue is unchanged. The key names the code
    and templates they were rendered with, so a release never serves an
    older rendering."""
    audience = "author" if check_url else "reader"
    key = f"result-sections:{release()}:{result.pk}:{result.created_at.timestamp()}:{audience}"
    if reads_todays_catalogue(context):
        # An older result reads some licence facts from today's catalogue:
        # its rendering holds only as long as the catalogue does.
        from apps.catalogue.selectors import catalogue_fingerprint

        key += f":{catalogue_fingerprint()}"
    sections = cache.get(key)
    if sections is None:
        section_context = {**context, "check_url": check_url}
        sections = {
            name: render_to_string(f"recommendations/_{name}.html", section_context)
            for name in FROZEN_SECTIONS
        }
        cache.set(key, sections, FROZEN_SECTIONS_TIMEOUT)
    return {name: mark_safe(html) for name, html in sections.items()}


def reads_todays_catalogue(context: Mapping[str, Any]) -> bool:
    """Whether an older result's page reads some licence facts from today's
    catalogue, which were not frozen with it."""
    return any(not checklist.frozen for checklist in context.get("licence_checklists", ()))


@functools.cache
def release() -> str:
    """A digest of what renders the frozen sections: the recommendation
    templates and this app's code."""
    template_dir = Path(get_template("recommendations/_reasoning.html").origin.name).parent
    files = sorted(template_dir.glob("*.html")) + sorted(Path(__file__).parent.glob("**/*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def result_page_parts(
    result: Result, recommendation: engine.Recommendation
) -> tuple[ResultView, Summary, dict[str, Any]]:
    """The view, its summary and the template context they make."""
    view = present(recommendation, result.answers)
    checklists = result_licence_checklists(
        shortlist=recommendation.shortlist,
        answers=result.answers,
        stored=(result.evidence or {}).get("licences"),
    )
    pick = top_pick_item(recommendation)
    summary = summarise(
        view, licence_duties=top_pick_duties(checklists, None if pick is None else pick.slug)
    )
    return (
        view,
        summary,
        {
            "view": view,
            "summary": summary,
            "record": record_of(result),
            "licence_checklists": checklists,
        },
    )


def recheck_context(result: Result, recommendation: engine.Recommendation) -> dict[str, Any]:
    """The frozen result re-run on today's catalogue and method, with what
    changed sorted by cause."""
    from apps.catalogue.models import AIModel
    from apps.recommendations.comparison import recheck
    from apps.recommendations.services import result_adjusted
    from apps.recommendations.snapshot import current_snapshot

    today = result_adjusted(result=result, overrides={})
    snapshot = current_snapshot()
    shortlisted = {item.slug for item in today.shortlist}
    added_since = set(
        AIModel.history.filter(
            slug__in=shortlisted, history_type="+", history_date__gt=result.created_at
        ).values_list("slug", flat=True)
    )
    return {
        "recheck": recheck(
            recommendation,
            today,
            frozen_at=result.created_at,
            today_models={model.slug: model for model in snapshot.models},
            added_since=added_since,
        ),
        "recalculated": present(today),
    }
