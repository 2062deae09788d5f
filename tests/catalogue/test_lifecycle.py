"""A shutdown date that has come retires a model or offer everywhere, with no
curator edit; a model's lifecycle and its offers' lifecycles are separate."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from apps.catalogue.models import Access
from apps.recommendations.snapshot import engine_models
from tests.catalogue.factories import model_factory, offer_factory

pytestmark = pytest.mark.django_db

SHUTDOWN = dt.date(2026, 12, 1)
NOTICE = "https://example.com/deprecations"
BEFORE = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def _closed_model_shutting_down():
    """An API-only model announced as deprecated, shutting down on 1 December."""
    return model_factory(
        name="Sunset Pro",
        access=Access.API_ONLY,
        status="deprecated",
        retirement_date=SHUTDOWN,
        lifecycle_source_url=NOTICE,
    )


def _json_model(client, slug):
    data = json.loads(client.get(reverse("catalogue:json")).content)
    return next(model for model in data["models"] if model["slug"] == slug)


def test_before_the_shutdown_a_deprecated_model_is_listed_with_its_date(client):
    model = _closed_model_shutting_down()
    with time_machine.travel(BEFORE, tick=False):
        listing = client.get(reverse("catalogue:list")).content.decode()
        page = client.get(model.get_absolute_url()).content.decode()
        engine = {m.slug: m for m in engine_models()}

    assert "Sunset Pro" in listing
    assert "Deprecated, shuts down 1 Dec 2026" in listing
    assert "shuts down on 1 December 2026" in page
    assert engine[model.slug].status == "deprecated"


def test_after_the_shutdown_the_model_is_retired_everywhere_without_an_edit(client):
    model = _closed_model_shutting_down()
    other = model_factory(name="Still Here")
    with time_machine.travel(AFTER, tick=False):
        listing = client.get(reverse("catalogue:list")).content.decode()
        with_retired = client.get(reverse("catalogue:list"), {"include_retired": "on"})
        page = client.get(model.get_absolute_url()).content.decode()
        compare = client.get(
            reverse("catalogue:compare"), {"models": f"{model.slug},{other.slug}"}
        ).content.decode()
        data = _json_model(client, model.slug)
        engine = {m.slug: m for m in engine_models()}

    assert "Sunset Pro" not in listing
    assert "Retired 1 Dec 2026" in with_retired.content.decode()
    assert "Retired on 1 December 2026" in page
    assert "Retired" in compare
    assert data["status"] == "retired"
    assert data["stored_status"] == "deprecated"
    assert engine[model.slug].status == "retired"
    assert engine[other.slug].status == "active"


def test_a_withdrawn_offer_is_not_shown_as_available_and_never_reaches_the_engine(client):
    model = model_factory(name="Open Thing", offers=0)
    offer_factory(model, host_name="Live Host")
    offer_factory(
        model,
        host_name="Gone Host",
        output_price_per_mtok="0.01",
        shutdown_date=SHUTDOWN,
        status="deprecated",
        lifecycle_source_url=NOTICE,
    )
    with time_machine.travel(AFTER, tick=False):
        page = client.get(model.get_absolute_url()).content.decode()
        listing = client.get(reverse("catalogue:list")).content.decode()
        data = _json_model(client, model.slug)
        engine = {m.slug: m for m in engine_models()}

    offers_table = page.split('class="offers-table"')[1].split("</table>")[0]
    assert "Live Host" in offers_table
    assert "Gone Host" not in offers_table
    assert 'data-offer-withdrawn="Gone Host"' in page
    assert "$0.01" not in listing  # the cheapest price shown is a live offer's
    assert {o["host_name"]: o["status"] for o in data["offers"]} == {
        "Live Host": "active",
        "Gone Host": "retired",
    }
    assert [o.host_name for o in engine[model.slug].offers] == ["Live Host"]


def test_open_weights_live_on_when_their_makers_api_shuts_down(client):
    model = model_factory(name="Open Weights", offers=0)
    offer_factory(
        model, kind="vendor_api", host_name="Maker API", shutdown_date=SHUTDOWN,
        status="retired", lifecycle_source_url=NOTICE,
    )  # fmt: skip
    with time_machine.travel(AFTER, tick=False):
        engine = {m.slug: m for m in engine_models()}
        listing = client.get(reverse("catalogue:list")).content.decode()

    assert engine[model.slug].status == "active"
    assert engine[model.slug].offers == ()
    assert "Open Weights" in listing


def test_an_api_only_model_is_gone_when_its_last_offer_is(client):
    model = model_factory(name="Hosted Only", access=Access.API_ONLY, offers=0)
    offer_factory(
        model, host_name="Only Host", shutdown_date=SHUTDOWN, status="deprecated",
        lifecycle_source_url=NOTICE,
    )  # fmt: skip
    with time_machine.travel(BEFORE, tick=False):
        assert {m.slug: m for m in engine_models()}[model.slug].status == "active"
    with time_machine.travel(AFTER, tick=False):
        engine = {m.slug: m for m in engine_models()}
        page = client.get(model.get_absolute_url()).content.decode()
        listing = client.get(reverse("catalogue:list")).content.decode()

    assert engine[model.slug].status == "retired"
    assert "every offer of it has been withdrawn" in page
    assert "Hosted Only" not in listing


def test_the_cheapest_price_shown_moves_on_when_the_cheapest_offer_ends(client):
    model = model_factory(name="Priced Model", offers=0)
    offer_factory(model, host_name="Steady Host", output_price_per_mtok="2.00")
    offer_factory(
        model, host_name="Ending Host", output_price_per_mtok="0.50",
        shutdown_date=dt.date(2026, 12, 10), status="deprecated", lifecycle_source_url=NOTICE,
    )  # fmt: skip
    url = reverse("catalogue:list")

    with time_machine.travel(dt.datetime(2026, 12, 5, tzinfo=dt.UTC), tick=False):
        before = client.get(url, {"max_price": "1"}).content.decode()
    with time_machine.travel(dt.datetime(2026, 12, 15, tzinfo=dt.UTC), tick=False):
        after = client.get(url, {"max_price": "1"}).content.decode()
        listing = client.get(url).content.decode()

    assert "Priced Model" in before and "$0.50" in before
    assert "Priced Model" not in after
    assert "$2.00" in listing and "$0.50" not in listing
