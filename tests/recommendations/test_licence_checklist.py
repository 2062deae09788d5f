"""The licence checklist: for each shortlisted model, the duties and
limits its licence puts on this organisation's answers, each quoting or
linking its clause, and "no duties" said outright when nothing applies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from apps.catalogue.models import AIModel
from apps.recommendations import engine
from apps.recommendations.licence_checklist import (
    Clause,
    LicenceFacts,
    freeze_licence_facts,
    licence_checklist,
    licence_checklists,
    licence_facts_for,
    result_licence_checklists,
    top_pick_duties,
)
from apps.recommendations.models import Result
from tests.catalogue.factories import licence_factory, model_factory
from tests.profiles import SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db

CAP_CLAUSE = Clause(
    quote="If … the monthly active users … is greater than 700 million monthly active users …, "
    "you must request a license from Meta",
    section="§2 Additional Commercial Terms",
    url="https://example.com/community-licence#2",
)
COMMUNITY = LicenceFacts(
    slug="community",
    name="Community Licence",
    kind="open_weights_restricted",
    commercial_use=True,
    modification=True,
    redistribution=True,
    attribution_required=True,
    url="https://example.com/community-licence",
    acceptable_use_policy_url="https://example.com/community-use-policy",
    user_cap=700_000_000,
    obligations=("Display 'Built with Community'.",),
    clauses={"user_cap": CAP_CLAUSE},
    as_of="2024-07-23",
)
PERMISSIVE = LicenceFacts(
    slug="permissive",
    name="Permissive Licence",
    kind="permissive",
    commercial_use=True,
    modification=True,
    redistribution=True,
    attribution_required=True,
    url="https://example.com/permissive",
    obligations=("Keep the copyright notice when you redistribute.",),
    as_of="2025-01-01",
)
RESEARCH_ONLY = LicenceFacts(
    slug="research-only",
    name="Research Licence",
    kind="non_commercial",
    commercial_use=False,
    modification=True,
    redistribution=True,
    attribution_required=True,
    url="https://example.com/research",
    as_of="2025-01-01",
)
VENDOR_TERMS = LicenceFacts(
    slug="vendor-terms",
    name="Vendor Terms of Service",
    kind="proprietary",
    commercial_use=True,
    modification=False,
    redistribution=False,
    attribution_required=False,
    url="https://example.com/vendor-terms",
    acceptable_use_policy_url="https://example.com/vendor-aup",
    as_of="2026-10-01",
)
INTERNAL_USE = {
    **SOVEREIGN_ML_TEAM,
    "use_case": "assistant",
    "organisation": "sme",
    "customisation": "prompting",
    "commercial_use": "yes",
    "redistribution": "no",
}


def _items(licence, answers, route="self_hosted", host_name=None):
    items = licence_checklist(licence=licence, answers=answers, route=route, host_name=host_name)
    return {item.kind: item for item in items}


def _shortlisted(slug, name, route="self_hosted", host_name=None):
    return engine.ShortlistItem(
        slug=slug,
        name=name,
        provider="Maker",
        side="closed" if route == "vendor_api" else "open",
        fit=0.8,
        reasons=(),
        obligations=(),
        monthly_cost_usd=100.0,
        cost_basis="",
        deployment="self_hosted" if route in ("self_hosted", "supported_self_hosted") else "api",
        host_name=host_name,
        route=route,
    )


def test_a_large_organisation_is_warned_of_the_user_cap_with_its_clause_quoted():
    item = _items(COMMUNITY, {**INTERNAL_USE, "organisation": "enterprise"})["user_cap"]

    assert item.verdict == "limit"
    assert "700,000,000 monthly active users" in item.text
    assert item.quote == CAP_CLAUSE.quote
    assert item.url == CAP_CLAUSE.url


def test_a_small_organisation_is_told_it_is_far_below_the_user_cap():
    item = _items(COMMUNITY, INTERNAL_USE)["user_cap"]

    assert item.verdict == "ok"
    assert "far below" in item.text


def test_an_unanswered_organisation_size_is_checked_against_the_user_cap():
    item = _items(COMMUNITY, {**INTERNAL_USE, "organisation": "unsure"})["user_cap"]

    assert item.verdict == "limit"


def test_a_non_commercial_licence_is_blocked_for_commercial_use_and_linked():
    items = _items(RESEARCH_ONLY, INTERNAL_USE)

    assert items["commercial_use"].verdict == "blocked"
    assert "does not allow commercial use" in items["commercial_use"].text
    assert items["commercial_use"].url == RESEARCH_ONLY.url


def test_a_non_commercial_licence_is_a_limit_for_non_commercial_use():
    item = _items(RESEARCH_ONLY, {**INTERNAL_USE, "commercial_use": "no"})["commercial_use"]

    assert item.verdict == "limit"
    assert item.text.startswith("Non-commercial use only")


def test_shipping_the_weights_is_a_redistribution_and_attribution_duty():
    items = _items(PERMISSIVE, {**INTERNAL_USE, "redistribution": "yes"})

    assert items["redistribution"].verdict == "duty"
    assert "copy of Permissive Licence" in items["redistribution"].text
    assert items["attribution"].verdict == "duty"
    assert items["attribution"].url == PERMISSIVE.url


def test_shipping_a_model_whose_terms_forbid_it_is_blocked():
    item = _items(VENDOR_TERMS, {**INTERNAL_USE, "redistribution": "yes"}, "vendor_api")[
        "redistribution"
    ]

    assert item.verdict == "blocked"
    assert "API only" in item.text


def test_a_product_is_told_to_check_a_licence_not_known_to_cover_services():
    items = _items(PERMISSIVE, {**INTERNAL_USE, "use_case": "product"})

    assert items["redistribution"].verdict == "check"
    assert "attribution" not in items


def test_a_product_meets_the_distribution_duty_of_a_licence_that_covers_services():
    service_clause = Clause(quote="If you … make available … a product or service …", section="§1")
    licence = dataclasses.replace(
        COMMUNITY,
        service_counts_as_distribution=True,
        clauses={**COMMUNITY.clauses, "redistribution": service_clause},
    )

    item = _items(licence, {**INTERNAL_USE, "use_case": "product"})["redistribution"]

    assert item.verdict == "duty"
    assert item.quote == service_clause.quote
    assert item.url == COMMUNITY.url  # the clause has no address of its own


def test_a_product_on_a_licence_that_only_covers_copies_has_no_duties():
    licence = dataclasses.replace(PERMISSIVE, service_counts_as_distribution=False)
    [checklist] = licence_checklists(
        shortlist=[_shortlisted("open-model", "Open Model")],
        answers={**INTERNAL_USE, "use_case": "product"},
        licences={"open-model": licence},
    )

    assert checklist.no_duties


def test_a_permissive_licence_used_internally_on_own_servers_has_no_duties():
    [checklist] = licence_checklists(
        shortlist=[_shortlisted("open-model", "Open Model")],
        answers=INTERNAL_USE,
        licences={"open-model": PERMISSIVE},
    )

    assert checklist.no_duties
    assert [(item.kind, item.verdict) for item in checklist.items] == [("commercial_use", "ok")]


def test_an_api_only_model_lists_the_vendors_terms_and_acceptable_use_policy():
    items = _items(VENDOR_TERMS, INTERNAL_USE, "vendor_api", "Vendor")

    assert items["terms"].verdict == "duty"
    assert items["terms"].url == VENDOR_TERMS.url
    assert items["acceptable_use"].verdict == "limit"
    assert items["acceptable_use"].url == VENDOR_TERMS.acceptable_use_policy_url
    assert "host_terms" not in items


def test_the_acceptable_use_item_points_at_what_touches_the_use_case():
    automation = _items(COMMUNITY, {**INTERNAL_USE, "use_case": "automation"})["acceptable_use"]
    product = _items(COMMUNITY, {**INTERNAL_USE, "use_case": "product"})["acceptable_use"]

    assert "automated decisions" in automation.text
    assert "your own terms" in product.text


def test_a_hosted_open_model_adds_the_hosts_terms():
    items = _items(PERMISSIVE, INTERNAL_USE, "hosted_api", "Some Host")

    assert items["host_terms"].verdict == "duty"
    assert "Some Host" in items["host_terms"].text


def test_changing_weights_the_licence_forbids_is_blocked():
    licence = dataclasses.replace(PERMISSIVE, modification=False)
    item = _items(licence, {**INTERNAL_USE, "customisation": "modify"})["modification"]

    assert item.verdict == "blocked"


def test_items_come_most_pressing_first():
    items = licence_checklist(
        licence=RESEARCH_ONLY,
        answers={**INTERNAL_USE, "redistribution": "yes"},
        route="self_hosted",
    )

    assert items[0].verdict == "blocked"
    assert [item.verdict for item in items] == sorted(
        (item.verdict for item in items),
        key=("blocked", "duty", "limit", "check", "ok").index,
    )


def test_the_summary_gets_what_the_top_picks_licence_asks_and_nothing_it_allows():
    checklists = licence_checklists(
        shortlist=[
            _shortlisted("community-model", "Community Model"),
            _shortlisted("open-model", "Open Model"),
        ],
        answers={**INTERNAL_USE, "organisation": "enterprise"},
        licences={"community-model": COMMUNITY, "open-model": PERMISSIVE},
    )

    duties = top_pick_duties(checklists)

    assert [duty.split(":")[0] for duty in duties] == ["Community Model"] * 2
    assert any("700,000,000" in duty for duty in duties)
    assert not any("Commercial use is allowed" in duty for duty in duties)
    assert top_pick_duties(checklists[1:]) == ()


def test_licence_facts_survive_a_round_trip_through_json():
    assert LicenceFacts.from_dict(COMMUNITY.to_dict()) == COMMUNITY


def test_a_shared_result_keeps_the_licence_facts_its_author_saw():
    licence = licence_factory(kind="permissive", attribution_required=True, user_cap=None)
    model = model_factory(licence=licence)
    stored = freeze_licence_facts([model.slug])
    licence.user_cap = 1_000
    licence.save()

    [checklist] = result_licence_checklists(
        shortlist=[_shortlisted(model.slug, model.name)],
        answers={**INTERNAL_USE, "organisation": "enterprise"},
        stored=stored,
    )

    assert checklist.frozen
    assert "user_cap" not in {item.kind for item in checklist.items}


def test_a_result_saved_without_licence_facts_reads_todays_catalogue_and_says_so():
    model = model_factory(licence=licence_factory(kind="non_commercial"))

    [checklist] = result_licence_checklists(
        shortlist=[_shortlisted(model.slug, model.name)], answers=INTERNAL_USE, stored=None
    )

    assert not checklist.frozen
    assert checklist.items[0].verdict == "blocked"
    assert "read from today's catalogue" in _checklist_html([checklist])


def test_a_model_gone_from_the_catalogue_never_claims_no_duties():
    [checklist] = result_licence_checklists(
        shortlist=[_shortlisted("gone", "Gone Model")], answers=INTERNAL_USE, stored={}
    )

    assert checklist.licence is None
    assert not checklist.no_duties


def test_a_licence_whose_clauses_field_is_emptied_quotes_nothing():
    licence = licence_factory()
    licence.clauses = None

    licence.full_clean()

    assert licence.clauses == {}


def test_licence_clauses_must_quote_a_known_topic():
    licence = licence_factory(clauses={"patents": {"quote": "…"}, "user_cap": {"section": "§2"}})

    with pytest.raises(ValidationError) as error:
        licence.full_clean()

    messages = error.value.message_dict["clauses"]
    assert any("Unknown clause topic 'patents'" in message for message in messages)
    assert any(message.startswith("user_cap:") for message in messages)


def test_todays_licence_facts_are_read_in_one_query(django_assert_num_queries):
    models = [model_factory() for _ in range(3)]

    with django_assert_num_queries(1):
        facts = licence_facts_for([model.slug for model in models])

    assert {slug: f.slug for slug, f in facts.items()} == {
        model.slug: model.licence.slug for model in models
    }


def _checklist_html(checklists):
    return render_to_string(
        "recommendations/_licence_checklist.html", {"licence_checklists": checklists}
    )


def test_the_partial_lists_each_models_items_with_their_clauses_and_links():
    checklists = licence_checklists(
        shortlist=[
            _shortlisted("community-model", "Community Model"),
            _shortlisted("open-model", "Open Model"),
            _shortlisted("closed-model", "Closed Model", "vendor_api", "Vendor"),
        ],
        answers={**INTERNAL_USE, "organisation": "enterprise"},
        licences={
            "community-model": COMMUNITY,
            "open-model": PERMISSIVE,
            "closed-model": VENDOR_TERMS,
        },
    )

    html = _checklist_html(checklists)

    community = html.split('data-licence-model="community-model"')[1].split("</section>")[0]
    assert 'data-licence-item="user_cap"' in community
    assert "<blockquote" in community and "700 million" in community
    assert 'href="https://example.com/community-licence#2"' in community
    assert "data-licence-no-duties" not in community
    open_model = html.split('data-licence-model="open-model"')[1].split("</section>")[0]
    assert "data-licence-no-duties" in open_model and "No duties" in open_model
    closed = html.split('data-licence-model="closed-model"')[1].split("</section>")[0]
    assert 'data-licence-item="terms"' in closed
    assert 'href="https://example.com/vendor-terms"' in closed
    # Each model's items are one list, each item with a text verdict.
    assert len(re.findall(r'<ul class="licence-checklist__items">', html)) == 3
    assert "Limit" in community and "Allowed" in open_model


def test_the_partial_says_so_when_nothing_is_shortlisted():
    assert "no licence to check" in _checklist_html([])


def test_licence_facts_date_is_shown():
    [checklist] = licence_checklists(
        shortlist=[_shortlisted("open-model", "Open Model")],
        answers=INTERNAL_USE,
        licences={"open-model": PERMISSIVE},
    )

    assert f"as of {dt.date(2025, 1, 1).isoformat()}" in _checklist_html([checklist])


def test_an_older_results_page_follows_todays_licence_facts_it_reads(
    client, launch_catalogue, answered
):
    """The result page's reasoning is rendered once and kept, but a result
    saved without its licence facts reads them from today's catalogue, so
    a curator's edit shows on its next view."""
    response = answered(SOVEREIGN_ML_TEAM)
    client.post(f"/r/{response.resume_token}/recommendation/")
    result = Result.objects.get(response=response)
    result.evidence = {**(result.evidence or {}), "licences": {}}
    result.save(update_fields=["evidence"])
    first = client.get(f"/r/{response.resume_token}/result/").content.decode()
    assert "read from today's catalogue" in first

    top = result.recommendation["shortlist"][0]["slug"]
    licence = AIModel.objects.get(slug=top).licence
    licence.as_of = dt.date(2026, 11, 30)
    licence.save()
    again = client.get(f"/r/{response.resume_token}/result/").content.decode()
    assert "Licence facts as of 2026-11-30" in again
