from __future__ import annotations

import json
from http import HTTPStatus
from pathlib import Path

import pytest
from django.urls import reverse

from apps.catalogue.loading import catalogue_load
from apps.catalogue.models import AIModel
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small_catalogue.json"


def _json(client) -> dict:
    response = client.get(reverse("catalogue:json"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_open_data_has_a_schema_version_and_every_published_model(client):
    model_factory(name="Public")
    model_factory(name="Secret draft", is_published=False)

    data = _json(client)

    assert data["schema_version"] == 2
    assert data["units"]["prices"] == "USD per 1M tokens"
    assert [m["name"] for m in data["models"]] == ["Public"]
    assert len(data["providers"]) == 1
    assert len(data["licences"]) == 1


def test_every_fact_comes_with_its_source_and_date(client):
    catalogue_load(data=json.loads(SMALL.read_text()))

    data = _json(client)
    model = next(m for m in data["models"] if m["slug"] == "acme-small")

    assert model["provider"] == "acme-ai"
    assert model["licence"] == "acme-community"
    assert model["parameters_total_b"] == 8
    assert model["capability_source_kind"] == "claimed"
    assert model["capability_source_url"] == "https://acme.example/models/small"
    assert model["lifecycle_source_url"] == "https://acme.example/deprecations"
    assert model["facts_as_of"] == "2026-10-01"
    assert model["openness"]["weights"] == "open"
    assert model["openness"]["as_of"] == "2026-10-01"
    assert 0 <= model["openness"]["score"] <= 1
    assert model["url"].endswith("/catalogue/acme-small/")
    offer = next(o for o in model["offers"] if o["host_name"] == "Big Cloud")
    assert offer["output_price_per_mtok"] == 0.3
    assert offer["certifications"] == ["soc2", "hipaa_baa"]
    assert offer["source_url"] == "https://cloud.example/pricing"
    assert offer["as_of"] == "2026-10-01"
    licence = next(item for item in data["licences"] if item["slug"] == "acme-community")
    assert licence["user_cap"] == 700_000_000
    assert licence["as_of"] == "2026-10-01"


def test_the_open_data_loads_back_into_an_empty_catalogue(client):
    catalogue_load(data=json.loads(SMALL.read_text()))
    exported = _json(client)
    AIModel.objects.all().delete()

    result = catalogue_load(data=exported)

    assert result.created["model"] == 3
    assert catalogue_load(data=exported).changed is False


def test_anyone_may_fetch_the_open_data_from_another_site(client):
    response = client.get(reverse("catalogue:json"))

    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_open_data_reflects_an_edit_at_once_despite_the_cache(client):
    from apps.catalogue.models import AIModel
    from tests.catalogue.factories import model_factory

    model = model_factory()
    before = client.get("/catalogue.json").json()
    model.name = "Renamed model"
    model.save()

    after = client.get("/catalogue.json").json()

    def names(data):
        return {entry["name"] for entry in data["models"]}

    assert "Renamed model" not in names(before)
    assert "Renamed model" in names(after)
    assert AIModel.objects.filter(name="Renamed model").exists()
