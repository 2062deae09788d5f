"""What curators see: the front page's freshness panel, inline edits in the
model's history, and the key columns of the lists."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.catalogue.models import AIModel, Offer
from tests.catalogue.factories import model_factory, offer_factory, provider_factory

pytestmark = pytest.mark.django_db


def test_the_front_page_counts_what_needs_a_curator_per_provider(curator_client):
    today = timezone.localdate()
    acme = provider_factory(name="Acme AI", slug="acme")
    stale = model_factory(
        provider=acme, facts_as_of=today - dt.timedelta(days=400), last_verified=None
    )
    model_factory(
        provider=acme,
        retirement_date=today + dt.timedelta(days=20),
        status="deprecated",
        lifecycle_source_url="https://example.com/notice",
    )
    unscored = model_factory(provider=acme, capability_score=None)
    offer_factory(unscored, data_retention="", trains_on_customer_data=None)
    model_factory(provider=provider_factory(name="Tidy Labs"))

    content = curator_client.get(reverse("admin:index")).content.decode()

    panel = content.split('id="catalogue-freshness"')[1].split("</table>")[0]
    assert "Acme AI" in panel
    assert "Tidy Labs" not in panel  # nothing to do there
    stale_link = 'data-check="stale" data-provider="acme"'
    assert stale_link in panel
    for check in ("shutdown_models", "terms", "capability"):
        assert f'data-check="{check}" data-provider="acme"' in panel
    # Each count links to the list filtered to exactly those rows.
    link = panel.split('data-check="capability"')[0].rsplit('href="', 1)[1].split('"')[0]
    listed = curator_client.get(link.replace("&amp;", "&"))
    assert listed.status_code == HTTPStatus.OK
    assert list(listed.context["cl"].result_list) == [unscored]
    assert stale.pk in AIModel.objects.with_review_state().filter(needs_review=True).values_list(
        "pk", flat=True
    )


def test_offers_without_data_terms_are_one_click_away(curator_client):
    model = model_factory(offers=0)
    bare = offer_factory(model, host_name="Bare Host", regions=[], data_retention="")
    offer_factory(model, host_name="Tidy Host")

    response = curator_client.get(
        reverse("admin:catalogue_offer_changelist"),
        {"data_terms": "missing", "model__provider__id__exact": model.provider_id},
    )

    assert list(response.context["cl"].result_list) == [bare]


def test_an_inline_price_edit_appears_in_the_models_history(curator_client):
    model = model_factory(offers=0)
    offer = offer_factory(model, host_name="Edited Host", input_price_per_mtok="1.00")
    offer.input_price_per_mtok = "1.50"
    offer.save()

    content = curator_client.get(
        reverse("admin:catalogue_aimodel_history", args=[model.pk])
    ).content.decode()

    related = content.split('id="related-changes"')[1]
    assert "Offer on Edited Host" in related
    assert "input_price_per_mtok" in related
    assert "1.5000" in related


def test_the_model_list_shows_its_key_columns(curator_client):
    model_factory(name="Listed Model")

    content = curator_client.get(reverse("admin:catalogue_aimodel_changelist")).content.decode()

    for column in ("column-name", "column-provider", "column-status_today",
                   "column-capability", "column-cheapest_live_price"):  # fmt: skip
        assert column in content
    assert Offer.objects.exists()
