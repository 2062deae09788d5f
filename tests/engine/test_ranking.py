"""The ranking works out each fit once and sorts only the models that can be
among the best of a side; it must pick exactly what sorting every eligible
model by fit (then slug) picks. The ranking works the fits out over the
pass's columns, `fit_of` one model at a time: they must agree to the bit."""

from __future__ import annotations

import heapq

from hypothesis import given
from hypothesis import strategies as st

from apps.recommendations.engine import EngineSettings
from apps.recommendations.engine.constraints import prepare, requirements_from
from apps.recommendations.engine.eligibility import assess_split
from apps.recommendations.engine.questions import resolve_answers
from apps.recommendations.engine.settings import SHORTLIST_SIZE
from apps.recommendations.engine.shortlist import FitContext, fit_of, rank

from .strategies import ENGINE_SETTINGS, answer_sets, catalogues

SETTINGS = EngineSettings()


@ENGINE_SETTINGS
@given(
    answers=answer_sets,
    catalogue=catalogues(),
    score=st.sampled_from([-1.0, -0.3, 0.0, 0.3, 1.0]),
    capability_floor=st.sampled_from([None, {"open": 60.0}, {"open": 40.0, "closed": 70.0}]),
)
def test_the_ranking_picks_what_sorting_every_eligible_model_picks(
    answers, catalogue, score, capability_floor
):
    resolved = resolve_answers(answers)
    requirements = requirements_from(resolved)
    eligible, _excluded = assess_split(prepare(catalogue, SETTINGS), requirements, SETTINGS)
    costs = [a.monthly_cost_usd for a in eligible if a.monthly_cost_usd is not None]
    context = FitContext(
        score=score,
        verdict="hybrid",
        capability_weight=1,
        cost_weight=2,
        cheapest_cost_usd=min(costs, default=None),
        budget_usd=requirements.budget_usd,
        monthly_tokens=requirements.monthly_tokens,
        support=resolved["support"],
        expertise=resolved["expertise"],
        customisation=resolved["customisation"],
        cost_model=resolved["cost_model"],
        no_training_on_data=requirements.no_training_on_data,
        settings=SETTINGS,
        capability_floor=capability_floor,
    )

    ranking = rank(eligible, context)

    every = sorted((-fit_of(a, context), a.facts.model.slug) for a in eligible)
    for side in ("open", "closed"):
        expected = [item for item in every if _side(eligible, item[1]) == side]
        assert [(r.order, r.slug) for r in ranking.top[side]] == expected[:SHORTLIST_SIZE]
    with_api = [(-fit_of(a, context), a.facts.model.slug) for a in eligible if a.best_api]
    best_api = heapq.nsmallest(1, with_api)
    assert [(r.order, r.slug) for r in filter(None, [ranking.best_api])] == best_api
    self_hosted = [
        (-fit_of(a, context), a.facts.model.slug)
        for a in eligible
        if a.self_hosting_cost_usd is not None
    ]
    best_self = heapq.nsmallest(1, self_hosted)
    assert [(r.order, r.slug) for r in filter(None, [ranking.best_self_hosted])] == best_self


def _side(eligible, slug):
    return next(a.facts.side for a in eligible if a.facts.model.slug == slug)
