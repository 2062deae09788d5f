from __future__ import annotations

import csv
import io
import json
from http import HTTPStatus

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from apps.catalogue import models as catalogue
from apps.catalogue.models import AIModel, Offer
from apps.catalogue.resources import AIModelResource, OfferResource
from tests.catalogue.factories import licence_factory, model_factory

pytestmark = pytest.mark.django_db

CSV, JSON = "0", "1"  # positions in the admin's format list


def _export_rows(resource, queryset) -> list[dict]:
    return list(csv.DictReader(io.StringIO(resource.export(queryset).csv)))


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(
    client, admin_name: str, content: bytes, *, fmt: str = CSV, name: str = "catalogue.csv"
):
    url = reverse(f"admin:catalogue_{admin_name}_import")
    upload = SimpleUploadedFile(name, content)
    return client.post(url, {"import_file": upload, "format": fmt, "resource": "0"})


def _confirm(client, admin_name: str, response):
    form = response.context["confirm_form"]
    return client.post(
        reverse(f"admin:catalogue_{admin_name}_process_import"), form.initial, follow=True
    )


@pytest.fixture
def exported_model() -> tuple[AIModel, dict]:
    model = model_factory(name="Exported", modalities_input=["text", "image"])
    (row,) = _export_rows(AIModelResource(), AIModel.objects.filter(pk=model.pk))
    return model, row


def test_models_export_with_their_openness_in_one_row(exported_model):
    model, row = exported_model

    assert row["slug"] == model.slug
    assert row["provider"] == model.provider.slug
    assert row["licence"] == model.licence.slug
    assert row["modalities_input"] == "text | image"
    assert row["openness_weights"] == "open"
    assert row["openness_score"]


def test_a_good_file_imports_after_a_dry_run_that_changes_nothing(admin_client, exported_model):
    model, row = exported_model
    renamed = {**row, "name": "Renamed"}
    new = {**row, "slug": "brand-new", "name": "Brand New", "openness_weights": "partial"}

    response = _upload(admin_client, "aimodel", _csv([renamed, new]))

    assert response.status_code == HTTPStatus.OK
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["update", "new"]
    assert AIModel.objects.get(pk=model.pk).name == "Exported"  # the dry run wrote nothing
    assert not AIModel.objects.filter(slug="brand-new").exists()

    _confirm(admin_client, "aimodel", response)

    assert AIModel.objects.get(pk=model.pk).name == "Renamed"
    brand_new = AIModel.objects.get(slug="brand-new")
    assert brand_new.openness.weights == "partial"
    assert brand_new.modalities_input == ["text", "image"]
    assert brand_new.history.count() == 1


def test_a_bad_file_imports_nothing_and_shows_row_level_errors(admin_client, exported_model):
    model, row = exported_model
    good = {**row, "slug": "good-row", "name": "Good Row"}
    api_only_with_open_weights = {
        **row,
        "slug": "bad-row",
        "access": "api_only",
        "licence": licence_factory(kind="proprietary").slug,
        "openness_weights": "open",
    }
    unknown_provider = {**row, "slug": "bad-provider", "provider": "nobody"}

    response = _upload(
        admin_client, "aimodel", _csv([good, api_only_with_open_weights, unknown_provider])
    )
    content = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert "confirm_form" not in response.context
    assert response.context["result"].has_validation_errors()
    assert escape(catalogue.MESSAGE_API_ONLY_WEIGHTS) in content
    assert escape("There is no provider with the slug “nobody”.") in content
    assert [row.number for row in response.context["result"].invalid_rows] == [2, 3]
    assert "<td>2 </td>" in content  # the row number is shown next to its errors
    assert set(AIModel.objects.values_list("slug", flat=True)) == {model.slug}


def test_the_confirm_step_also_rolls_back_a_file_with_any_bad_row(exported_model):
    _model, row = exported_model
    dataset = tablib.Dataset(headers=list(row))
    dataset.append(list({**row, "slug": "good-row"}.values()))
    dataset.append(
        list({**row, "slug": "bad-row", "status": "retired", "lifecycle_source_url": ""}.values())
    )
    model_admin = admin.site._registry[AIModel]

    kwargs = model_admin.get_import_data_kwargs()
    result = AIModelResource().import_data(dataset, dry_run=False, **kwargs)

    assert kwargs["rollback_on_validation_errors"] is True
    assert result.has_validation_errors()
    assert not AIModel.objects.filter(slug="good-row").exists()


def test_importing_an_unchanged_export_skips_every_row_and_records_no_history(
    admin_client, exported_model
):
    model, row = exported_model
    history = model.history.count() + model.openness.history.count()

    response = _upload(admin_client, "aimodel", _csv([row]))
    _confirm(admin_client, "aimodel", response)

    assert [r.import_type for r in response.context["result"].rows] == ["skip"]
    assert model.history.count() + model.openness.history.count() == history


def test_json_files_import_too(admin_client, exported_model):
    _model, row = exported_model
    content = json.dumps([{**row, "slug": "from-json", "name": "From JSON"}]).encode()

    response = _upload(admin_client, "aimodel", content, fmt=JSON, name="models.json")
    _confirm(admin_client, "aimodel", response)

    assert AIModel.objects.get(slug="from-json").name == "From JSON"


def test_offers_import_by_model_slug_and_reject_negative_prices(admin_client):
    model = model_factory(offers=0)
    row = {
        "model": model.slug,
        "kind": "third_party_host",
        "host_name": "New Host",
        "url": "https://h.example",
        "input_price_per_mtok": "0.5",
        "output_price_per_mtok": "-1",
        "regions": "eu | us",
        "data_retention": "",
        "trains_on_customer_data": "",
        "certifications": "soc2",
        "support_level": "community",
        "sla": "0",
        "source_url": "https://h.example/pricing",
        "as_of": "2026-11-01",
    }

    bad = _upload(admin_client, "offer", _csv([row]))
    assert escape(catalogue.MESSAGE_NEGATIVE_PRICE) in bad.content.decode()
    assert not Offer.objects.exists()

    good = _upload(admin_client, "offer", _csv([{**row, "output_price_per_mtok": "1.5"}]))
    _confirm(admin_client, "offer", good)
    offer = Offer.objects.get()
    assert offer.regions == ["eu", "us"]
    assert offer.certifications == ["soc2"]


def test_offers_export_with_the_model_slug():
    model = model_factory()

    (row,) = _export_rows(OfferResource(), Offer.objects.all())

    assert row["model"] == model.slug
    assert row["certifications"] == "soc2"
