"""What every audience's result page is built from (author, colleague, team):
the presented recommendation, its one-screen summary and the facts of the
frozen record — never the author's private tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apps.recommendations import engine
from apps.recommendations.licence_checklist import result_licence_checklists, top_pick_duties
from apps.recommendations.models import Result
from apps.recommendations.presenters import ResultView, present
from apps.recommendations.summary import Summary, summarise


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
    summary = summarise(view, licence_duties=top_pick_duties(checklists))
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
