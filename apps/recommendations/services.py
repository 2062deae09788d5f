"""Writes and reads of results: answers + catalogue snapshot → stored result."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.questionnaire.models import Response
from apps.questionnaire.selectors import response_answers, sections_incomplete
from apps.recommendations import engine
from apps.recommendations.licence_facts import freeze_licence_facts
from apps.recommendations.models import Result
from apps.recommendations.snapshot import CostInputs, Snapshot, current_snapshot

INCOMPLETE_ANSWERS = "Answer every section before asking for a recommendation."
UNKNOWN_FACTOR = "Unknown factor."
WEIGHT_OUT_OF_RANGE = "Weights go from 0 (ignore) to 3 (must-have)."

# A large catalogue can remove thousands of models; the result keeps every
# reason with its count and a few examples, so its size (and the page's
# rendering time) stays flat as the catalogue grows.
EXCLUDED_KEPT = 50
EXAMPLES_PER_REASON = 8


def excluded_summary(excluded: tuple[engine.ExcludedModel, ...]) -> list[dict]:
    groups: dict[str, list[str]] = {}
    for model in excluded:
        for reason in model.reasons:
            groups.setdefault(reason, []).append(model.name)
    return [
        {"reason": reason, "count": len(names), "examples": sorted(names)[:EXAMPLES_PER_REASON]}
        for reason, names in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def _digest(answers: Mapping[str, str], fingerprint: str, settings: engine.EngineSettings) -> str:
    payload = json.dumps(
        {
            "answers": dict(sorted(answers.items())),
            "engine": engine.ENGINE_VERSION,
            "catalogue": fingerprint,
            "settings": dataclasses.asdict(settings),
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def snapshot_evidence(snapshot: Snapshot, recommendation: engine.Recommendation) -> dict:
    """What the costs and duties were worked out from, frozen with the
    result: each shortlisted model's licence facts, the GPU prices and
    throughput rows (by their evidence ids) and every offer of each
    shortlisted model."""
    shortlisted = dict.fromkeys(item.slug for item in recommendation.shortlist)
    facts = snapshot.facts_by_slug
    return {
        "licences": freeze_licence_facts(shortlisted),
        "gpu_prices": [dataclasses.asdict(price) for price in snapshot.settings.gpu_prices],
        "throughput": [dataclasses.asdict(row) for row in snapshot.settings.throughput],
        "offers": {
            slug: [dataclasses.asdict(offer) for offer in facts[slug].model.offers]
            for slug in shortlisted
            if slug in facts
        },
    }


def result_create(*, response: Response) -> Result:
    """Freeze a recommendation for the response's current answers.

    Asking twice for the same answers against the same catalogue returns the
    same result (a double-submitted form stores one)."""
    answers = response_answers(response=response)
    if sections_incomplete(answers=answers):
        raise ValidationError(INCOMPLETE_ANSWERS, code="incomplete")
    snapshot = current_snapshot()
    digest = _digest(answers, snapshot.fingerprint, snapshot.settings)
    existing = Result.objects.filter(response=response, digest=digest).first()
    if existing is not None:
        return _mark_current(existing)
    recommendation = engine.recommend(answers, snapshot.prepared, snapshot.settings)
    summary = excluded_summary(recommendation.excluded)
    stored = dataclasses.replace(recommendation, excluded=recommendation.excluded[:EXCLUDED_KEPT])
    result = Result(
        response=response,
        engine_version=recommendation.engine_version,
        answers=dict(answers),
        recommendation=stored.to_dict(),
        excluded_summary=summary,
        excluded_count=len(recommendation.excluded),
        digest=digest,
        catalogue_fingerprint=snapshot.fingerprint,
        evidence=snapshot_evidence(snapshot, recommendation),
        catalogue_size=len(snapshot.models),
        verdict=recommendation.verdict,
        score=recommendation.score,
    )
    # The unique (response, digest) constraint is left to the database, so a
    # concurrent double submit ends in IntegrityError, handled below.
    result.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            result.save()
    except IntegrityError:  # a concurrent double submit won the race
        return _mark_current(Result.objects.get(response=response, digest=digest))
    return result


def _mark_current(result: Result) -> Result:
    """Asking again for answers seen before makes that result the current one."""
    result.requested_at = timezone.now()
    result.save(update_fields=["requested_at"])
    return result


def result_latest(*, response: Response) -> Result | None:
    return response.results.order_by("-requested_at").first()


def result_recommendation(*, result: Result) -> engine.Recommendation:
    """The stored recommendation, decoded once per process: a stored result
    never changes, and decoding one is a few milliseconds of every page
    that shows it."""
    if result.pk is None:
        return engine.Recommendation.from_dict(result.recommendation)
    key = (result.pk, result.created_at.timestamp())
    with _DECODED_LOCK:
        found = _DECODED.get(key)
        if found is not None:
            _DECODED.move_to_end(key)
            return found
    found = engine.Recommendation.from_dict(result.recommendation)
    with _DECODED_LOCK:
        _DECODED[key] = found
        while len(_DECODED) > DECODED_KEPT:
            _DECODED.popitem(last=False)
    return found


DECODED_KEPT = 256
_DECODED: OrderedDict[tuple[int, float], engine.Recommendation] = OrderedDict()
_DECODED_LOCK = threading.Lock()


def parse_weight_overrides(data: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Read `w_<factor>=<0..3>` parameters; returns (overrides, errors)."""
    overrides: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name, raw in data.items():
        if not name.startswith("w_"):
            continue
        factor = name[2:]
        if factor not in engine.FACTORS_BY_KEY:
            errors[name] = UNKNOWN_FACTOR
            continue
        try:
            weight = int(raw)
        except (TypeError, ValueError):
            errors[name] = WEIGHT_OUT_OF_RANGE
            continue
        if not 0 <= weight <= 3:
            errors[name] = WEIGHT_OUT_OF_RANGE
            continue
        overrides[factor] = weight
    return overrides, errors


COST_INPUT_LIMITS = {
    # name: (lowest, highest, message)
    "ops_fte": (0.0, 10.0, "Engineer time goes from 0 to 10 full-time engineers."),
    "ops_usd_per_fte_month": (
        0.0,
        100_000.0,
        "An engineer's monthly cost goes from $0 to $100,000.",
    ),
    "subscription_usd_per_gpu_year": (
        0.0,
        200_000.0,
        "A support subscription goes from $0 to $200,000 per GPU a year.",
    ),
}


def parse_cost_inputs(data: Mapping[str, str]) -> tuple[CostInputs, dict[str, str]]:
    """Read the what-if panel's own cost inputs; blank means "as we assume"."""
    values: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name, (low, high, message) in COST_INPUT_LIMITS.items():
        raw = (data.get(name) or "").strip().replace(",", "")
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError:
            errors[name] = message
            continue
        if not (low <= value <= high) or value != value:
            errors[name] = message
            continue
        values[name] = value
    return CostInputs(**values), errors


def result_adjusted(
    *,
    result: Result,
    overrides: Mapping[str, int],
    costs: CostInputs | None = None,
) -> engine.Recommendation:
    """The stored answers re-weighed with today's catalogue, new factor
    weights and the person's own cost inputs. The stored result itself
    never changes."""
    snapshot = current_snapshot()
    if costs is not None and costs.any:
        prepared, settings = snapshot.with_costs(costs)
    else:
        prepared, settings = snapshot.prepared, snapshot.settings
    return engine.recommend(result.answers, prepared, settings, overrides)
