"""Routes: every shortlisted model comes with a way to run it that
fits the answers, and when none fits the verdict says so and how to get one.

Each test reads as the article's reasoning applied to one organisation.
"""

from __future__ import annotations

import pytest

from apps.recommendations.engine import recommend
from apps.recommendations.engine.settings import BUDGET_CAPS_USD
from tests.profiles import CLEAR_CLOSED_ENTERPRISE

from .factories import closed_model, offer, open_model

KNOWN_TERMS = {"data_retention": "30 days", "trains_on_customer_data": False}

FRONTIER = closed_model(
    "frontier",
    capability_score=90.0,
    offers=(
        offer(host_name="Frontier AI", regions=("us",), sla=True, **KNOWN_TERMS),
        offer(
            kind="cloud_marketplace",
            host_name="Cloud EU",
            regions=("eu",),
            sla=True,
            **KNOWN_TERMS,
        ),
    ),
)
CHATTY = closed_model(
    "chatty",
    capability_score=70.0,
    offers=(
        offer(
            host_name="Chatty",
            input_price_per_mtok=0.1,
            output_price_per_mtok=0.4,
            data_retention="",
            trains_on_customer_data=None,
            fine_tuning_available=True,
        ),
    ),
)
OPEN_HOSTED = open_model(
    "open-hosted",
    capability_score=65.0,
    offers=(
        offer(
            kind="third_party_host",
            host_name="Host EU",
            regions=("eu",),
            fine_tuning_available=True,
            **KNOWN_TERMS,
        ),
        offer(
            kind="supported_self_hosting",
            host_name="Vendor AI Enterprise",
            input_price_per_mtok=None,
            output_price_per_mtok=None,
            regions=("customer",),
            support_level="enterprise",
            subscription_usd_per_gpu_year=4500.0,
            data_retention="none: runs on your servers",
        ),
    ),
)
OPEN_BARE = open_model("open-bare", capability_score=50.0)
CATALOGUE = (FRONTIER, CHATTY, OPEN_HOSTED, OPEN_BARE)


def routes(result) -> set[tuple[str, str]]:
    return {(item.slug, item.route) for item in result.shortlist}


def test_special_category_data_never_goes_to_an_offer_with_unknown_data_terms():
    result = recommend({"data_sensitivity": "special", "capability_need": "high"}, CATALOGUE)
    assert ("chatty", "vendor_api") not in routes(result)
    assert "chatty" in {item.slug for item in result.excluded}
    for item in result.shortlist:
        if item.route in ("vendor_api", "hosted_api"):
            assert "not stated" not in item.data_terms


def test_no_ml_staff_never_gets_plain_self_hosting():
    result = recommend({"expertise": "none", "auditability": "critical"}, CATALOGUE)
    assert result.shortlist
    assert all(item.route != "self_hosted" for item in result.shortlist)
    assert any(removed.count for removed in result.removed_routes if "ML engineers" in removed.rule)


def test_fine_tuning_gets_a_route_that_sells_it():
    result = recommend({"customisation": "fine_tune", "expertise": "team"}, CATALOGUE)
    assert result.shortlist
    for item in result.shortlist:
        # frontier's offers do not sell fine-tuning; chatty's and the host's do
        assert item.slug != "frontier"
        assert item.route in ("vendor_api", "hosted_api", "self_hosted")


def test_own_servers_an_sla_and_no_ml_staff_get_none_with_the_smallest_relaxations():
    answers = {"data_location": "own_infrastructure", "support": "sla", "expertise": "none"}
    result = recommend(answers, CATALOGUE)
    assert result.verdict == "none"
    assert result.shortlist == ()
    assert result.confidence == "low"
    relaxed = {change for relaxation in result.relaxations for change in relaxation.changes}
    # Business-hours support from the subscription, or data in a region
    # through an API with an SLA, would each give a shortlist.
    assert ("support", "sla", "business") in relaxed
    assert ("data_location", "own_infrastructure", "region") in relaxed
    by_support = next(r for r in result.relaxations if r.changes[0][0] == "support")
    assert by_support.eligible >= 1
    assert by_support.top_pick == "Open Hosted, on your own servers with vendor support"


def test_own_servers_and_no_ml_staff_get_vendor_supported_self_hosting():
    answers = {"data_location": "own_infrastructure", "expertise": "none", "support": "business"}
    result = recommend(answers, CATALOGUE)
    assert routes(result) == {("open-hosted", "supported_self_hosted")}
    (item,) = result.shortlist
    assert item.regions == ("customer",)
    assert item.monthly_cost_usd is not None and "Vendor AI Enterprise" in item.cost_basis


def test_capability_critical_gets_a_top_scored_model():
    result = recommend({"capability_need": "critical"}, CATALOGUE)
    assert result.shortlist[0].slug == "frontier"


def test_region_eu_gets_only_offers_that_process_data_in_the_eu():
    result = recommend({"data_location": "region", "data_region": "eu"}, CATALOGUE)
    assert result.shortlist
    for item in result.shortlist:
        assert item.route == "self_hosted" or "eu" in item.regions or item.regions == ("customer",)
    frontier = [item for item in result.shortlist if item.slug == "frontier"]
    assert all(item.host_name == "Cloud EU" for item in frontier)


def test_region_us_leaves_the_eu_only_host_out():
    result = recommend(
        {"data_location": "region", "data_region": "us", "expertise": "none"}, CATALOGUE
    )
    assert ("open-hosted", "hosted_api") not in routes(result)


def test_data_region_is_ignored_unless_data_must_stay_in_a_region():
    anywhere = recommend({"data_location": "anywhere", "data_region": "uk"}, CATALOGUE)
    assert anywhere.to_dict() == recommend({"data_location": "anywhere"}, CATALOGUE).to_dict()
    assert "data_region" not in {a.question for a in anywhere.assumptions}


def test_each_route_and_verdict_can_be_reached():
    closed = recommend(
        {"capability_need": "critical", "standardisation": "critical", "expertise": "none"},
        CATALOGUE,
    )
    assert closed.verdict == "closed"
    assert {item.route for item in closed.shortlist} == {"vendor_api"}
    open_ = recommend(
        {"auditability": "critical", "lock_in": "critical", "expertise": "team"}, CATALOGUE
    )
    assert open_.verdict == "open"
    assert {"self_hosted", "hosted_api"} <= {item.route for item in open_.shortlist}
    none = recommend({"data_location": "own_infrastructure", "support": "sla"}, CATALOGUE)
    assert none.verdict == "none"
    hybrid = recommend({"auditability": "critical", "standardisation": "critical"}, CATALOGUE)
    assert hybrid.verdict == "hybrid"
    assert {item.side for item in hybrid.shortlist} == {"open", "closed"}


def test_a_hybrid_is_a_split_of_the_work_derived_from_what_pulls_each_way():
    # Auditing is a must-have (open); one model and API across teams is too
    # (closed): the auditable work goes to an open model, the shared
    # assistant to a closed one.
    result = recommend({"auditability": "critical", "standardisation": "critical"}, CATALOGUE)
    assert result.verdict == "hybrid" and not result.close_call
    closed, open_ = result.plan
    assert (closed.side, closed.slug) == ("closed", result.plan[0].slug)
    assert "shared assistant" in closed.work
    assert open_.side == "open" and "inspection and audit" in open_.work
    assert open_.slug in {item.slug for item in result.shortlist}


def test_a_near_zero_score_with_nothing_pulling_one_way_is_a_close_call_with_both_plans():
    result = recommend({}, CATALOGUE)
    assert result.verdict == "hybrid"
    assert result.close_call
    assert [part.side for part in result.plan] == ["closed", "open"]
    assert all(part.work.startswith("everything, if you go") for part in result.plan)


def test_only_a_hybrid_has_a_plan():
    assert recommend({"capability_need": "critical"}, CATALOGUE).plan == ()


def test_in_a_hybrid_the_data_that_must_stay_under_control_goes_to_a_route_you_run():
    # The open model is cheapest through its EU host, but the part of the
    # work that argues for open is keeping special-category data under
    # control, so the plan runs it on the team's own servers.
    result = recommend(
        {
            "data_sensitivity": "special",
            "data_location": "region",
            "data_region": "eu",
            "standardisation": "critical",
            "expertise": "team",
        },
        CATALOGUE,
    )
    assert ("open-hosted", "hosted_api") in routes(result)
    assert result.verdict == "hybrid" and not result.close_call
    closed, open_ = result.plan
    assert (closed.slug, closed.route) == ("frontier", "hosted_api")  # its EU offer
    assert (open_.slug, open_.route) == ("open-hosted", "self_hosted")
    assert "data that must stay under your control" in open_.work


def test_a_plan_never_sends_work_to_a_self_hosted_route_over_the_budget():
    # As above, but on a budget that the model's EU API fits and a replica of
    # its own does not: the plan keeps the API it can afford, and each part
    # states what its own route costs.
    answers = {
        "data_sensitivity": "special",
        "data_location": "region",
        "data_region": "eu",
        "standardisation": "critical",
        "expertise": "team",
    }
    roomy = recommend(answers, CATALOGUE)
    own = next(part for part in roomy.plan if part.side == "open")
    assert own.route == "self_hosted" and own.monthly_cost_usd is not None
    cap = BUDGET_CAPS_USD["small"]
    assert own.monthly_cost_usd > cap  # a replica costs more than a small budget
    result = recommend(answers | {"budget": "small"}, CATALOGUE)
    assert result.verdict == "hybrid" and not result.close_call
    for part in result.plan:
        assert part.monthly_cost_usd is not None and part.monthly_cost_usd <= cap
        assert part.route != "self_hosted" or part.slug != own.slug


def test_a_route_that_also_runs_elsewhere_says_to_choose_the_required_jurisdiction():
    multi = closed_model(
        "multi",
        offers=(offer(host_name="Multi", regions=("global", "eu"), **KNOWN_TERMS),),
    )
    result = recommend({"data_location": "region", "data_region": "eu"}, (multi,))
    (item,) = result.shortlist
    assert "choose processing in the EU (its data residency option)" in item.data_terms
    eu_only = closed_model(
        "eu-only", offers=(offer(host_name="EU Only", regions=("eu",), **KNOWN_TERMS),)
    )
    (single,) = recommend({"data_location": "region", "data_region": "eu"}, (eu_only,)).shortlist
    assert "elsewhere" not in single.data_terms  # it processes data in the EU only


def test_the_cost_chart_compares_the_self_hosted_model_with_its_own_api_too():
    hosted_open = open_model(
        "hosted-open",
        offers=(
            offer(
                kind="third_party_host",
                host_name="Host",
                input_price_per_mtok=0.5,
                output_price_per_mtok=1.5,
            ),
        ),
    )
    result = recommend({"expertise": "team", "monthly_volume": "high"}, (hosted_open, FRONTIER))
    costs = result.costs
    assert costs.best_self_hosted is not None and costs.best_self_hosted.slug == "hosted-open"
    assert costs.same_model_api is not None and costs.same_model_api.slug == "hosted-open"
    # 0.75 × $0.5 + 0.25 × $1.5 = $0.75 per M tokens at every point of the curve.
    for point in costs.curve:
        assert point.same_model_api_cost_usd == pytest.approx(
            0.75 * point.monthly_tokens / 1e6, abs=0.01
        )
    assert "The same model, Hosted Open" in costs.explanation


def test_capability_critical_leads_with_a_top_scored_model_even_when_weaker_ones_are_cheaper():
    cheap_weak = closed_model(
        "cheap-weak",
        capability_score=38.0,
        offers=(offer(input_price_per_mtok=0.1, output_price_per_mtok=0.5),),
    )
    dear_strong = closed_model(
        "dear-strong",
        capability_score=53.0,
        offers=(offer(input_price_per_mtok=10.0, output_price_per_mtok=50.0),),
    )
    answers = {"capability_need": "critical", "budget": "unlimited", "cost_model": "pay_per_use"}
    result = recommend(answers, (cheap_weak, dear_strong))
    assert [item.slug for item in result.shortlist] == ["dear-strong", "cheap-weak"]
    weak = result.shortlist[1]
    assert any("Not among the most capable" in reason for reason in weak.reasons)
    # Without the must-have, the cheap one may lead: the rule is the must-have's.
    relaxed = recommend({**answers, "capability_need": "high"}, (cheap_weak, dear_strong))
    assert relaxed.shortlist[0].slug == "cheap-weak"


def test_a_top_pick_with_stale_facts_is_never_high_confidence_and_says_so():
    from dataclasses import replace

    from .factories import article_catalogue

    answers = CLEAR_CLOSED_ENTERPRISE
    catalogue = article_catalogue()
    fresh = recommend(answers, catalogue)
    assert fresh.confidence == "high"
    top = fresh.shortlist[0].slug
    stale = recommend(
        answers,
        tuple(replace(m, facts_stale=True) if m.slug == top else m for m in catalogue),
    )
    assert stale.shortlist[0].slug == top
    assert stale.confidence == "medium"
    assert any("over 180 days old" in reason for reason in stale.verdict_reasons)
