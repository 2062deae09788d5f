from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.catalogue.conftest import CURATORS
from tests.catalogue.factories import admin_model_form_data, model_factory

pytestmark = pytest.mark.django_db


def test_the_curators_group_can_edit_the_catalogue_and_reports_and_nothing_else():
    permissions = set(
        Group.objects.get(name=CURATORS).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )

    models = [
        "provider",
        "licence",
        "aimodel",
        "opennessassessment",
        "offer",
        "problemreport",
        "gputype",
        "gpuprice",
        "throughputevidence",
        "modelsdevmapping",
    ]
    expected = {
        ("catalogue", f"{action}_{model}")
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    # Proposals come from the sync and are never deleted: a rejection is remembered.
    expected |= {("catalogue", "view_proposedchange"), ("catalogue", "change_proposedchange")}
    assert permissions == expected


def test_a_curator_can_change_a_model(curator_client, curator):
    model = model_factory(name="Old name")
    offer = model.offers.get()
    url = reverse("admin:catalogue_aimodel_change", args=[model.pk])
    data = admin_model_form_data(
        provider=model.provider, licence=model.licence, name="New name", slug=model.slug
    )
    data.update(
        {
            "openness-INITIAL_FORMS": "1",
            "openness-0-id": model.openness.pk,
            "openness-0-model": model.pk,
            "offers-INITIAL_FORMS": "1",
            "offers-0-id": offer.pk,
            "offers-0-model": model.pk,
        }
    )

    assert curator_client.get(url).status_code == HTTPStatus.OK
    response = curator_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    model.refresh_from_db()
    assert model.name == "New name"
    assert model.history.latest().history_user == curator
    assert (
        curator_client.get(reverse("admin:catalogue_aimodel_changelist")).status_code
        == HTTPStatus.OK
    )
    assert (
        curator_client.get(reverse("admin:catalogue_problemreport_changelist")).status_code
        == HTTPStatus.OK
    )
    assert (
        curator_client.get(reverse("admin:catalogue_aimodel_import")).status_code == HTTPStatus.OK
    )


def test_a_curator_cannot_view_or_change_users_or_groups(curator_client, curator):
    assert (
        curator_client.get(reverse("admin:auth_user_changelist")).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        curator_client.get(reverse("admin:auth_user_change", args=[curator.pk])).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert (
        curator_client.get(reverse("admin:auth_group_changelist")).status_code
        == HTTPStatus.FORBIDDEN
    )
    assert not curator.has_perm("auth.change_user")


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:catalogue_aimodel_changelist"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
