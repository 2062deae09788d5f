from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from apps.catalogue.views import COMPARE_TOO_FEW, COMPARE_TOO_MANY
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:compare")


def test_two_to_four_models_are_shown_side_by_side_in_the_order_asked(client):
    models = [model_factory(name=f"Model {letter}") for letter in "DCBA"]

    response = client.get(URL, {"models": ",".join(m.slug for m in models)})

    assert response.status_code == HTTPStatus.OK
    assert [m.name for m in response.context["models"]] == [
        "Model D",
        "Model C",
        "Model B",
        "Model A",
    ]


def test_repeated_models_parameters_work_too(client):
    first, second = model_factory(), model_factory()

    response = client.get(f"{URL}?models={first.slug}&models={second.slug}")

    assert response.status_code == HTTPStatus.OK


def test_rows_that_differ_are_marked_with_text(client):
    open_model = model_factory(access="open_weights")
    closed_model = model_factory(access="api_only")

    response = client.get(URL, {"models": f"{open_model.slug},{closed_model.slug}"})
    content = response.content.decode()
    rows = {row.label: row for row in response.context["rows"]}

    assert rows["Access"].differs
    assert not rows["Output"].differs
    assert '<tr class="compare-row--differs">' in content
    assert "≠ Differs" in content


def test_only_the_differences_can_be_shown(client):
    first, second = model_factory(access="open_weights"), model_factory(access="api_only")

    response = client.get(URL, {"models": f"{first.slug},{second.slug}", "show": "differences"})

    assert response.context["rows"]
    assert all(row.differs for row in response.context["rows"])


@pytest.mark.parametrize(
    ("count", "message"),
    [(0, COMPARE_TOO_FEW), (1, COMPARE_TOO_FEW), (5, COMPARE_TOO_MANY)],
)
def test_fewer_than_two_or_more_than_four_models_is_a_clear_400(client, count, message):
    slugs = ",".join(model_factory().slug for _ in range(count))

    response = client.get(URL, {"models": slugs} if slugs else {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert "Choose models in the catalogue" in response.content.decode()


def test_unknown_or_draft_models_are_a_clear_400(client):
    known = model_factory()
    draft = model_factory(is_published=False)

    response = client.get(URL, {"models": f"{known.slug},{draft.slug},no-such-model"})
    content = response.content.decode()

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "We could not find these models" in content
    assert f"“{draft.slug}”" in content and "“no-such-model”" in content


def test_garbage_in_the_models_parameter_is_a_400_not_a_500(client):
    response = client.get(URL, {"models": "<script>,,,%%%," + "x" * 5000})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "<script>" not in response.content.decode()


def test_each_model_can_be_removed_from_the_comparison(client):
    a, b, c = model_factory(), model_factory(), model_factory()

    content = client.get(URL, {"models": f"{a.slug},{b.slug},{c.slug}"}).content.decode()

    assert f'href="/catalogue/compare/?models={b.slug},{c.slug}"' in content
    assert f'href="/catalogue/?compare={a.slug},{b.slug},{c.slug}"' in content  # add another model
