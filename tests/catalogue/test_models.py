from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.catalogue import models as catalogue
from apps.catalogue.models import AIModel, Licence, Offer, Openness, OpennessAssessment
from tests.catalogue.factories import (
    licence_factory,
    model_factory,
    offer_factory,
    provider_factory,
)

pytestmark = pytest.mark.django_db


def _rejected_by_database(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


# --- Database constraints: hold even for code that skips validation -----------


def test_database_rejects_a_negative_price():
    model = model_factory(offers=0)
    _rejected_by_database(lambda: offer_factory(model, output_price_per_mtok=Decimal("-0.01")))
    _rejected_by_database(lambda: offer_factory(model, input_price_per_mtok=Decimal("-1")))


def test_database_rejects_a_duplicate_model_slug():
    model_factory(slug="same")
    _rejected_by_database(lambda: model_factory(slug="same"))


def test_database_rejects_a_duplicate_provider_or_licence_slug():
    provider_factory(slug="acme")
    licence_factory(slug="mit")
    _rejected_by_database(lambda: provider_factory(slug="acme"))
    _rejected_by_database(lambda: licence_factory(slug="mit"))


def test_database_rejects_an_unknown_access_value():
    model = model_factory()
    _rejected_by_database(lambda: AIModel.objects.filter(pk=model.pk).update(access="half_open"))


def test_database_rejects_unknown_enum_values_everywhere():
    model = model_factory()
    offer = model.offers.get()
    _rejected_by_database(lambda: AIModel.objects.filter(pk=model.pk).update(status="sunset"))
    _rejected_by_database(lambda: Licence.objects.filter(pk=model.licence_id).update(kind="free"))
    _rejected_by_database(lambda: Offer.objects.filter(pk=offer.pk).update(support_level="gold"))
    _rejected_by_database(
        lambda: OpennessAssessment.objects.filter(model=model).update(paper="maybe")
    )


def test_database_rejects_an_unknown_modality_or_certification():
    model = model_factory()
    _rejected_by_database(
        lambda: AIModel.objects.filter(pk=model.pk).update(modalities_input=["text", "smell"])
    )
    _rejected_by_database(
        lambda: Offer.objects.filter(model=model).update(certifications=["fedramp"])
    )


def test_database_requires_a_licence_and_a_retirement_date_for_retired_models():
    model = model_factory()
    _rejected_by_database(lambda: AIModel.objects.filter(pk=model.pk).update(licence=None))
    _rejected_by_database(lambda: AIModel.objects.filter(pk=model.pk).update(status="retired"))


def test_database_keeps_the_capability_score_between_0_and_100():
    model = model_factory()
    _rejected_by_database(
        lambda: AIModel.objects.filter(pk=model.pk).update(capability_score=Decimal("100.5"))
    )


def test_database_forbids_a_non_commercial_licence_allowing_commercial_use():
    _rejected_by_database(lambda: licence_factory(kind="non_commercial", commercial_use=True))


# --- Openness score ----------------------------------------------------------


def test_openness_score_averages_open_1_partial_half_closed_0():
    model = model_factory(openness=False)
    openness = OpennessAssessment.objects.create(
        model=model,
        weights=Openness.OPEN,
        training_code=Openness.OPEN,
        training_data=Openness.PARTIAL,
        data_documentation=Openness.PARTIAL,
        model_card=Openness.OPEN,
        paper=Openness.CLOSED,
        evaluation=Openness.CLOSED,
        source_url="https://example.com",
        as_of=timezone.localdate(),
    )
    assert openness.score == Decimal("0.571")  # (1 + 1 + .5 + .5 + 1) / 7

    OpennessAssessment.objects.filter(pk=openness.pk).update(
        paper=Openness.OPEN, evaluation=Openness.OPEN
    )
    openness.refresh_from_db()
    assert openness.score == Decimal("0.857")  # recomputed by the database on every write


def test_openness_score_is_0_when_everything_is_closed_and_1_when_everything_is_open():
    closed = model_factory(
        access="api_only", openness=dict.fromkeys(_dimensions(), Openness.CLOSED)
    )
    open_ = model_factory(
        access="open_source", openness=dict.fromkeys(_dimensions(), Openness.OPEN)
    )
    assert closed.openness.score == Decimal("0")
    assert open_.openness.score == Decimal("1")


def _dimensions() -> list[str]:
    return [field for field, _label in catalogue.OPENNESS_DIMENSIONS]


# --- Validation messages (clean) -------------------------------------------------


def _messages(instance, field: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict[field]


def test_an_api_only_model_must_have_closed_weights():
    model = model_factory(access="api_only")
    model.openness.weights = Openness.OPEN
    assert _messages(model.openness, "weights") == [catalogue.MESSAGE_API_ONLY_WEIGHTS]


def test_an_open_weights_model_cannot_have_closed_weights():
    model = model_factory(access="open_weights")
    model.openness.weights = Openness.CLOSED
    assert _messages(model.openness, "weights") == [catalogue.MESSAGE_OPEN_NEEDS_WEIGHTS]


def test_an_open_model_needs_a_licence_that_is_not_proprietary():
    model = model_factory(access="open_weights", licence=licence_factory(kind="proprietary"))
    assert _messages(model, "licence") == [catalogue.MESSAGE_OPEN_PROPRIETARY_LICENCE]


def test_a_retired_model_needs_a_retirement_date_and_its_source():
    model = model_factory(status="deprecated", lifecycle_source_url="")
    assert _messages(model, "lifecycle_source_url") == [catalogue.MESSAGE_LIFECYCLE_NEEDS_SOURCE]
    model.status = "retired"
    model.lifecycle_source_url = "https://example.com/retired"
    assert _messages(model, "retirement_date") == [catalogue.MESSAGE_RETIRED_NEEDS_DATE]


def test_prices_cannot_be_negative():
    offer = model_factory().offers.get()
    offer.output_price_per_mtok = Decimal("-2")
    assert _messages(offer, "output_price_per_mtok") == [catalogue.MESSAGE_NEGATIVE_PRICE]


def test_active_parameters_cannot_exceed_total_parameters():
    model = model_factory(parameters_total_b=Decimal("8"), parameters_active_b=Decimal("9"))
    assert _messages(model, "parameters_active_b") == [catalogue.MESSAGE_ACTIVE_EXCEEDS_TOTAL]


def test_a_capability_score_needs_its_source():
    model = model_factory(capability_source_url="")
    assert _messages(model, "capability_source_url") == [catalogue.MESSAGE_SCORE_NEEDS_SOURCE]


def test_the_slug_compare_is_reserved_for_the_comparison_page():
    model = model_factory(slug="compare")
    assert _messages(model, "slug") == [catalogue.MESSAGE_RESERVED_SLUG]


def test_unknown_modalities_are_a_validation_error():
    model = model_factory()
    model.modalities_input = ["text", "smell"]
    assert "smell" in _messages(model, "modalities_input")[0]


def test_a_valid_model_passes_validation():
    model = model_factory()
    model.full_clean()
    model.openness.full_clean()
    model.offers.get().full_clean()


# --- Needs review ------------------------------------------------------------------


def _needs_review(model: AIModel) -> bool:
    return AIModel.objects.with_review_state().get(pk=model.pk).needs_review


def test_a_model_with_fresh_facts_does_not_need_review():
    assert _needs_review(model_factory(last_verified=None)) is False


def test_a_model_with_a_stale_fact_needs_review_until_someone_verifies_it():
    long_ago = timezone.localdate() - dt.timedelta(days=catalogue.REVIEW_AFTER_DAYS + 1)
    model = model_factory(facts_as_of=long_ago, last_verified=long_ago)
    assert _needs_review(model) is True
    AIModel.objects.filter(pk=model.pk).update(last_verified=timezone.localdate())
    assert _needs_review(model) is False


def test_a_stale_offer_or_openness_date_makes_its_model_need_review():
    long_ago = timezone.localdate() - dt.timedelta(days=catalogue.REVIEW_AFTER_DAYS + 1)
    stale_offer = model_factory(last_verified=None)
    offer_factory(stale_offer, as_of=long_ago)
    stale_openness = model_factory(last_verified=None, openness={"as_of": long_ago})
    assert _needs_review(stale_offer) is True
    assert _needs_review(stale_openness) is True


def test_a_fact_exactly_180_days_old_is_still_fresh():
    boundary = timezone.localdate() - dt.timedelta(days=catalogue.REVIEW_AFTER_DAYS)
    assert _needs_review(model_factory(facts_as_of=boundary, last_verified=None)) is False


def test_database_rejects_zero_parameters_and_a_zero_user_cap():
    model = model_factory()
    _rejected_by_database(
        lambda: AIModel.objects.filter(pk=model.pk).update(parameters_total_b=Decimal("0"))
    )
    _rejected_by_database(lambda: Licence.objects.filter(pk=model.licence_id).update(user_cap=0))
