"""A score the index estimated (Artificial Analysis's own estimate for a legacy
model it no longer runs) is published as an estimate, never as a measurement."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from apps.catalogue.models import AIModel
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db

ESTIMATE_TAG = "Estimated by Artificial Analysis (not a measured run)"


def _page(client, slug: str) -> str:
    response = client.get(reverse("catalogue:detail", args=[slug]))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _published(client, slug: str) -> dict:
    response = client.get(reverse("catalogue:json"))
    assert response.status_code == HTTPStatus.OK
    return next(m for m in response.json()["models"] if m["slug"] == slug)


def test_an_estimated_score_is_shown_as_an_estimate_on_the_page_and_in_the_open_data(client):
    model = model_factory(capability_source_kind=AIModel.CapabilitySourceKind.ESTIMATED)

    content = _page(client, model.slug)
    published = _published(client, model.slug)

    assert ESTIMATE_TAG in content
    assert "Independently measured" not in content
    assert "Claimed by the provider" not in content
    assert published["capability_source_kind"] == "estimated"
    assert published["capability_score"] == 50


def test_the_catalogue_list_marks_an_estimated_score(client):
    estimated = model_factory(capability_source_kind=AIModel.CapabilitySourceKind.ESTIMATED)
    measured = model_factory(capability_source_kind=AIModel.CapabilitySourceKind.MEASURED)
    page = client.get(reverse("catalogue:list")).content.decode()

    def card(slug: str) -> str:
        start = page.index(f'href="/catalogue/{slug}/"')
        return page[start : page.find('<li class="model-card', start) % (len(page) + 1)]

    assert "AA's estimate" in card(estimated.slug)
    assert "AA's estimate" not in card(measured.slug)


def test_the_shipped_catalogue_keeps_estimates_apart_from_measurements(client, shipped_catalogue):
    # Llama 3.1 8B has only Artificial Analysis's estimate; DeepSeek V3 was measured.
    estimated = _published(client, "llama-3-1-8b-instruct")
    measured = _published(client, "deepseek-v3")

    assert estimated["capability_source_kind"] == "estimated"
    assert estimated["capability_index"] == measured["capability_index"] == "aa-intelligence-v4.3"
    assert "not a measured run" in estimated["capability_note"]
    assert ESTIMATE_TAG in _page(client, "llama-3-1-8b-instruct")
    assert measured["capability_source_kind"] == "measured"
    assert "Independently measured" in _page(client, "deepseek-v3")


def test_a_model_without_a_score_states_no_way_it_was_measured(client):
    model = model_factory(
        capability_score=None,
        capability_note="No independent figure on the index.",
    )

    published = _published(client, model.slug)

    assert published["capability_score"] is None
    assert published["capability_source_kind"] is None
    assert published["capability_note"] == "No independent figure on the index."
