from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from apps.catalogue.models import REVIEW_AFTER_DAYS
from tests.catalogue.factories import licence_factory, model_factory, offer_factory

pytestmark = pytest.mark.django_db


def _page(client, model, **query) -> str:
    response = client.get(reverse("catalogue:detail", args=[model.slug]), query)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_the_model_page_shows_openness_as_seven_marked_cells_with_words(client):
    model = model_factory()

    content = _page(client, model)

    assert content.count('class="openness-cell openness-cell--') == 7
    for symbol, word in (("●", "Open"), ("◐", "Partial"), ("○", "Closed")):
        assert symbol in content
        assert f'<span class="openness-cell__value">{word}</span>' in content
    assert "Training data" in content
    assert f"{model.openness.score:.2f} out of 1" in content


def test_the_model_page_shows_prices_with_units_dates_and_terms(client):
    model = model_factory(offers=0)
    offer_factory(
        model,
        host_name="Example Cloud",
        input_price_per_mtok=Decimal("0.0375"),
        output_price_per_mtok=Decimal("2.5"),
        data_retention="Zero retention",
        trains_on_customer_data=False,
        certifications=["soc2", "hipaa_baa"],
        support_level="enterprise",
        sla=True,
        regions=["eu"],
        as_of=dt.date(2026, 10, 5),
    )

    content = _page(client, model)

    assert "USD per 1M tokens" in content
    assert '<td class="num">$0.0375</td>' in content
    assert '<td class="num">$2.50</td>' in content
    assert "5 Oct 2026" in content
    for term in ("Zero retention", "SOC 2, HIPAA BAA", "Enterprise", "European Union / EEA"):
        assert term in content


def test_the_model_page_explains_licence_obligations_in_plain_language(client):
    licence = licence_factory(
        kind="open_weights_restricted",
        attribution_required=True,
        user_cap=700_000_000,
        acceptable_use_policy_url="https://example.com/aup",
        obligations=["Show “Built with Example”"],
    )
    content = _page(client, model_factory(licence=licence))

    assert "You must credit the provider" in content
    assert "700,000,000" in content and "monthly active users" in content
    assert 'href="https://example.com/aup"' in content
    assert "Show “Built with Example”" in content


def test_the_model_page_says_whether_the_capability_score_is_claimed_or_measured(client):
    assert "Claimed by the provider" in _page(
        client, model_factory(capability_source_kind="claimed")
    )
    assert "Independently measured" in _page(
        client, model_factory(capability_source_kind="measured")
    )


def test_the_model_page_shows_lifecycle_with_date_and_source(client):
    model = model_factory(
        status="retired",
        retirement_date=dt.date(2026, 1, 31),
        lifecycle_source_url="https://example.com/retired",
    )

    content = _page(client, model)

    assert "Retired on 31 January 2026" in content
    assert 'href="https://example.com/retired"' in content
    assert "we never recommend it" in content


def test_the_model_page_warns_when_facts_need_review(client):
    long_ago = timezone.localdate() - dt.timedelta(days=REVIEW_AFTER_DAYS + 30)
    stale = model_factory(facts_as_of=long_ago, last_verified=long_ago)
    fresh = model_factory()

    assert "Needs review." in _page(client, stale)
    assert "Needs review." not in _page(client, fresh)


def test_the_model_page_lists_sources_and_dates(client):
    model = model_factory(sources=["https://example.com/card", "https://example.com/paper"])

    content = _page(client, model)

    assert 'href="https://example.com/card"' in content
    assert "Facts as of" in content and "Last verified" in content


def test_a_draft_is_not_found_by_the_public(client):
    draft = model_factory(is_published=False)

    response = client.get(reverse("catalogue:detail", args=[draft.slug]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_curator_can_preview_a_draft(curator_client):
    draft = model_factory(is_published=False)

    content = _page(curator_client, draft)

    assert "Only curators can see this page" in content
    assert '<meta name="robots" content="noindex">' in content


def test_a_staff_user_without_catalogue_permissions_cannot_preview_drafts(client):
    draft = model_factory(is_published=False)
    client.force_login(User.objects.create_user("staff", is_staff=True))

    assert (
        client.get(reverse("catalogue:detail", args=[draft.slug])).status_code
        == HTTPStatus.NOT_FOUND
    )


def test_add_to_comparison_goes_to_the_catalogue_when_nothing_else_is_picked(client):
    model = model_factory()

    assert f'href="/catalogue/?compare={model.slug}"' in _page(client, model)


def test_add_to_comparison_goes_to_the_comparison_when_another_model_is_picked(client):
    other = model_factory()
    model = model_factory()

    content = _page(client, model, compare=other.slug)

    assert f'href="/catalogue/compare/?models={other.slug},{model.slug}"' in content


def test_an_unknown_model_is_not_found(client):
    assert (
        client.get(reverse("catalogue:detail", args=["nope"])).status_code == HTTPStatus.NOT_FOUND
    )


def test_a_model_with_weights_shows_what_running_it_yourself_costs_at_three_volumes(
    client, shipped_catalogue
):
    html = client.get("/catalogue/gpt-oss-120b/").content.decode()
    rows = re.findall(
        r'data-volume-tokens="(\d+)" data-gpu="([\w-]+)" data-gpus-per-replica="(\d+)" '
        r'data-replicas="(\d+)" data-monthly-cost-usd="([\d.]+)"',
        html,
    )
    assert [int(row[0]) for row in rows] == [100_000_000, 1_000_000_000, 10_000_000_000]
    for _volume, gpu, gpus, replicas, cost in rows:
        assert gpu  # a GPU type from the evidence, not the rule of thumb
        assert int(gpus) in (1, 2, 4, 8, 16, 24, 32)
        assert int(replicas) >= 1 and float(cost) > 0
    assert "DeepInfra" in html or "Cheapest API" in html

    closed = client.get("/catalogue/gpt-6-astra/").content.decode()
    assert "data-volume-tokens" not in closed


def test_wide_tables_scroll_in_their_own_labelled_region_not_the_page(client, shipped_catalogue):
    """Each wide table sits in a keyboard-scrollable, named region, so on a
    phone it scrolls by itself instead of widening the whole page."""
    pages = {
        "/catalogue/gpt-oss-120b/": 3,  # self-hosting costs, prices, terms
        "/catalogue/gpt-6-astra/": 2,  # prices, terms
    }
    for url, tables in pages.items():
        html = client.get(url).content.decode()
        wraps = re.findall(r'<div class="table-wrap[^"]*"[^>]*>', html)
        assert len(wraps) == tables, url
        for wrap in wraps:
            assert 'tabindex="0"' in wrap and 'role="region"' in wrap, wrap
            assert re.search(r'aria-label="[^"]+"', wrap), wrap
    compare = client.get("/catalogue/compare/?models=gpt-oss-120b,gpt-6-astra").content.decode()
    assert (
        '<div class="table-wrap compare-wrap" tabindex="0" role="region" '
        'aria-label="The models side by side">' in compare
    )
