from __future__ import annotations

from decimal import Decimal

import pytest

from apps.catalogue.generation import catalogue_generate
from apps.catalogue.models import AIModel, Offer
from apps.recommendations.snapshot import engine_models, forget_snapshot
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_snapshot():
    forget_snapshot()
    yield
    forget_snapshot()


def test_the_engine_gets_published_models_only_in_four_queries_whatever_the_size(
    django_assert_num_queries,
):
    model_factory(name="Draft", is_published=False)
    catalogue_generate(count=60, seed=3)

    with django_assert_num_queries(4):
        models = engine_models()

    assert len(models) == 60
    assert "Draft" not in {m.name for m in models}
    assert all(m.licence.kind for m in models)
    assert any(offer.output_price_per_mtok for m in models for offer in m.offers)
    assert [m.slug for m in models] == sorted(m.slug for m in models)


def test_after_an_edit_the_next_build_rereads_only_what_changed_and_matches_a_full_read(
    django_assert_max_num_queries,
):
    catalogue_generate(count=60, seed=4)
    engine_models()
    offer = Offer.objects.order_by("pk").first()
    offer.output_price_per_mtok = Decimal("123.45")
    offer.save()
    draft = AIModel.objects.order_by("pk").last()
    draft.is_published = False
    draft.save()

    with django_assert_max_num_queries(10):
        updated = engine_models()
    forget_snapshot()
    full = engine_models()

    assert updated == full
    edited = next(m for m in updated if m.slug == offer.model.slug)
    assert 123.45 in [o.output_price_per_mtok for o in edited.offers]
    assert draft.slug not in {m.slug for m in updated}


def test_rows_written_without_history_still_reach_the_engine():
    catalogue_generate(count=10, seed=5)
    engine_models()
    copy = AIModel.objects.order_by("pk").first()
    copy.pk, copy.slug, copy.name = None, "bulk-newcomer", "Bulk Newcomer"
    AIModel.objects.bulk_create([copy])  # no history row: the count check catches it

    assert "Bulk Newcomer" in {m.name for m in engine_models()}
