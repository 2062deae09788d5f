"""`recommend`: answers and a catalogue snapshot in, a `Recommendation` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .constraints import Assessment, PreparedCatalogue, active_constraints, assess
from .explain import (
    assumptions_of,
    confidence_of,
    factor_explanation,
    verdict_reasons,
)
from .factors import FACTOR_KEYS
from .questions import UNSURE, resolve_answers, validate_answers
from .rules import ENGINE_VERSION, MAX_WEIGHT
from .scoring import contribution_of, decide, single_changes
from .shortlist import FitContext, compare_costs, rank, select, shortlist_item
from .types import (
    Answers,
    CatalogueModel,
    EngineSettings,
    ExcludedModel,
    FactorResult,
    Flip,
    Recommendation,
    WeightOverride,
)

DEFAULT_SETTINGS = EngineSettings()


def prepare_catalogue(
    catalogue: Sequence[CatalogueModel], settings: EngineSettings = DEFAULT_SETTINGS
) -> PreparedCatalogue:
    """Prepare a snapshot once to reuse it for many `recommend` calls."""
    return PreparedCatalogue(catalogue, settings)


class InvalidAnswersError(ValueError):
    """Unknown question slugs or option keys; ``errors`` maps slug to message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(f"invalid answers: {sorted(self.errors)}")


def checked_overrides(weight_overrides: Mapping[str, int] | None) -> dict[str, int]:
    overrides: dict[str, int] = {}
    for key, weight in (weight_overrides or {}).items():
        if key not in FACTOR_KEYS:
            raise ValueError(f"{key!r} is not a factor")
        if type(weight) is not int or not 0 <= weight <= MAX_WEIGHT:
            raise ValueError(f"the weight of {key!r} must be an integer from 0 to 3")
        overrides[key] = weight
    return overrides


def recommend(
    answers: Answers,
    catalogue: Sequence[CatalogueModel] | PreparedCatalogue,
    settings: EngineSettings = DEFAULT_SETTINGS,
    weight_overrides: Mapping[str, int] | None = None,
) -> Recommendation:
    """Weigh the answers against the catalogue.

    ``answers`` maps question slugs to option keys; missing questions count
    as ``unsure`` (``no`` for the licence questions). ``weight_overrides``
    maps factor keys to weights 0–3 that replace the answers' weights.
    ``catalogue`` may be a `PreparedCatalogue` from `prepare_catalogue`
    (with the same settings) to skip preparing it again.
    Raises `InvalidAnswersError` for unknown slugs or keys and `ValueError`
    for bad overrides or a catalogue holding a slug twice.
    """
    errors = validate_answers(answers)
    if errors:
        raise InvalidAnswersError(errors)
    overrides = checked_overrides(weight_overrides)
    resolved = resolve_answers(answers)
    if isinstance(catalogue, PreparedCatalogue):
        if catalogue.settings != settings:
            raise ValueError("the catalogue was prepared with other settings")
        prepared = catalogue
    else:
        prepared = PreparedCatalogue(catalogue, settings)
    facts, index = prepared.facts, prepared.index
    decision = decide(resolved, index, overrides)
    requirements = decision.requirements

    eligible: list[Assessment] = []
    excluded: list[ExcludedModel] = []
    for item in facts:
        result = assess(item, requirements, settings)
        if isinstance(result, Assessment):
            eligible.append(result)
        else:
            excluded.append(ExcludedModel(item.model.slug, item.model.name, result))
    excluded.sort(key=lambda entry: entry.slug)

    weights = {state.key: state.weight for state in decision.factors}
    known_costs = [
        summary.best_cost_usd
        for summary in decision.sides.values()
        if summary.best_cost_usd is not None
    ]
    context = FitContext(
        score=decision.score,
        verdict=decision.verdict,
        capability_weight=weights["capability"],
        cost_weight=weights["cost"],
        cheapest_cost_usd=min(known_costs, default=None),
        budget_usd=requirements.budget_usd,
        monthly_tokens=requirements.monthly_tokens,
        support=resolved["support"],
        expertise=resolved["expertise"],
        customisation=resolved["customisation"],
        cost_model=resolved["cost_model"],
        no_training_on_data=requirements.no_training_on_data,
        settings=settings,
    )
    ranking = rank(eligible, context)
    shortlist = tuple(shortlist_item(item, context) for item in select(ranking, decision.verdict))

    unknown_answers = sum(1 for slug in resolved if answers.get(slug, UNSURE) == UNSURE)
    flips = tuple(
        Flip(
            question=change.question,
            from_key=change.from_key,
            to_key=change.to_key,
            new_verdict=change.decision.verdict,
            new_score=change.decision.score,
        )
        for change in single_changes(resolved, index, overrides, decision)
    )
    return Recommendation(
        engine_version=ENGINE_VERSION,
        score=decision.score,
        verdict=decision.verdict,
        confidence=confidence_of(decision, unknown_answers),
        verdict_reasons=verdict_reasons(decision),
        factors=tuple(
            FactorResult(
                key=state.key,
                weight=state.weight,
                lean=state.lean,
                contribution=contribution_of(state, decision.factors),
                explanation=factor_explanation(state, decision.sides),
                fed_by=tuple(dict.fromkeys(slug for slug, _feed in state.feeds)),
            )
            for state in decision.factors
        ),
        excluded=tuple(excluded),
        shortlist=shortlist,
        costs=compare_costs(ranking, requirements.monthly_tokens, settings),
        assumptions=assumptions_of(answers),
        sensitivity=flips,
        constraints=active_constraints(resolved),
        weight_overrides=tuple(
            WeightOverride(state.key, state.weight, state.answer_weight)
            for state in decision.factors
            if state.key in overrides
        ),
    )
