from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from apps.catalogue import models as catalogue
from apps.catalogue.generation import catalogue_generate
from apps.catalogue.models import AIModel
from tests.catalogue.factories import admin_model_form_data, licence_factory, model_factory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:catalogue_aimodel_add")
CHANGELIST_URL = reverse("admin:catalogue_aimodel_changelist")


def test_a_curator_can_add_a_model_with_its_openness_and_offers(admin_client):
    response = admin_client.post(ADD_URL, admin_model_form_data())

    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    model = AIModel.objects.get(slug="curated-model")
    assert model.sources == ["https://example.com/a", "https://example.com/b"]
    assert model.modalities_input == ["text", "image"]
    assert model.openness.weights == "open"
    offer = model.offers.get()
    assert offer.regions == ["eu", "us"]
    assert offer.certifications == ["soc2"]
    assert model.history.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"access": "api_only", "parameters_total_b": ""}, catalogue.MESSAGE_API_ONLY_WEIGHTS),
        ({"offers-0-output_price_per_mtok": "-1"}, catalogue.MESSAGE_NEGATIVE_PRICE),
        (
            {"status": "retired", "lifecycle_source_url": "https://example.com/r"},
            catalogue.MESSAGE_RETIRED_NEEDS_DATE,
        ),
        ({"status": "deprecated"}, catalogue.MESSAGE_LIFECYCLE_NEEDS_SOURCE),
        ({"capability_score": "70"}, catalogue.MESSAGE_SCORE_NEEDS_SOURCE),
        ({"openness-0-weights": "closed"}, catalogue.MESSAGE_OPEN_NEEDS_WEIGHTS),
    ],
)
def test_the_admin_explains_what_is_wrong(admin_client, overrides, message):
    response = admin_client.post(ADD_URL, admin_model_form_data(**overrides))

    assert response.status_code == HTTPStatus.OK
    assert escape(message) in response.content.decode()
    assert not AIModel.objects.filter(slug="curated-model").exists()


def test_the_admin_refuses_a_proprietary_licence_for_an_open_model(admin_client):
    response = admin_client.post(
        ADD_URL, admin_model_form_data(licence=licence_factory(kind="proprietary"))
    )

    assert escape(catalogue.MESSAGE_OPEN_PROPRIETARY_LICENCE) in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Fresh open", "Stale closed", "Draft"}),
        ({"q": "stale"}, {"Stale closed"}),
        ({"access": "api_only"}, {"Stale closed"}),
        ({"licence_kind": "proprietary"}, {"Stale closed"}),
        ({"modality": "image"}, {"Fresh open"}),
        ({"needs_review": "yes"}, {"Stale closed"}),
        ({"needs_review": "no"}, {"Fresh open", "Draft"}),
        ({"is_published__exact": "0"}, {"Draft"}),
        ({"status__exact": "deprecated"}, {"Stale closed"}),
    ],
)
def test_the_change_list_searches_and_filters(admin_client, query, expected):
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    model_factory(name="Fresh open", modalities_input=["text", "image"])
    model_factory(
        name="Stale closed",
        access="api_only",
        facts_as_of=long_ago,
        last_verified=long_ago,
        status="deprecated",
        lifecycle_source_url="https://example.com/d",
    )
    model_factory(name="Draft", is_published=False)

    response = admin_client.get(CHANGELIST_URL, query)

    assert response.status_code == HTTPStatus.OK
    assert {model.name for model in response.context["cl"].result_list} == expected


def test_the_change_list_shows_the_columns_curators_need(admin_client):
    model_factory(name="Shown")

    content = admin_client.get(CHANGELIST_URL).content.decode()

    for column in (
        "Provider",
        "Access",
        "Status today",
        "Capability",
        "From $/1M out",
        "Review",
        "Published",
    ):
        assert f">{column}<" in content or column.lower() in content.lower()


def test_the_change_list_query_count_does_not_grow_with_the_catalogue(admin_client):
    catalogue_generate(count=10, seed=1)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(CHANGELIST_URL)
    catalogue_generate(count=200, seed=2)
    with CaptureQueriesContext(connection) as large:
        admin_client.get(CHANGELIST_URL)

    assert len(large) == len(small)


def test_mark_verified_today_clears_needs_review_and_records_history(admin_client):
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    model = model_factory(facts_as_of=long_ago, last_verified=long_ago)
    history = model.history.count()

    response = admin_client.post(
        CHANGELIST_URL,
        {"action": "mark_verified_today", "_selected_action": [model.pk]},
        follow=True,
    )

    assert "Marked 1 model verified" in response.content.decode()
    model.refresh_from_db()
    assert model.last_verified == timezone.localdate()
    assert AIModel.objects.with_review_state().get(pk=model.pk).needs_review is False
    assert model.history.count() == history + 1


def test_change_history_is_visible_in_the_admin(admin_client):
    model = model_factory(name="Before")
    model.name = "After"
    model.save()

    response = admin_client.get(reverse("admin:catalogue_aimodel_history", args=[model.pk]))

    assert response.status_code == HTTPStatus.OK
    assert "After" in response.content.decode()
    assert "Changed" in response.content.decode() or "~" in response.content.decode()


def test_every_catalogue_admin_page_loads(admin_client):
    model = model_factory()
    for name in ("provider", "licence", "aimodel", "opennessassessment", "offer", "problemreport"):
        assert (
            admin_client.get(reverse(f"admin:catalogue_{name}_changelist")).status_code
            == HTTPStatus.OK
        )
    assert (
        admin_client.get(reverse("admin:catalogue_aimodel_change", args=[model.pk])).status_code
        == HTTPStatus.OK
    )
    assert admin_client.get(reverse("admin:catalogue_aimodel_import")).status_code == HTTPStatus.OK
    assert admin_client.get(reverse("admin:catalogue_aimodel_export")).status_code == HTTPStatus.OK
