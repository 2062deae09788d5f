from __future__ import annotations

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.catalogue.factories import (
    licence_factory,
    model_factory,
    offer_factory,
    provider_factory,
)

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:list")


def _names(response) -> list[str]:
    return [model.name for model in response.context["page"].object_list]


@pytest.fixture
def catalogue():
    meta = provider_factory(slug="meta", name="Meta")
    vendor = provider_factory(slug="vendor", name="Vendor Inc")
    non_commercial = licence_factory(kind="non_commercial")
    models = {
        "llama": model_factory(
            name="Llama Open",
            family="Llama",
            provider=meta,
            access="open_weights",
            offers=0,
            capability_score=Decimal("60"),
            release_date="2025-01-01",
            openness={"training_code": "open", "paper": "open"},
        ),
        "research": model_factory(
            name="Research Only",
            provider=meta,
            access="open_source",
            licence=non_commercial,
            offers=0,
            modalities_input=["text", "image"],
            capability_score=None,
            release_date="2024-01-01",
            openness={"training_code": "open", "training_data": "open", "paper": "open"},
        ),
        "frontier": model_factory(
            name="Frontier Pro",
            provider=vendor,
            access="api_only",
            offers=0,
            capability_score=Decimal("90"),
            release_date="2026-01-01",
        ),
    }
    offer_factory(models["llama"], output_price_per_mtok=Decimal("0.30"))
    offer_factory(models["frontier"], output_price_per_mtok=Decimal("15.00"))
    offer_factory(models["frontier"], output_price_per_mtok=Decimal("10.00"))
    model_factory(name="Hidden Draft", provider=vendor, is_published=False)
    return models


def test_the_catalogue_lists_published_models_only(client, catalogue):
    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert _names(response) == ["Frontier Pro", "Llama Open", "Research Only"]
    assert b"Hidden Draft" not in response.content


def test_a_renamed_provider_or_model_is_found_by_its_new_name(client, catalogue):
    from apps.catalogue.models import Provider

    vendor = Provider.objects.get(slug="vendor")
    vendor.name = "Acme Labs"
    vendor.save()
    catalogue["research"].name = "Scholar Model"
    catalogue["research"].save()

    assert _names(client.get(URL, {"q": "acme"})) == ["Frontier Pro"]
    assert _names(client.get(URL, {"q": "vendor"})) == []
    assert _names(client.get(URL, {"q": "scholar"})) == ["Scholar Model"]


def test_search_finds_letters_beyond_ascii_in_any_case(client, catalogue):
    model_factory(name="Mistral Médium Ünïcode", offers=0)

    assert _names(client.get(URL, {"q": "MÉDIUM ÜN"})) == ["Mistral Médium Ünïcode"]
    assert _names(client.get(URL, {"q": "médium"})) == ["Mistral Médium Ünïcode"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"access": "api_only"}, ["Frontier Pro"]),
        ({"licence_kind": "non_commercial"}, ["Research Only"]),
        ({"provider": "meta"}, ["Llama Open", "Research Only"]),
        ({"modality": "image"}, ["Research Only"]),
        ({"self_hostable": "on"}, ["Llama Open", "Research Only"]),
        ({"commercial_use": "on"}, ["Frontier Pro", "Llama Open"]),
        ({"max_price": "10"}, ["Frontier Pro", "Llama Open"]),
        ({"max_price": "1"}, ["Llama Open"]),
        ({"max_price": "0"}, []),
        ({"q": "llama"}, ["Llama Open"]),
        ({"q": "VENDOR"}, ["Frontier Pro"]),
        ({"q": "only"}, ["Research Only"]),
        ({"q": "ama op"}, ["Llama Open"]),  # any part, across words
        ({"q": "ll"}, ["Llama Open"]),  # shorter than the indexed pieces
        ({"q": "Llama Opens"}, []),
        ({"q": "100%"}, []),  # a wildcard in the search is a plain character
        ({"q": "ll_ma"}, []),
        ({"provider": "meta", "self_hostable": "on", "commercial_use": "on"}, ["Llama Open"]),
    ],
)
def test_filters_narrow_the_list(client, catalogue, query, expected):
    response = client.get(URL, query)

    assert response.status_code == HTTPStatus.OK
    assert _names(response) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Frontier Pro", "Llama Open", "Research Only"]),
        ("release", ["Frontier Pro", "Llama Open", "Research Only"]),
        ("price", ["Llama Open", "Frontier Pro", "Research Only"]),  # no priced offer: last
        ("capability", ["Frontier Pro", "Llama Open", "Research Only"]),  # no score: last
        ("openness", ["Research Only", "Llama Open", "Frontier Pro"]),
    ],
)
def test_sorting_orders_the_list(client, catalogue, sort, expected):
    assert _names(client.get(URL, {"sort": sort})) == expected


def test_the_price_shown_is_the_cheapest_output_price_across_offers(client, catalogue):
    response = client.get(URL, {"access": "api_only"})

    assert "$10.00" in response.content.decode()
    assert "$15.00" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "bogus"},
        {"max_price": "cheap"},
        {"max_price": "-5"},
        {"access": "half-open"},
        {"provider": "nobody"},
        {"modality": "smell"},
        {"page": "999"},
        {"page": "abc"},
        {"page": "0"},
        {"q": "x" * 500},
        {"compare": ",,," + "a" * 300},
    ],
)
def test_bad_query_parameters_never_fail(client, catalogue, query):
    response = client.get(URL, query)

    assert response.status_code == HTTPStatus.OK
    assert len(_names(response)) >= 1 or "q" in query


def test_an_ignored_filter_is_explained(client, catalogue):
    response = client.get(URL, {"max_price": "cheap", "access": "api_only"})

    content = response.content.decode()
    assert "We ignored “Maximum output price”" in content
    assert _names(response) == ["Frontier Pro"]  # the valid filter still applies


def test_a_page_out_of_range_shows_the_last_page_and_says_so(client):
    for number in range(30):
        model_factory(name=f"Model {number:02d}", offers=0)

    response = client.get(URL, {"page": "7"})

    assert response.context["page"].number == 2
    assert len(_names(response)) == 5
    assert "There is no page “7”" in response.content.decode()


def test_pages_hold_25_models_and_link_to_the_next_page_with_the_filters_kept(client):
    for number in range(30):
        model_factory(name=f"Model {number:02d}", offers=0, access="api_only")

    response = client.get(URL, {"access": "api_only"})

    assert len(_names(response)) == 25
    assert 'href="?access=api_only&amp;page=2"' in response.content.decode()


def test_without_javascript_the_filter_form_is_a_plain_get_form(client, catalogue):
    response = client.get(URL)
    content = response.content.decode()

    assert 'method="get" action="/catalogue/"' in content
    assert '<button type="submit" class="button button--primary">Apply filters</button>' in content
    assert "<html" in content


def test_htmx_requests_get_only_the_results_fragment(client, catalogue):
    response = client.get(URL, {"access": "api_only"}, headers={"HX-Request": "true"})
    content = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content
    assert "Frontier Pro" in content
    assert 'hx-swap-oob="true"' in content  # the screen-reader status updates too
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(client, catalogue):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(URL, {"access": "api_only"}, headers=headers)

    assert "<html" in response.content.decode()


def test_every_htmx_link_also_has_an_href(client):
    for number in range(30):
        model_factory(name=f"Model {number:02d}", offers=0)

    content = client.get(URL).content.decode()

    assert content.count("hx-get=") > 0
    for chunk in content.split("<a ")[1:]:
        tag = chunk.split(">", 1)[0]
        if "hx-get=" in tag:
            assert "href=" in tag


def test_lifecycle_is_shown_and_retired_models_are_marked(client):
    model_factory(
        name="Old Model",
        status="retired",
        retirement_date="2026-01-31",
        lifecycle_source_url="https://example.com/r",
    )
    model_factory(name="Current Model")

    assert "Old Model" not in client.get(URL).content.decode()
    content = client.get(URL, {"include_retired": "on"}).content.decode()

    assert "Retired 31 Jan 2026" in content
    assert "model-card--retired" in content
    assert "Active" in content


def test_adding_a_model_to_the_comparison_keeps_it_in_the_url(client, catalogue):
    response = client.get(URL, {"compare": "llama-open"})  # unknown slugs are dropped
    assert response.context["basket"] == []

    llama = catalogue["llama"]
    frontier = catalogue["frontier"]
    response = client.get(URL, {"compare": llama.slug})
    content = response.content.decode()

    assert response.context["basket"] == [llama.slug]
    assert "Your comparison" in content
    assert (
        f"?compare={llama.slug},{frontier.slug}" in content
    )  # "Add to comparison" on Frontier Pro

    response = client.get(URL, {"compare": f"{llama.slug},{frontier.slug}"})
    assert f"/catalogue/compare/?models={llama.slug},{frontier.slug}" in response.content.decode()
