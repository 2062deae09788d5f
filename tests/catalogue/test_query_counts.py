"""Server work per page must not grow with the catalogue: same queries at 40 and 2,000 models."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.catalogue.generation import catalogue_generate
from apps.catalogue.models import AIModel

pytestmark = pytest.mark.django_db

# json: one more for the catalogue fingerprint that keys its cached copy, and
# three for the cost evidence (GPU types, GPU prices, throughput).
# list: count, page ids, page rows (fetched by id after choosing them), provider filter.
# detail: the model with its relations (2), and the engine snapshot's
# fingerprint (1) for what running it yourself takes.
MAX_QUERIES = {"list": 4, "list_filtered": 5, "detail": 3, "compare": 2, "json": 8}


def _pages() -> dict[str, str]:
    slugs = list(AIModel.objects.order_by("slug").values_list("slug", flat=True)[:4])
    provider = AIModel.objects.order_by("slug").values_list("provider__slug", flat=True).first()
    return {
        "list": reverse("catalogue:list"),
        "list_filtered": reverse("catalogue:list")
        + "?q=synthetic&self_hostable=on&max_price=20&modality=text"
        + f"&provider={provider}&sort=price&page=2",
        "detail": reverse("catalogue:detail", args=[slugs[0]]),
        "compare": reverse("catalogue:compare") + "?models=" + ",".join(slugs),
        "json": reverse("catalogue:json"),
    }


def _warm(client) -> None:
    """The first requests after a catalogue change do work that is not per
    request: the engine snapshot is rebuilt once per process, and once a day
    the list retires prices that ended."""
    for url in _pages().values():
        client.get(url)


def _counts(client) -> dict[str, int]:
    _warm(client)
    counts = {}
    for name, url in _pages().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, name
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("size", [40, 2000])
def test_each_page_stays_within_its_query_budget(client, django_assert_max_num_queries, size):
    catalogue_generate(count=size, seed=size)
    _warm(client)
    for name, url in _pages().items():
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            assert client.get(url).status_code == HTTPStatus.OK


def test_query_counts_are_the_same_for_40_and_2000_models(client):
    catalogue_generate(count=40, seed=1)
    small = _counts(client)
    catalogue_generate(count=1960, seed=2)

    assert _counts(client) == small
