"""A frozen result as a file: the whole decision record as JSON (a versioned
schema that reads back into the same record), and the answers and factor
table as CSV that a spreadsheet opens without running any cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apps.recommendations import engine
from apps.recommendations.presenters import option_label, question_text

SCHEMA = "https://open-or-closed.example/schemas/decision-record"
SCHEMA_VERSION = 1
UNKNOWN_SCHEMA = "This is not an Open or Closed decision record."
UNSUPPORTED_VERSION = "This decision record's schema version is not one this version reads."

# Cells a spreadsheet may read as a formula (or that hide one behind a tab or
# carriage return) start with one of these; such a cell gets a leading "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class DecisionRecord:
    """What a JSON export holds, read back."""

    created_at: datetime
    engine_version: str
    answers: dict[str, str]
    recommendation: engine.Recommendation
    catalogue: dict[str, Any]
    evidence: dict[str, Any]


def record_to_json(
    *,
    created_at: datetime,
    answers: Mapping[str, str],
    recommendation: engine.Recommendation,
    catalogue_fingerprint: str,
    catalogue_size: int,
    excluded_count: int,
    excluded_summary: list[dict],
    evidence: Mapping[str, Any],
) -> dict[str, Any]:
    """The whole decision record as JSON types, under a versioned schema.

    The summary fields (verdict, routes, factors, shortlist, costs) repeat
    what `recommendation` holds, so a reader needs no knowledge of the
    engine's types to use them; `recommendation` is the exact record."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "created_at": created_at.isoformat(),
        "engine_version": recommendation.engine_version,
        "answers": dict(answers),
        "answers_in_words": [
            {"question": slug, "text": question_text(slug), "answer": option_label(slug, key)}
            for slug, key in answers.items()
        ],
        "verdict": recommendation.verdict,
        "score": recommendation.score,
        "confidence": recommendation.confidence,
        "close_call": recommendation.close_call,
        "plan": [
            {"side": part.side, "model": part.slug, "route": part.route, "work": part.work}
            for part in recommendation.plan
        ],
        "factors": [
            {
                "factor": factor.key,
                "weight": factor.weight,
                "lean": factor.lean,
                "contribution": factor.contribution,
                "explanation": factor.explanation,
            }
            for factor in recommendation.factors
        ],
        "shortlist": [
            {
                "rank": rank,
                "model": item.slug,
                "name": item.name,
                "provider": item.provider,
                "side": item.side,
                "route": item.route,
                "host": item.host_name,
                "monthly_cost_usd": item.monthly_cost_usd,
                "cost_basis": item.cost_basis,
                "data_terms": item.data_terms,
                "regions": list(item.regions),
            }
            for rank, item in enumerate(recommendation.shortlist, start=1)
        ],
        "costs": {
            "monthly_tokens": recommendation.costs.monthly_tokens,
            "best_api": _cost_option(recommendation.costs.best_api),
            "best_self_hosted": _cost_option(recommendation.costs.best_self_hosted),
            "same_model_api": _cost_option(recommendation.costs.same_model_api),
            "break_even_tokens": recommendation.costs.break_even_tokens,
            "same_model_break_even_tokens": recommendation.costs.same_model_break_even_tokens,
            "evidence_ids": {
                "throughput": [row.get("slug") for row in evidence.get("throughput", [])],
                "gpu_prices": [row.get("gpu") for row in evidence.get("gpu_prices", [])],
            },
        },
        "excluded": {"count": excluded_count, "by_reason": excluded_summary},
        "catalogue": {"fingerprint": catalogue_fingerprint, "size": catalogue_size},
        "evidence": dict(evidence),
        "recommendation": recommendation.to_dict(),
    }


def _cost_option(option: Any) -> dict[str, Any] | None:
    if option is None:
        return None
    return {
        name: getattr(option, name)
        for name in option.__dataclass_fields__
        if isinstance(getattr(option, name), str | int | float | bool | type(None))
    }


def record_from_json(data: Mapping[str, Any]) -> DecisionRecord:
    """Read a JSON export back; ValueError with a clear message if it is not one."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise ValueError(UNKNOWN_SCHEMA)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(UNSUPPORTED_VERSION)
    try:
        return DecisionRecord(
            created_at=datetime.fromisoformat(data["created_at"]),
            engine_version=data["engine_version"],
            answers=dict(data["answers"]),
            recommendation=engine.Recommendation.from_dict(data["recommendation"]),
            catalogue=dict(data["catalogue"]),
            evidence=dict(data.get("evidence", {})),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(UNKNOWN_SCHEMA) from error


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Numbers we computed stay numbers; any text that starts like a formula
    gets a leading apostrophe."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def record_to_csv(*, answers: Mapping[str, str], recommendation: engine.Recommendation) -> str:
    """Two tables in one sheet: the answers, then the factors."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def rows(lines: Iterable[Iterable[object]]) -> None:
        writer.writerows([safe_cell(cell) for cell in line] for line in lines)

    rows(
        [
            ["Verdict", recommendation.verdict],
            ["Score", round(recommendation.score, 3)],
            ["Confidence", recommendation.confidence],
            ["Engine version", recommendation.engine_version],
            [],
            ["Question", "Question slug", "Answer", "Answer key"],
        ]
    )
    rows([question_text(slug), slug, option_label(slug, key), key] for slug, key in answers.items())
    rows([[], ["Factor", "Weight", "Lean", "Contribution", "Why"]])
    rows(
        [
            engine.FACTORS_BY_KEY[factor.key].label,
            factor.weight,
            round(factor.lean, 3),
            round(factor.contribution, 3),
            factor.explanation,
        ]
        for factor in recommendation.factors
    )
    return buffer.getvalue()
