"""Every rule, threshold, constraint and cost assumption as JSON types,
for the method page: rendered from the engine's own tables, so the page
cannot drift from what the engine does."""

from __future__ import annotations

import dataclasses
from typing import Any

from .factors import (
    FACTORS,
    FACTORS_BY_QUESTION,
    HARD_CONSTRAINTS,
    IMPORTANCE_RULES,
    MUST_HAVES,
    OPTION_RULES,
    RATIONALE,
)
from .factors import capability as capability_factor
from .factors import cost as cost_factor
from .questions import QUESTIONS
from .rules import CONFIDENCE_RULE, ENGINE_VERSION, FIT_COMPONENTS
from .settings import (
    BUDGET_CAPS_USD,
    CURVE_MAX_TOKENS,
    CURVE_MIN_TOKENS,
    CURVE_POINTS_PER_DECADE,
    DEFAULT_BUDGET_USD,
    DEFAULT_VOLUME_KEY,
    DEPRECATED_FIT_FACTOR,
    HYBRID_MIN_PER_SIDE,
    IMPORTANCE_WEIGHTS,
    SHORTLIST_SIZE,
    VERDICT_THRESHOLD,
    VOLUME_TOKENS,
)
from .types import EngineSettings


def method_rules(settings: EngineSettings | None = None) -> dict[str, Any]:
    """Every rule, threshold, constraint and cost assumption, as JSON types."""
    settings = settings or EngineSettings()
    return {
        "engine_version": ENGINE_VERSION,
        "factors": [
            {**dataclasses.asdict(factor), "rationale": RATIONALE[factor.key]} for factor in FACTORS
        ],
        "questions": [
            {
                "slug": question.slug,
                "section": question.section,
                "text": question.text,
                "keys": list(question.keys),
                "allows_unsure": question.allows_unsure,
                "importance": question.importance,
                "asked_if": None if question.asked_if is None else list(question.asked_if),
                "factors": list(question.factors),
                "unknown_means": question.unknown_means,
            }
            for question in QUESTIONS
        ],
        "option_rules": [
            {
                "question": slug,
                "option": key,
                "factor": feed.factor,
                "weight": feed.weight,
                "lean": feed.lean,
                "lean_from_catalogue": feed.lean is None,
                "reason": feed.reason,
            }
            for slug, options in OPTION_RULES.items()
            for key, feeds in options.items()
            for feed in feeds
        ],
        "importance_rules": [
            {
                "question": rule.question,
                "factor": rule.factor,
                "lean": rule.lean,
                "lean_from_catalogue": rule.lean is None,
                "weights": dict(IMPORTANCE_WEIGHTS),
            }
            for rule in IMPORTANCE_RULES.values()
        ],
        "combination": (
            "A factor's weight is the largest weight any of your answers gives "
            "it; its lean is the strongest pull towards open plus the strongest "
            "pull towards closed among those answers, so a second answer pulling "
            "the same way never weakens a factor (an average would: 'data must "
            "stay in the EU' beside 'the data is special-category' would halve "
            "data control), and one pulling the other way offsets it. 'I don't "
            "know' feeds nothing. A weight you set on the result page replaces "
            "the factor's weight."
        ),
        "catalogue_leans": {
            "cost": dict(cost_factor.CATALOGUE_LEAN),
            "capability": dict(capability_factor.CATALOGUE_LEAN),
        },
        "score": (
            "score = Σ weight × lean / Σ weight over the twelve factors, in "
            "[-1, +1]; 0 when no factor has weight. Each factor's contribution "
            "is weight × lean / Σ weight."
        ),
        "verdict": {
            "threshold": VERDICT_THRESHOLD,
            "rule": (
                f"Open when the score is at least +{VERDICT_THRESHOLD}, closed "
                f"when at most -{VERDICT_THRESHOLD}, hybrid in between. While a "
                "must-have of one side is active the verdict cannot be the other "
                "side: it becomes hybrid (so must-haves on both sides always give "
                "hybrid). If the verdict's side has no eligible model it falls "
                "back to the other side; a hybrid needs eligible models on both "
                "sides; if neither side has one the verdict is hybrid and says "
                "that nothing in the catalogue meets every constraint."
            ),
        },
        "must_haves": [
            {
                "key": must_have.key,
                "when": [list(pair) for pair in must_have.when],
                "side": must_have.side or "the more capable side in the catalogue",
                "lapses_if_weight_lowered": must_have.factor,
                "text": must_have.text,
            }
            for must_have in MUST_HAVES
        ],
        "hard_constraints": [
            {
                "key": constraint.key,
                "question": constraint.question,
                "options": list(constraint.options),
                "text": constraint.text,
            }
            for constraint in HARD_CONSTRAINTS
        ],
        "unsure_assumptions": {question.slug: question.unknown_means for question in QUESTIONS},
        "volumes_tokens_per_month": dict(VOLUME_TOKENS),
        "default_volume": DEFAULT_VOLUME_KEY,
        "budget_caps_usd": dict(BUDGET_CAPS_USD),
        "default_budget_usd": DEFAULT_BUDGET_USD,
        "cost_model": {
            "settings": {
                name: value
                for name, value in dataclasses.asdict(settings).items()
                if not isinstance(value, list | tuple)
            },
            "evidence": {
                "gpu_prices": [dataclasses.asdict(price) for price in settings.gpu_prices],
                "throughput": [dataclasses.asdict(row) for row in settings.throughput],
            },
            "api": (
                "monthly cost = tokens / 1 M × (input share × input price + "
                "(1 - input share) × output price), per offer; a model's cost is "
                "its cheapest offer that meets your needs."
            ),
            "self_hosted": (
                "Per GPU type with a curated price and throughput measured for the "
                "model's size class (by active parameters): memory per replica = "
                "weights at the model's native precision × 1.1 + KV cache for "
                "the stated concurrency × context (20% headroom on the weights "
                "when the architecture is not known); GPUs per replica = the "
                "smallest valid tensor-parallel size that holds it (1, 2, 4, 8, "
                "then whole nodes of 8); replica capacity = output tokens/s per "
                "GPU measured at an interactive latency (rows measured at maximum "
                "rate count at the interactive share; other precisions scaled by "
                "bytes per parameter) × GPUs × seconds a month ÷ output share of "
                "the traffic ÷ peak factor; replicas = ceil(monthly tokens / "
                "capacity); monthly cost = replicas × GPUs × median hourly price "
                "× hours + operations labour (engineer share × loaded cost); the "
                "cheapest GPU type at the volume is used. Band: cheapest and "
                "dearest listed price with highest and lowest measured rate. "
                "Vendor-supported self-hosting adds the subscription per GPU and "
                "year, and two replicas when an SLA is needed. A size class with "
                "no evidence falls back to the rule of thumb: one 80 GB GPU "
                "serves 18 M tokens an hour of an 8 B model, scaled by GPUs and "
                "inversely by active parameters. Unknown parameter count: no "
                "estimate."
            ),
            "break_even": (
                "Solved, not sampled: with API price p per token and, per GPU "
                "plan, replica cost R, capacity C and fixed labour F, "
                "self-hosting first costs no more than the API at (n R + F) / p "
                "tokens a month for the smallest n with n (p C - R) >= F; if "
                "p C <= R a replica never pays for itself and that plan has no "
                "break-even. The earliest over the plans is shown."
            ),
            "curve": {
                "min_tokens": CURVE_MIN_TOKENS,
                "max_tokens": CURVE_MAX_TOKENS,
                "points_per_decade": CURVE_POINTS_PER_DECADE,
            },
        },
        "shortlist": {
            "size": SHORTLIST_SIZE,
            "hybrid_min_per_side": HYBRID_MIN_PER_SIDE,
            "deprecated_fit_factor": DEPRECATED_FIT_FACTOR,
            "fit_components": [
                {"component": name, "weight": weight, "value": value}
                for name, weight, value in FIT_COMPONENTS
            ],
            "rule": (
                "Only eligible models. Fit is a weighted mean of: agreement of "
                "the model's openness with the score (weight 3), capability "
                "score (1 + capability weight), cost against the cheapest "
                "eligible option on a log scale (1 + cost weight), support level "
                "when you asked for vendor support, fit of the deployment with "
                "your in-house expertise, fine-tuning when you want to fine-tune "
                "or modify, and the way you prefer to pay. Ties are broken by "
                "slug. A hybrid verdict lists at least two models of each side "
                "where there are."
            ),
        },
        "confidence": CONFIDENCE_RULE,
        "sensitivity": (
            "Every question is tried with every other key (including 'I don't "
            "know'), one change at a time, with everything else kept; each "
            "change that changes the verdict is listed."
        ),
        "questions_by_factor": {
            factor.key: sorted(
                slug for slug, factors in FACTORS_BY_QUESTION.items() if factor.key in factors
            )
            for factor in FACTORS
        },
    }
