from __future__ import annotations

import pytest
from hypothesis import given

from apps.recommendations.engine import EngineSettings, prepare_catalogue, recommend
from apps.recommendations.engine.constraints import prepare, requirements_from
from apps.recommendations.engine.eligibility import Assessment, assess
from apps.recommendations.engine.index import CatalogueIndex
from apps.recommendations.engine.questions import resolve_answers

from . import oracle
from .factories import CC_BY_NC, offer, open_model
from .strategies import ENGINE_SETTINGS, answer_sets, catalogues

SETTINGS = EngineSettings()


def reasons_for(recommendation, slug):
    return next(item.reasons for item in recommendation.excluded if item.slug == slug)


def excluded_slugs(recommendation):
    return {item.slug for item in recommendation.excluded}


def test_retired_models_are_excluded_even_without_answers(catalogue):
    result = recommend({}, catalogue)
    assert excluded_slugs(result) == {"mistral-large-2", "claude-2"}
    assert reasons_for(result, "claude-2") == (
        "Retired by its provider, so it is never recommended.",
    )


def test_commercial_use_excludes_licences_that_forbid_it(catalogue):
    result = recommend({"commercial_use": "yes"}, catalogue)
    assert {"command-r", "qwen2.5-3b"} <= excluded_slugs(result)
    assert reasons_for(result, "command-r") == (
        "Its licence (CC-BY-NC-4.0) does not allow commercial use.",
    )
    assert "You need commercial use: models whose licence forbids it are excluded." in (
        result.constraints
    )


def test_budget_excludes_models_whose_cheapest_way_to_run_costs_more(catalogue):
    result = recommend({"budget": "minimal", "monthly_volume": "high"}, catalogue)
    (reason,) = reasons_for(result, "gpt-6-astra")
    assert reason == (
        "Its cheapest way to run that meets your needs (OpenAI API at $10.00/$50.00 per M "
        "tokens (75% input)) costs about $40,000 a month at 2 B tokens, above your budget "
        "of $100."
    )
    for item in result.shortlist:
        assert item.monthly_cost_usd is not None and item.monthly_cost_usd <= 100


def test_with_a_budget_a_model_without_any_price_is_excluded():
    unpriced = open_model("mystery", parameters_total_b=None)
    result = recommend({"budget": "large"}, (unpriced,))
    assert reasons_for(result, "mystery") == (
        "No price is known for any way to run it that meets your needs, so it cannot be "
        "kept within your budget of $100,000.",
    )
    assert recommend({"budget": "unlimited"}, (unpriced,)).excluded == ()


def test_own_infrastructure_excludes_api_only_models(catalogue):
    result = recommend({"data_location": "own_infrastructure"}, catalogue)
    assert reasons_for(result, "gpt-6-astra") == (
        "Its one offer does not fit, because your data must never leave your own servers; "
        "it has no downloadable weights to run yourselves.",
    )
    assert result.shortlist
    assert all(item.route in ("self_hosted", "supported_self_hosted") for item in result.shortlist)


def test_sla_needs_an_offer_with_an_sla(catalogue):
    result = recommend({"support": "sla"}, catalogue)
    assert reasons_for(result, "olmo-2-13b") == (
        "It has no offer you could use; running it yourselves does not fit either, because "
        "you need a contractual 24×7 SLA.",
    )
    assert reasons_for(result, "mistral-small-3.2") == (
        "Its one offer does not fit, because you need a contractual 24×7 SLA; running it "
        "yourselves does not fit either, because you need a contractual 24×7 SLA.",
    )
    both = recommend({"support": "sla", "data_location": "region"}, catalogue)
    assert reasons_for(both, "gpt-4o-mini") == (
        "Its one offer does not fit, because your data must be processed in your "
        "jurisdiction and you need a contractual 24×7 SLA; it has no downloadable weights "
        "to run yourselves.",
    )
    assert "llama-3.1-8b" not in excluded_slugs(result)  # Azure offers an SLA


def test_an_exclusion_names_every_reason_self_hosting_fails_whatever_was_asked_before(
    catalogue,
):
    """Two people with the same route rules, one with ML engineers and one
    without: the second is told both reasons, even when the first was asked
    about first over the same prepared catalogue."""
    prepared = prepare_catalogue(catalogue, SETTINGS)
    with_engineers = recommend({"support": "sla", "expertise": "team"}, prepared)
    without = recommend({"support": "sla", "expertise": "none"}, prepared)
    assert reasons_for(with_engineers, "olmo-2-13b") == (
        "It has no offer you could use; running it yourselves does not fit either, because "
        "you need a contractual 24×7 SLA.",
    )
    assert reasons_for(without, "olmo-2-13b") == (
        "It has no offer you could use; running it yourselves does not fit either, because "
        "you need a contractual 24×7 SLA and you have no ML engineers to run a model "
        "yourselves.",
    )


def test_own_infrastructure_with_an_sla_leaves_no_model(catalogue):
    result = recommend({"data_location": "own_infrastructure", "support": "sla"}, catalogue)
    assert result.verdict == "none" and result.shortlist == ()
    assert reasons_for(result, "llama-3.1-8b") == (
        "None of its 2 offers fits, because your data must never leave your own servers "
        "and you need a contractual 24×7 SLA; running it yourselves does not fit either, "
        "because you need a contractual 24×7 SLA.",
    )


def test_a_region_needs_self_hosting_or_an_offer_that_states_regions(catalogue):
    result = recommend({"data_location": "region"}, catalogue)
    assert reasons_for(result, "gpt-4o-mini") == (
        "Its one offer does not fit, because your data must be processed in your "
        "jurisdiction; it has no downloadable weights to run yourselves.",
    )
    assert "llama-3.3-70b" not in excluded_slugs(result)  # self-hosting stays allowed


def test_special_category_data_excludes_offers_that_train_on_customer_data():
    trains = open_model(
        "trains",
        offers=(offer(trains_on_customer_data=True, data_retention="30 days", sla=True),),
        parameters_total_b=None,
    )
    result = recommend({"data_sensitivity": "special", "support": "sla"}, (trains,))
    assert result.excluded[0].slug == "trains"
    assert "trains on customer data" in result.excluded[0].reasons[0]
    # Personal data needs stated terms, which these are.
    assert recommend({"data_sensitivity": "personal", "support": "sla"}, (trains,)).excluded == ()


def test_personal_data_excludes_offers_whose_data_terms_are_not_stated():
    unstated = open_model(
        "unstated",
        offers=(offer(trains_on_customer_data=None, data_retention="30 days", sla=True),),
    )
    result = recommend({"data_sensitivity": "personal", "support": "sla"}, (unstated,))
    assert result.verdict == "none"
    assert "data terms are not stated" in result.excluded[0].reasons[0]
    assert recommend({"data_sensitivity": "internal", "support": "sla"}, (unstated,)).shortlist


def test_modifying_needs_weights_and_a_licence_that_allows_it(catalogue):
    no_changes = open_model(
        "frozen",
        licence=CC_BY_NC.__class__(
            **{**{f: getattr(CC_BY_NC, f) for f in CC_BY_NC.__slots__}, "modification": False}
        ),
    )
    result = recommend({"customisation": "modify"}, (*catalogue, no_changes))
    assert reasons_for(result, "gpt-6-astra")[0] == (
        "It has no downloadable weights, so you cannot change them."
    )
    assert reasons_for(result, "frozen") == (
        "Its licence (CC-BY-NC-4.0) does not allow changing the model.",
    )


def test_redistribution_needs_a_licence_that_allows_it(catalogue):
    result = recommend({"redistribution": "yes"}, catalogue)
    assert reasons_for(result, "qwen2.5-3b") == (
        "Its licence (Qwen Research Licence) does not allow redistributing the weights.",
    )
    assert reasons_for(result, "claude-sonnet-5.5") == (
        "It has no downloadable weights to ship to customers or devices.",
    )


def test_every_reason_is_listed_not_only_the_first(catalogue):
    result = recommend({"commercial_use": "yes", "redistribution": "yes"}, catalogue)
    assert len(reasons_for(result, "mistral-large-2")) == 3


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues())
def test_exclusions_are_exactly_the_models_the_constraints_rule_out(answers, catalogue):
    result = recommend(answers, catalogue)
    expected = {m.slug for m in catalogue if not oracle.eligible(m, answers, SETTINGS)}
    assert excluded_slugs(result) == expected
    assert all(item.reasons for item in result.excluded)


@ENGINE_SETTINGS
@given(answers=answer_sets, catalogue=catalogues(max_size=14))
def test_the_index_summarises_each_side_exactly_like_a_pass_over_every_model(answers, catalogue):
    facts = prepare(catalogue, SETTINGS)
    requirements = requirements_from(resolve_answers(answers))
    summaries = CatalogueIndex(facts).summaries(requirements)
    eligible = [
        a for a in (assess(f, requirements, SETTINGS) for f in facts) if isinstance(a, Assessment)
    ]
    for side in ("open", "closed"):
        mine = [a for a in eligible if a.facts.side == side]
        costs = [a.monthly_cost_usd for a in mine if a.monthly_cost_usd is not None]
        scores = [a.facts.model.capability_score for a in mine]
        summary = summaries[side]
        assert summary.available == bool(mine)
        assert summary.best_cost_usd == min(costs, default=None)
        assert summary.best_capability == max((s for s in scores if s is not None), default=None)


@pytest.mark.parametrize("volume", ["low", "medium", "high", "very_high"])
def test_the_cheapest_allowed_way_to_run_a_model_is_chosen(catalogue, volume):
    result = recommend({"monthly_volume": volume}, catalogue)
    for item in result.shortlist:
        model = next(m for m in catalogue if m.slug == item.slug)
        known = [
            c
            for c in oracle.deployment_costs(model, {"monthly_volume": volume}, SETTINGS)
            if c is not None
        ]
        assert item.monthly_cost_usd == pytest.approx(min(known), abs=0.005)
