"""Properties that hold for every answer set and every catalogue."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from apps.recommendations.engine import (
    FACTOR_KEYS,
    IMPORTANCE_KEYS,
    QUESTIONS,
    UNSURE,
    EngineSettings,
    Recommendation,
    prepare_catalogue,
    recommend,
)
from apps.recommendations.engine.constraints import prepare, requirements_from
from apps.recommendations.engine.eligibility import Assessment, assess
from apps.recommendations.engine.questions import resolve_answers
from apps.recommendations.engine.rules import FIT_COMPONENTS
from apps.recommendations.engine.shortlist import FitContext, fit_of, fit_parts

from . import oracle
from .factories import article_catalogue, closed_model, offer, open_model
from .strategies import (
    ENGINE_SETTINGS,
    STRONGLY_CLOSED,
    STRONGLY_OPEN,
    answer_sets,
    catalogues,
    weight_overrides,
)

# Open a little more capable than closed.
CLOSE_CALL = (
    open_model("open-a", capability_score=66.0),
    closed_model("closed-a", capability_score=60.0),
)
# Open 2% cheaper than closed: a lean that small would sit inside the verdict
# band, so more weight on cost could drag an open verdict to hybrid.
NEAR_TIE = (
    open_model("open-b", offers=(offer(input_price_per_mtok=0.98, output_price_per_mtok=0.98),)),
    closed_model("closed-b", offers=(offer(input_price_per_mtok=1.0, output_price_per_mtok=1.0),)),
)

SETTINGS = EngineSettings()
# "none" depends only on the hard constraints, never on an importance or a
# weight, so it never changes along the monotonicity tests' sequences.
RANK = {"closed": -1, "hybrid": 0, "none": 0, "open": 1}
EPSILON = 1e-9


def factor(result: Recommendation, key: str):
    return next(item for item in result.factors if item.key == key)


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
def test_score_is_the_weighted_mean_of_leans_and_stays_within_minus_one_and_one(
    answers, catalogue, overrides
):
    result = recommend(answers, catalogue, weight_overrides=overrides)
    assert -1.0 <= result.score <= 1.0
    assert [f.key for f in result.factors] == list(FACTOR_KEYS)
    total = sum(f.weight for f in result.factors)
    for item in result.factors:
        assert item.weight in (0, 1, 2, 3)
        assert -1.0 <= item.lean <= 1.0
        expected = item.weight * item.lean / total if total else 0.0
        assert item.contribution == pytest.approx(expected)
        assert item.weight == overrides.get(item.key, item.weight)
    assert result.score == pytest.approx(sum(f.contribution for f in result.factors), abs=1e-9)
    by_score = "open" if result.score >= 0.15 else "closed" if result.score <= -0.15 else "hybrid"
    if result.verdict != by_score:  # a must-have or the catalogue overruled the score
        explained = ("cannot be fully", "opposite directions", "in the catalogue")
        assert any(part in reason for reason in result.verdict_reasons for part in explained)


@ENGINE_SETTINGS
@given(
    answers=answer_sets,
    catalogue=catalogues(),
    question=st.sampled_from(["auditability", "lock_in"]),
    overrides=weight_overrides,
)
def test_raising_an_open_leaning_importance_never_moves_towards_closed(
    answers, catalogue, question, overrides
):
    overrides.pop({"auditability": "transparency", "lock_in": "independence"}[question], None)
    results = [
        recommend({**answers, question: level}, catalogue, weight_overrides=overrides)
        for level in IMPORTANCE_KEYS
    ]
    for lower, higher in pairwise(results):
        assert higher.score >= lower.score - EPSILON
        assert RANK[higher.verdict] >= RANK[lower.verdict]


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
def test_raising_standardisation_never_moves_towards_open(answers, catalogue, overrides):
    overrides.pop("standardisation", None)
    results = [
        recommend({**answers, "standardisation": level}, catalogue, weight_overrides=overrides)
        for level in IMPORTANCE_KEYS
    ]
    for lower, higher in pairwise(results):
        assert higher.score <= lower.score + EPSILON
        assert RANK[higher.verdict] <= RANK[lower.verdict]


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
@example(answers=STRONGLY_CLOSED, catalogue=article_catalogue(), overrides={})
@example(answers=STRONGLY_OPEN, catalogue=CLOSE_CALL, overrides={})
def test_raising_capability_need_moves_only_towards_the_more_capable_side(
    answers, catalogue, overrides
):
    overrides.pop("capability", None)
    results = [
        recommend({**answers, "capability_need": level}, catalogue, weight_overrides=overrides)
        for level in IMPORTANCE_KEYS
    ]
    leans = {factor(result, "capability").lean for result in results}
    assert len(leans) == 1  # the catalogue decides the lean, not the importance
    (lean,) = leans
    for lower, higher in pairwise(results):
        if lean == 0:
            assert higher.verdict == lower.verdict or higher.verdict == "hybrid"
            continue
        assert lean * (higher.score - lower.score) >= -EPSILON
        assert lean * (RANK[higher.verdict] - RANK[lower.verdict]) >= 0


@ENGINE_SETTINGS
@given(
    answers=answer_sets,
    catalogue=catalogues(),
    key=st.sampled_from(FACTOR_KEYS),
    overrides=weight_overrides,
)
@example(answers=STRONGLY_CLOSED, catalogue=article_catalogue(), key="capability", overrides={})
@example(answers=STRONGLY_OPEN, catalogue=CLOSE_CALL, key="capability", overrides={})
@example(answers=STRONGLY_OPEN, catalogue=CLOSE_CALL, key="cost", overrides={})
@example(answers=STRONGLY_CLOSED, catalogue=article_catalogue(), key="cost", overrides={})
@example(
    answers={"auditability": "low", "standardisation": "low"},
    catalogue=NEAR_TIE,
    key="cost",
    overrides={"transparency": 3, "standardisation": 2},
)
def test_raising_a_factors_weight_moves_the_score_towards_its_lean_and_never_the_verdict_against_it(
    answers, catalogue, key, overrides
):
    results = [
        recommend(answers, catalogue, weight_overrides={**overrides, key: weight})
        for weight in range(4)
    ]
    leans = {factor(result, key).lean for result in results}
    assert len(leans) == 1
    (lean,) = leans
    for lower, higher in pairwise(results):
        # The score is a weighted mean: more weight pulls it towards the lean.
        assert abs(higher.score - lean) <= abs(lower.score - lean) + EPSILON
        assert (higher.score - lower.score) * (lean - lower.score) >= -EPSILON
        if lean > 0:
            assert RANK[higher.verdict] >= RANK[lower.verdict]
        elif lean < 0:
            assert RANK[higher.verdict] <= RANK[lower.verdict]
        if abs(lean) == 1.0:
            assert lean * (higher.score - lower.score) >= -EPSILON


def violations(item, model, answers) -> list[str]:
    """Hard constraints a shortlisted model breaks, checked from scratch."""
    found = []
    if model.status == "retired":
        found.append("retired")
    if not oracle.licence_allowed(model, answers):
        found.append("licence")
    if item.route == "self_hosted":
        if not oracle.self_hosting_allowed(model, answers):
            found.append("self-hosting not allowed")
    else:
        kinds = {
            "vendor_api": ("vendor_api",),
            "hosted_api": ("cloud_marketplace", "third_party_host"),
            "supported_self_hosted": ("supported_self_hosting",),
        }[item.route]
        offers = [o for o in model.offers if o.host_name == item.host_name and o.kind in kinds]
        if not any(oracle.offer_allowed(o, answers) for o in offers):
            found.append("offer not allowed")
    cap = oracle.budget(answers)
    if cap is not None and (item.monthly_cost_usd is None or item.monthly_cost_usd > cap):
        found.append("over budget")
    return found


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(max_size=14))
def test_no_shortlisted_model_breaks_a_hard_constraint(answers, catalogue):
    result = recommend(answers, catalogue)
    models = {model.slug: model for model in catalogue}
    assert len(result.shortlist) <= 5
    assert len({item.slug for item in result.shortlist}) == len(result.shortlist)
    for item in result.shortlist:
        assert violations(item, models[item.slug], answers) == []
        assert item.side == models[item.slug].side


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(max_size=14))
def test_the_verdict_never_points_at_a_side_no_eligible_model_satisfies(answers, catalogue):
    result = recommend(answers, catalogue)
    eligible = [m for m in catalogue if oracle.eligible(m, answers, SETTINGS)]
    sides = {model.side for model in eligible}
    shortlisted = {item.side for item in result.shortlist}
    if result.verdict == "none":
        assert sides == set() and not result.shortlist
    elif result.verdict == "hybrid":
        assert sides == {"open", "closed"}
        assert shortlisted == sides
        for side in sides:
            available = sum(1 for m in eligible if m.side == side)
            assert sum(1 for i in result.shortlist if i.side == side) >= min(2, available)
    else:
        assert result.verdict in sides
        assert shortlisted == {result.verdict}
    if not sides:
        assert result.verdict == "none"
        assert any("no recommendation" in r for r in result.verdict_reasons)


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
def test_same_input_gives_the_same_recommendation_whatever_the_catalogue_order(
    answers, catalogue, overrides
):
    first = recommend(answers, catalogue, weight_overrides=overrides).to_dict()
    again = recommend(dict(answers), catalogue, weight_overrides=dict(overrides)).to_dict()
    reordered = recommend(
        dict(reversed(list(answers.items()))),
        tuple(reversed(catalogue)),
        weight_overrides=dict(reversed(list(overrides.items()))),
    ).to_dict()
    assert first == again == reordered


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
def test_a_prepared_catalogue_gives_the_same_recommendation(answers, catalogue, overrides):
    prepared = prepare_catalogue(catalogue)
    direct = recommend(answers, catalogue, weight_overrides=overrides)
    assert recommend(answers, prepared, weight_overrides=overrides) == direct
    assert recommend(answers, prepared, weight_overrides=overrides) == direct  # caches reused


def only_json_types(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_json_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(only_json_types(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), overrides=weight_overrides)
def test_to_dict_holds_only_json_types_and_from_dict_round_trips_exactly(
    answers, catalogue, overrides
):
    result = recommend(answers, catalogue, weight_overrides=overrides)
    data = result.to_dict()
    assert only_json_types(data)
    stored = json.loads(json.dumps(data, allow_nan=False))
    assert Recommendation.from_dict(stored) == result
    assert Recommendation.from_dict(stored).to_dict() == data


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues())
def test_assumptions_are_exactly_the_unsure_or_missing_answers(answers, catalogue):
    result = recommend(answers, catalogue)
    expected = [
        q.slug
        for q in QUESTIONS
        if answers.get(q.slug, UNSURE) == UNSURE
        # data_region is asked only when data must stay in one jurisdiction
        and (q.slug != "data_region" or answers.get("data_location") == "region")
    ]
    assert [a.question for a in result.assumptions] == expected


@settings(ENGINE_SETTINGS, max_examples=25)
@given(answers=answer_sets, catalogue=catalogues(max_size=6), overrides=weight_overrides)
def test_sensitivity_lists_exactly_the_single_changes_that_flip_the_verdict(
    answers, catalogue, overrides
):
    result = recommend(answers, catalogue, weight_overrides=overrides)
    resolved = resolve_answers(answers)
    expected = []
    for question in QUESTIONS:
        for key in question.keys:
            if key == resolved[question.slug]:
                continue
            # From the answers as the engine reads them: a question not asked
            # (data_region without data_location=region) counts as unsure,
            # also when the change would ask it.
            changed = recommend(
                {**resolved, question.slug: key}, catalogue, weight_overrides=overrides
            )
            if changed.verdict != result.verdict:
                expected.append(
                    (question.slug, resolved[question.slug], key, changed.verdict, changed.score)
                )
    listed = [
        (f.question, f.from_key, f.to_key, f.new_verdict, f.new_score) for f in result.sensitivity
    ]
    assert listed == expected


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(), score=st.floats(-1, 1))
def test_fit_is_the_weighted_mean_of_its_listed_components(answers, catalogue, score):
    resolved = resolve_answers(answers)
    requirements = requirements_from(resolved)
    for facts in prepare(catalogue, SETTINGS):
        assessment = assess(facts, requirements, SETTINGS)
        if not isinstance(assessment, Assessment):
            continue
        context = FitContext(
            score=score,
            verdict="hybrid",
            capability_weight=2,
            cost_weight=1,
            cheapest_cost_usd=assessment.monthly_cost_usd,
            budget_usd=requirements.budget_usd,
            monthly_tokens=requirements.monthly_tokens,
            support=resolved["support"],
            expertise=resolved["expertise"],
            customisation=resolved["customisation"],
            cost_model=resolved["cost_model"],
            no_training_on_data=requirements.no_training_on_data,
            settings=SETTINGS,
        )
        parts = fit_parts(assessment, context)
        mean = sum(w * v for w, v, _ in parts) / sum(w for w, _, _ in parts)
        if facts.model.status == "deprecated":
            mean *= 0.8
        assert fit_of(assessment, context) == pytest.approx(mean)
        assert all(0.0 <= v <= 1.0 for _, v, _ in parts)
        assert len(parts) <= len(FIT_COMPONENTS)


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(max_size=4))
def test_region_and_no_rush_strengthen_their_factors_never_weaken_them(answers, catalogue):
    def pull(changes, key):
        result = recommend({**answers, **changes}, catalogue)
        item = factor(result, key)
        return item.weight * item.lean

    assert (
        pull({"data_location": "region"}, "data_control")
        >= pull({"data_location": "anywhere"}, "data_control") - EPSILON
    )
    assert (
        pull({"time_to_market": "no_rush"}, "customisation")
        >= pull({"time_to_market": "months"}, "customisation") - EPSILON
    )
