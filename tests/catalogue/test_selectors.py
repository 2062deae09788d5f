from __future__ import annotations

import pytest

from apps.catalogue.generation import catalogue_generate
from apps.recommendations.snapshot import engine_models
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db


def test_the_engine_gets_published_models_only_in_three_queries_whatever_the_size(
    django_assert_num_queries,
):
    model_factory(name="Draft", is_published=False)
    catalogue_generate(count=60, seed=3)

    with django_assert_num_queries(3):
        models = engine_models()

    assert len(models) == 60
    assert "Draft" not in {m.name for m in models}
    assert all(m.licence.kind for m in models)
    assert any(offer.output_price_per_mtok for m in models for offer in m.offers)
