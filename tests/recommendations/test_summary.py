"""The result page opens with one screen a manager can act on."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest

from tests.profiles import CLEAR_CLOSED_ENTERPRISE, SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


def result_page(client, answered, answers) -> str:
    response = answered(answers)
    client.post(f"/r/{response.resume_token}/recommendation/")
    page = client.get(f"/r/{response.resume_token}/result/")
    assert page.status_code == HTTPStatus.OK
    return page.text


def summary_of(html: str) -> str:
    return re.search(r'<section class="summary.*?</section>', html, re.S).group(0)


def largest_factors(html: str, count: int = 3) -> list[str]:
    rows = re.findall(r'data-factor="([^"]+)" data-weight="(\d+)" data-lean="([^"]+)"', html)
    contributions = {}
    for key, weight, lean in rows:
        if int(weight):
            contributions[key] = abs(int(weight) * float(lean))
    return sorted(contributions, key=lambda key: -contributions[key])[:count]


@pytest.mark.parametrize(
    ("answers", "verdict", "opening", "route_words"),
    [
        (SOVEREIGN_ML_TEAM, "open", "Go open: ", "on your own GPUs, run by your engineers"),
        (SMALL_TEAM_NEEDS_SLA, "closed", "Go closed: ", "own API"),
        (CLEAR_CLOSED_ENTERPRISE, "closed", "Go closed: ", "API"),
    ],
    ids=["sovereign ML team", "small team needing an SLA", "closed enterprise"],
)
def test_the_summary_states_verdict_route_pick_cost_reasons_changes_and_next_steps(
    client, launch_catalogue, answered, answers, verdict, opening, route_words
):
    html = result_page(client, answered, answers)
    summary = summary_of(html)

    # Verdict and route in a sentence, with the confidence.
    assert f'data-verdict="{verdict}"' in summary
    sentence = re.search(r'data-summary="sentence">([^<]+)<', summary).group(1)
    first_slug, first_route, first_cost = re.search(
        r'data-model="([^"]+)" data-route="([^"]+)" data-monthly-cost-usd="([^"]*)"', html
    ).groups()
    pick = re.search(r'data-summary-model="([^"]+)"', summary).group(1)
    assert pick == first_slug  # the top pick is the shortlist's first entry
    pick_name = re.search(r'summary__pick-name"><a [^>]+>([^<]+)</a>', summary).group(1)
    assert sentence.startswith(opening) and pick_name in sentence and route_words in sentence
    assert re.search(r'data-summary="confidence">(High|Medium|Low) confidence<', summary)

    # The top pick's monthly cost is the shortlist's figure, in dollars.
    shown = re.search(r"about <strong>\$([\d,.]+)</strong> a month", summary).group(1)
    assert abs(float(shown.replace(",", "")) - float(first_cost)) <= 1

    # The three reasons are the three factors that weighed most.
    reasons = re.findall(r'data-summary-reason="([^"]+)"', summary)
    assert reasons == largest_factors(html)

    # What would change it, and next steps that name what to check for this route.
    assert 'data-summary="changes"' in summary
    steps = re.search(r'data-summary="next-steps">.*?</ol>', summary, re.S).group(0)
    if first_route in ("vendor_api", "hosted_api"):
        assert "data retention" in steps
    else:
        assert "GPU" in steps

    # One screen first: the summary comes before the full reasoning.
    assert html.index('class="summary') < html.index('id="reasoning-title"')
    assert html.count("data-verdict=") == 1


def test_a_shared_result_opens_with_the_same_summary(client, launch_catalogue, answered):
    response = answered(SOVEREIGN_ML_TEAM)
    client.post(f"/r/{response.resume_token}/recommendation/")
    author = summary_of(client.get(f"/r/{response.resume_token}/result/").text)
    client.post(f"/r/{response.resume_token}/share/", {"action": "create"})
    link = response.share_links.get().token

    shared = summary_of(client.__class__().get(f"/s/{link}/").text)

    assert shared == author


# A hospital: special-category data kept in the EU, public sector, some
# engineers, the most capable models important: a hybrid plan.
EU_HOSPITAL = {
    "use_case": "documents",
    "organisation": "public_sector",
    "monthly_volume": "medium",
    "data_sensitivity": "special",
    "data_location": "region",
    "data_region": "eu",
    "auditability": "critical",
    "budget": "medium",
    "cost_model": "fixed",
    "customisation": "prompting",
    "lock_in": "high",
    "expertise": "some",
    "support": "business",
    "capability_need": "high",
    "time_to_market": "months",
    "security_exposure": "high",
    "standardisation": "low",
    "commercial_use": "no",
    "redistribution": "no",
}


def test_a_hybrid_plans_top_pick_is_the_model_its_sentence_gives_the_hardest_work(
    client, launch_catalogue, answered
):
    """The summary never says "use Claude for the hardest tasks" beside a
    top pick of another model: a hybrid leads with its plan's first part,
    and the next steps confirm terms with that part's vendor or host."""
    html = result_page(client, answered, EU_HOSPITAL)
    summary = summary_of(html)
    assert 'data-verdict="hybrid"' in summary
    sentence = re.search(r'data-summary="sentence">([^<]+)<', summary).group(1)
    assert sentence.startswith("Use both: ")
    first_part = sentence.removeprefix("Use both: ").split(";")[0]
    pick_name = re.search(r'summary__pick-name"><a [^>]+>([^<]+)</a>', summary).group(1)
    assert first_part.startswith(pick_name + " ")
    pick = re.search(r'data-summary-model="([^"]+)"', summary).group(1)
    assert re.search(rf'data-model="{re.escape(pick)}" data-route="[^"]+"', html)
    steps = re.search(r'data-summary="next-steps".*?</ol>', summary, re.S).group(0)
    assert pick_name in steps


def test_a_hybrid_plan_states_what_each_part_costs_on_its_route_within_the_budget(
    client, launch_catalogue, answered
):
    """The hospital's plan runs the auditable work on its own servers: the
    plan names that route's monthly cost, which the shortlist (each model by
    its cheapest route) does not, and never a route the budget cannot pay."""
    from apps.recommendations.engine.settings import BUDGET_CAPS_USD

    html = result_page(client, answered, EU_HOSPITAL)
    parts = re.findall(
        r'<li data-plan-side="(\w+)" data-plan-model="[^"]+" data-plan-route="(\w+)">'
        r".*?data-plan-cost>\$([\d,.]+)<",
        html,
    )
    assert [side for side, _route, _cost in parts] == ["closed", "open"]
    assert any(route == "self_hosted" for _side, route, _cost in parts)
    for _side, _route, cost in parts:
        assert float(cost.replace(",", "")) <= BUDGET_CAPS_USD[EU_HOSPITAL["budget"]]
