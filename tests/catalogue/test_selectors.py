from __future__ import annotations

import pytest

from apps.catalogue.generation import catalogue_generate
from apps.catalogue.selectors import published_models_for_engine
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db


def test_the_engine_gets_published_models_only_with_everything_prefetched(
    django_assert_num_queries,
):
    model_factory(name="Draft", is_published=False)
    catalogue_generate(count=60, seed=3)

    with django_assert_num_queries(2):
        models = list(published_models_for_engine())
        facts = [
            (
                m.provider.name,
                m.licence.kind,
                m.openness.score,
                [o.output_price_per_mtok for o in m.offers.all()],
            )
            for m in models
        ]

    assert len(facts) == 60
    assert "Draft" not in {m.name for m in models}
