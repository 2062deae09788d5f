"""`recommend`: answers and a catalogue snapshot in, a `Recommendation` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .constraints import Requirements, active_constraints
from .cost_comparison import compare_costs
from .eligibility import Assessment, assess_split
from .explain import (
    assumptions_of,
    confidence_of,
    factor_explanation,
    verdict_reasons,
)
from .factors import FACTOR_KEYS, ROUTE_RULES
from .index import PreparedCatalogue
from .plan import hybrid_plan
from .questions import QUESTIONS_BY_SLUG, UNSURE, is_asked, resolve_answers, validate_answers
from .rules import ENGINE_VERSION, RELAXATIONS, ROUTE_WORDS
from .scoring import Decision, contribution_of, decide, single_changes
from .settings import CAPABILITY_TOP_BAND_POINTS, MAX_RELAXATIONS, MAX_WEIGHT
from .shortlist import FitContext, Ranked, Ranking, rank, select, shortlist_item
from .types import (
    Answers,
    CatalogueModel,
    EngineSettings,
    ExcludedModel,
    FactorResult,
    Flip,
    Recommendation,
    Relaxation,
    RemovedRoutes,
    WeightOverride,
)

DEFAULT_SETTINGS = EngineSettings()
ASSESSED_KEPT = 8
"""Passes over the catalogue kept per prepared catalogue (one per set of needs)."""


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


def is_fragile(flip: Flip) -> bool:
    """A flip that says the verdict rests on a guess or a fine judgement: the
    answer was ``unsure``, or an importance moved by one step. (Answering a
    new must-have, or a hard constraint that leaves nothing, changes the
    situation rather than exposing a fragile weighing.)"""
    if flip.new_verdict == "none":
        return False
    if flip.from_key == UNSURE:
        return True
    question = QUESTIONS_BY_SLUG[flip.question]
    if not question.importance or UNSURE in (flip.from_key, flip.to_key):
        return False
    keys = question.option_keys
    return abs(keys.index(flip.to_key) - keys.index(flip.from_key)) == 1


class _Outcome(NamedTuple):
    """One pass of the pipeline for resolved answers: the decision, then the
    eligible (model, route) pairs ranked, then the shortlist."""

    decision: Decision
    eligible: list[Assessment]
    excluded: list[ExcludedModel]
    context: FitContext
    ranking: Ranking
    chosen: list[Ranked]


def _outcome(
    resolved: Mapping[str, str],
    prepared: PreparedCatalogue,
    overrides: Mapping[str, int],
    settings: EngineSettings,
) -> _Outcome:
    decision = decide(resolved, prepared.index, overrides)
    requirements = decision.requirements
    eligible, excluded = _assessed(prepared, requirements, settings)

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
        no_training_on_data=requirements.terms_needed,
        settings=settings,
        sla=requirements.sla,
        region=requirements.region,
        capability_floor=_capability_floor(resolved, decision),
    )
    ranking = rank(eligible, context)
    return _Outcome(
        decision, eligible, excluded, context, ranking, select(ranking, decision.verdict)
    )


def _assessed(
    prepared: PreparedCatalogue, requirements: Requirements, settings: EngineSettings
) -> tuple[list[Assessment], list[ExcludedModel]]:
    """Every model against the requirements. They depend on no weight, so
    "adjust the weights" (and a second request with the same needs) reuses
    the last few passes kept on the prepared catalogue."""
    with prepared.lock:
        cached = prepared.assessed.get(requirements)
        if cached is not None:
            prepared.assessed.move_to_end(requirements)
            return cached
    eligible, excluded = assess_split(prepared.facts, requirements, settings, prepared.cache)
    with prepared.lock:
        prepared.assessed[requirements] = (eligible, excluded)
        while len(prepared.assessed) > ASSESSED_KEPT:
            prepared.assessed.popitem(last=False)
    return eligible, excluded


def _capability_floor(resolved: Mapping[str, str], decision: Decision) -> dict[str, float] | None:
    """With the most capable models a must-have (and its weight not lowered),
    per side the lowest score still in the top band of that side's eligible
    models."""
    weight = next(state.weight for state in decision.factors if state.key == "capability")
    if resolved["capability_need"] != "critical" or weight < MAX_WEIGHT:
        return None
    return {
        side: summary.best_capability - CAPABILITY_TOP_BAND_POINTS
        for side, summary in decision.sides.items()
        if summary.best_capability is not None
    }


def _relaxations(
    resolved: Mapping[str, str],
    prepared: PreparedCatalogue,
    overrides: Mapping[str, int],
    settings: EngineSettings,
) -> tuple[Relaxation, ...]:
    """The smallest answer changes that would give a shortlist: every single
    loosening that works; only when none does, pairs of them."""
    singles = [
        (slug, resolved[slug], key)
        for slug, looser in RELAXATIONS.items()
        for key in looser.get(resolved[slug], ())
    ]

    def works(changes: tuple[tuple[str, str, str], ...]) -> bool:
        changed = dict(resolved)
        changed.update({slug: key for slug, _from, key in changes})
        return not decide(changed, prepared.index, overrides).nothing_eligible

    found: list[tuple[tuple[str, str, str], ...]] = [
        (change,) for change in singles if works((change,))
    ]
    # Of one question, only its smallest loosening that works.
    found = [
        changes
        for position, changes in enumerate(found)
        if all(changes[0][0] != earlier[0][0] for earlier in found[:position])
    ]
    if not found:
        found = [
            (first, second)
            for position, first in enumerate(singles)
            for second in singles[position + 1 :]
            if first[0] != second[0] and works((first, second))
        ]
    relaxations = []
    for changes in found[:MAX_RELAXATIONS]:
        changed = dict(resolved)
        changed.update({slug: key for slug, _from, key in changes})
        outcome = _outcome(changed, prepared, overrides, settings)
        top = outcome.chosen[0].assessment if outcome.chosen else None
        top_pick = ""
        if top is not None:
            offer = top.deployment_offer
            route = "self_hosted" if offer is None else offer.route
            top_pick = f"{top.facts.model.name}, {ROUTE_WORDS[route]}"
        relaxations.append(
            Relaxation(
                changes=changes,
                verdict=outcome.decision.verdict,
                eligible=len(outcome.eligible),
                top_pick=top_pick,
            )
        )
    return tuple(relaxations)


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

    The pipeline: answers → requirements → decision (factor states, score,
    verdict; `scoring.decide`) → eligible (model, route) pairs with their
    costs (`eligibility.assess_split`) → ranking and shortlist → explanation.
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

    outcome = _outcome(resolved, prepared, overrides, settings)
    decision, context = outcome.decision, outcome.context
    requirements = decision.requirements
    shortlist = tuple(shortlist_item(item, context) for item in outcome.chosen)

    unknown_answers = sum(
        1 for slug in resolved if is_asked(slug, resolved) and answers.get(slug, UNSURE) == UNSURE
    )
    flips = tuple(
        Flip(
            question=change.question,
            from_key=change.from_key,
            to_key=change.to_key,
            new_verdict=change.decision.verdict,
            new_score=change.decision.score,
        )
        for change in single_changes(resolved, prepared.index, overrides, decision)
    )
    plan, close_call = hybrid_plan(decision, outcome.ranking)
    top = outcome.chosen[0].assessment.facts.model if outcome.chosen else None
    stale_top = top is not None and top.facts_stale
    reasons = verdict_reasons(decision)
    if top is not None and stale_top:
        reasons += (
            f"The facts behind the top pick, {top.name}, are over 180 days old and not "
            "re-verified since: check its prices and terms before deciding.",
        )
    return Recommendation(
        engine_version=ENGINE_VERSION,
        score=decision.score,
        verdict=decision.verdict,
        confidence=confidence_of(decision, unknown_answers, sum(map(is_fragile, flips)), stale_top),
        verdict_reasons=reasons,
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
        excluded=tuple(outcome.excluded),
        shortlist=shortlist,
        costs=compare_costs(outcome.ranking, requirements.monthly_tokens, settings),
        assumptions=assumptions_of(answers),
        sensitivity=flips,
        constraints=active_constraints(resolved),
        weight_overrides=tuple(
            WeightOverride(state.key, state.weight, state.answer_weight)
            for state in decision.factors
            if state.key in overrides
        ),
        removed_routes=tuple(
            RemovedRoutes(ROUTE_RULES[key], count)
            for key, count in prepared.removed_routes(requirements).items()
        ),
        relaxations=(
            _relaxations(resolved, prepared, overrides, settings)
            if decision.verdict == "none"
            else ()
        ),
        plan=plan,
        close_call=close_call,
    )
