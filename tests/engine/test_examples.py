"""The source article's reasoning, as worked examples over a small catalogue."""

from __future__ import annotations

import pytest

from apps.recommendations.engine import EngineSettings, InvalidAnswersError, recommend
from apps.recommendations.engine.costs import (
    api_monthly_cost,
    self_hosted_monthly_cost,
    self_hosting_plan,
)
from tests.profiles import CLEAR_CLOSED_ENTERPRISE

from .factories import closed_model, offer, open_model

OWN_SERVERS_WITH_ML_TEAM = {
    "data_sensitivity": "special",
    "data_location": "own_infrastructure",
    "expertise": "team",
    "commercial_use": "yes",
}
SMALL_TEAM_NEEDING_SLA_AND_FRONTIER = {
    "organisation": "startup",
    "use_case": "assistant",
    "expertise": "none",
    "support": "sla",
    "capability_need": "critical",
    "commercial_use": "yes",
}


def test_team_keeping_special_category_data_on_its_own_servers_with_an_ml_team_gets_open(
    catalogue,
):
    result = recommend(OWN_SERVERS_WITH_ML_TEAM, catalogue)
    assert result.verdict == "open"
    assert result.score >= 0.15
    assert result.shortlist
    assert all(i.side == "open" and i.deployment == "self_hosted" for i in result.shortlist)
    assert "Only open models in the catalogue meet your hard constraints." in result.verdict_reasons
    factors = {factor.key: factor for factor in result.factors}
    assert factors["data_control"].weight == 3 and factors["data_control"].lean == 1.0
    assert factors["data_control"].fed_by == ("data_sensitivity", "data_location")
    assert factors["support_gap"].lean == 1.0


def test_small_team_without_ml_staff_needing_an_sla_and_frontier_capability_gets_closed(
    catalogue,
):
    result = recommend(SMALL_TEAM_NEEDING_SLA_AND_FRONTIER, catalogue)
    assert result.verdict == "closed"
    assert result.score <= -0.15
    assert [item.side for item in result.shortlist] == ["closed"] * len(result.shortlist)
    assert result.shortlist[0].slug in {"gpt-6-astra", "claude-sonnet-5.5"}
    assert {item.host_name for item in result.shortlist} <= {"OpenAI", "Amazon Bedrock"}
    capability = next(f for f in result.factors if f.key == "capability")
    assert capability.weight == 3 and capability.lean == -1.0


def test_own_servers_without_ml_staff_but_with_an_sla_fit_nothing_and_say_what_would(catalogue):
    answers = {
        "data_location": "own_infrastructure",
        "expertise": "none",
        "support": "sla",
        "commercial_use": "yes",
    }
    result = recommend(answers, catalogue)
    assert result.verdict == "none"
    assert result.shortlist == ()
    assert any("must-haves pull in opposite directions" in r for r in result.verdict_reasons)
    assert any("there is no recommendation" in r for r in result.verdict_reasons)
    assert result.confidence == "low"
    assert result.relaxations
    assert all(relaxation.eligible > 0 for relaxation in result.relaxations)


def test_conflicting_must_haves_with_models_on_both_sides_shortlist_both_sides(catalogue):
    answers = {"auditability": "critical", "expertise": "none", "support": "sla"}
    result = recommend(answers, catalogue)
    assert result.verdict == "hybrid"
    assert {item.side for item in result.shortlist} == {"open", "closed"}
    vendor_supported_open = [i for i in result.shortlist if i.side == "open"]
    assert [(i.slug, i.host_name) for i in vendor_supported_open] == [("llama-3.1-8b", "Azure")]


CLOSED_LEAN_WITH_AN_OPEN_MUST_HAVE = {
    **SMALL_TEAM_NEEDING_SLA_AND_FRONTIER,
    "support": "business",
    "capability_need": "high",
    "lock_in": "critical",
}


def test_a_closed_lean_blocked_by_an_open_must_have_becomes_hybrid(catalogue):
    result = recommend(CLOSED_LEAN_WITH_AN_OPEN_MUST_HAVE, catalogue)
    assert result.score <= -0.15
    assert result.verdict == "hybrid"
    assert any(
        r.startswith("But avoiding dependence on one vendor") for r in result.verdict_reasons
    )


def test_unsure_and_missing_answers_are_listed_as_assumptions(catalogue):
    result = recommend(
        {"monthly_volume": "unsure", "budget": "unsure", "expertise": "team"}, catalogue
    )
    assumptions = {a.question: a.text for a in result.assumptions}
    assert assumptions["monthly_volume"].startswith(
        "Monthly volume unknown: every cost is estimated at 100 M"
    )
    assert (
        assumptions["budget"]
        == "Budget unknown: no cap was applied, so no model was excluded on cost."
    )
    assert assumptions["use_case"].startswith("Not answered. ")
    assert assumptions["commercial_use"].startswith("Commercial use not answered")
    assert "expertise" not in assumptions
    assert len(result.assumptions) == 17
    assert result.costs.monthly_tokens == 100_000_000.0


def test_nothing_answered_is_a_neutral_hybrid_with_every_question_an_assumption(catalogue):
    result = recommend({}, catalogue)
    assert result.score == 0.0 and result.verdict == "hybrid" and result.confidence == "low"
    assert len(result.assumptions) == 18
    assert all(f.weight == 0 for f in result.factors)


def test_a_verdict_never_points_at_a_side_without_an_eligible_model(catalogue):
    answers = {**SMALL_TEAM_NEEDING_SLA_AND_FRONTIER, "redistribution": "yes"}
    result = recommend(answers, catalogue)
    assert result.score <= -0.15  # the answers lean closed …
    assert result.verdict == "open"  # … but no closed model can ship its weights
    assert (
        "No closed model in the catalogue meets your hard constraints, so the recommendation "
        "is open." in result.verdict_reasons
    )
    assert all(item.side == "open" for item in result.shortlist)


def test_break_even_volume_is_where_the_two_cost_lines_cross():
    api = closed_model("api", offers=(offer(input_price_per_mtok=2.0, output_price_per_mtok=8.0),))
    weights = open_model("weights", parameters_total_b=8.0)
    result = recommend({"monthly_volume": "medium"}, (api, weights))
    costs = result.costs
    assert costs.best_api is not None and costs.best_api.slug == "api"
    assert costs.best_self_hosted is not None and costs.best_self_hosted.slug == "weights"
    tokens = costs.break_even_tokens
    assert tokens is not None
    plan = self_hosting_plan(weights, EngineSettings())
    assert plan is not None
    assert api_monthly_cost(3.5, tokens) == pytest.approx(self_hosted_monthly_cost(plan, tokens))
    below = [p for p in costs.curve if p.monthly_tokens < tokens]
    above = [p for p in costs.curve if tokens < p.monthly_tokens <= plan.replica_tokens_per_month]
    assert below and above
    assert all(p.api_cost_usd < p.self_hosted_cost_usd for p in below)
    assert all(p.api_cost_usd > p.self_hosted_cost_usd for p in above)
    assert "The lines cross at about 521 M tokens a month" in costs.explanation


def test_cheap_hosted_open_models_never_break_even_against_self_hosting(catalogue):
    result = recommend({"monthly_volume": "low", "cost_model": "pay_per_use"}, catalogue)
    assert result.costs.best_api is not None and result.costs.best_self_hosted is not None
    assert result.costs.break_even_tokens is None
    assert "Self-hosting never gets cheaper" in result.costs.explanation


def test_sensitivity_lists_single_answer_changes_that_really_flip_the_verdict(catalogue):
    answers = {**SMALL_TEAM_NEEDING_SLA_AND_FRONTIER}
    result = recommend(answers, catalogue)
    assert result.sensitivity
    for flip in result.sensitivity:
        changed = {**answers, flip.question: flip.to_key}
        again = recommend(changed, catalogue)
        assert again.verdict == flip.new_verdict != result.verdict
        assert again.score == flip.new_score
    assert ("redistribution", "no", "yes", "open") in {
        (f.question, f.from_key, f.to_key, f.new_verdict) for f in result.sensitivity
    }


def test_shortlist_lists_licence_obligations_and_costs(catalogue):
    result = recommend({"data_location": "own_infrastructure", "expertise": "team"}, catalogue)
    llama = next(item for item in result.shortlist if item.slug == "llama-3.1-8b")
    assert llama.obligations == (
        "Attribution required: keep the Llama 3.1 Community Licence notices.",
        "An acceptable-use policy applies.",
        "A separate licence is needed above 700,000,000 monthly active users.",
        'Display "Built with Llama".',
    )
    assert llama.monthly_cost_usd == 1825.0
    assert llama.cost_basis == "self-hosted: 1 × GPU at $2.50/h × 730 h"
    assert llama.reasons[0].startswith("Open weights under Llama 3.1 Community Licence")


def test_shortlist_names_the_api_offer_it_prices(catalogue):
    result = recommend(
        {"use_case": "assistant", "support": "business", "expertise": "none"}, catalogue
    )
    assert result.verdict == "closed"
    gemini = next(item for item in result.shortlist if item.slug == "gemini-3.1-flash-lite")
    assert gemini.cost_basis == "Google API at $0.25/$1.50 per M tokens (75% input)"
    assert gemini.monthly_cost_usd == pytest.approx(56.25)


def test_shortlist_holds_at_most_five_models_best_fit_first(catalogue):
    result = recommend({"expertise": "team", "lock_in": "high"}, catalogue)
    fits = [item.fit for item in result.shortlist]
    assert len(fits) == 5 and fits == sorted(fits, reverse=True)


def test_deprecated_models_are_allowed_but_rank_below_an_identical_active_one():
    active = closed_model("b-active")
    deprecated = closed_model("a-deprecated", status="deprecated")
    result = recommend({"standardisation": "high"}, (active, deprecated))
    assert [item.slug for item in result.shortlist] == ["b-active", "a-deprecated"]
    assert "Deprecated by its provider: plan a migration" in result.shortlist[1].reasons


def test_equal_fits_are_ordered_by_slug():
    twins = tuple(closed_model(slug) for slug in ("c-twin", "a-twin", "b-twin"))
    result = recommend({"standardisation": "high"}, twins)
    assert [item.slug for item in result.shortlist] == ["a-twin", "b-twin", "c-twin"]


def test_weight_overrides_replace_the_answers_weight_and_are_reported(catalogue):
    answers = {"auditability": "low", "standardisation": "high"}
    plain = recommend(answers, catalogue)
    adjusted = recommend(answers, catalogue, weight_overrides={"transparency": 3})
    transparency = next(f for f in adjusted.factors if f.key == "transparency")
    assert transparency.weight == 3
    assert "You set its weight to 3; your answers gave 1." in transparency.explanation
    assert [(o.factor, o.weight, o.answer_weight) for o in adjusted.weight_overrides] == [
        ("transparency", 3, 1)
    ]
    assert adjusted.score > plain.score
    assert plain.weight_overrides == ()


def test_lowering_a_critical_importance_on_the_result_page_lifts_its_must_have(catalogue):
    answers = CLOSED_LEAN_WITH_AN_OPEN_MUST_HAVE
    assert recommend(answers, catalogue).verdict == "hybrid"
    lowered = recommend(answers, catalogue, weight_overrides={"independence": 2})
    assert lowered.verdict == "closed"


def test_cost_lean_comes_from_the_cheapest_eligible_option_on_each_side():
    cheap_open = open_model(
        "cheap-open", offers=(offer(input_price_per_mtok=0.1, output_price_per_mtok=0.1),)
    )
    dear_closed = closed_model(
        "dear-closed", offers=(offer(input_price_per_mtok=1.0, output_price_per_mtok=1.0),)
    )
    # At 100 M tokens: $10 against $100 a month. On a $100 budget the $90
    # difference is 90% of it: the full lean. On a $1k budget, 9%: 0.09 / 0.25.
    result = recommend({"budget": "minimal"}, (cheap_open, dear_closed))
    cost = next(f for f in result.factors if f.key == "cost")
    assert cost.lean == 1.0 and cost.weight == 3
    small = recommend({"budget": "small"}, (cheap_open, dear_closed))
    assert next(f for f in small.factors if f.key == "cost").lean == pytest.approx(0.36)
    # No budget: relative to the dearer option, 90% cheaper is the full lean.
    unlimited = recommend({"budget": "unlimited", "cost_model": "fixed"}, (cheap_open, dear_closed))
    assert next(f for f in unlimited.factors if f.key == "cost").lean == 1.0
    near = closed_model(
        "near", offers=(offer(input_price_per_mtok=0.105, output_price_per_mtok=0.105),)
    )
    even = recommend({"budget": "minimal"}, (cheap_open, near))  # $0.50 of $100
    assert next(f for f in even.factors if f.key == "cost").lean == 0.0


def test_capability_lean_comes_from_the_best_eligible_scores():
    strong_open = open_model("strong-open", capability_score=90.0)
    weak_closed = closed_model("weak-closed", capability_score=70.0)
    result = recommend({"capability_need": "high"}, (strong_open, weak_closed))
    capability = next(f for f in result.factors if f.key == "capability")
    assert capability.lean == 1.0 and capability.weight == 2
    assert "scores 90/100 and the most capable closed one 70/100" in capability.explanation


def test_invalid_answers_are_rejected_with_their_errors(catalogue):
    with pytest.raises(InvalidAnswersError) as raised:
        recommend({"budget": "enormous", "colour": "blue"}, catalogue)
    assert set(raised.value.errors) == {"budget", "colour"}


@pytest.mark.parametrize("overrides", [{"charm": 2}, {"cost": 4}, {"cost": -1}, {"cost": True}])
def test_invalid_weight_overrides_are_rejected(catalogue, overrides):
    with pytest.raises(ValueError):
        recommend({}, catalogue, weight_overrides=overrides)


def test_a_catalogue_holding_a_slug_twice_is_rejected():
    with pytest.raises(ValueError):
        recommend({}, (open_model("same"), closed_model("same")))


def test_confidence_is_high_for_a_clear_verdict_with_few_unknowns(catalogue):
    answers = CLEAR_CLOSED_ENTERPRISE
    result = recommend(answers, catalogue)
    assert result.verdict == "closed" and result.confidence == "high"
    assert result.assumptions == ()
    near = recommend({**answers, "auditability": "critical", "lock_in": "high"}, catalogue)
    assert near.verdict == "hybrid" and near.confidence != "high"


def test_catalogue_values_checked_in_bulk_are_checked_once_per_distinct_value():
    from apps.recommendations.engine import Offer, check_columns, checked_in_bulk

    check_columns(Offer, {"kind": ["vendor_api", "vendor_api"], "output_price_per_mtok": [1.0]})
    with pytest.raises(ValueError, match="kind"):
        check_columns(Offer, {"kind": ["vendor_api", "carrier_pigeon"]})
    with checked_in_bulk():
        unchecked = Offer(kind="carrier_pigeon", host_name="x", input_price_per_mtok=None,
                          output_price_per_mtok=None)  # fmt: skip
    assert unchecked.kind == "carrier_pigeon"
    with pytest.raises(ValueError):  # outside the block, the constructor checks again
        Offer(kind="carrier_pigeon", host_name="x", input_price_per_mtok=None,
              output_price_per_mtok=None)  # fmt: skip


def test_a_shortlisted_models_estimated_capability_score_is_called_an_estimate():
    """An index's own estimate for a model it no longer runs is on the same
    scale and counts, but the reasons never pass it off as a measurement."""
    estimated = open_model("old-open", capability_score=95.0, capability_estimated=True)
    measured = open_model("new-open", capability_score=95.0)
    result = recommend({"capability_need": "high"}, (estimated, measured))
    reasons = {item.slug: " ".join(item.reasons) for item in result.shortlist}
    assert (
        "Capability score 95/100 (the index's estimate, not a measured run)" in reasons["old-open"]
    )
    assert "Capability score 95/100" in reasons["new-open"]
    assert "estimate" not in reasons["new-open"]
