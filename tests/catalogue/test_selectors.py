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


def test_a_full_read_gives_the_engine_every_fact_of_a_model_and_its_live_offers():
    """Field by field: the snapshot builds its objects without the engine's
    per-object checks, so nothing else would notice a column read into the
    wrong field."""
    import datetime as dt

    from django.utils import timezone

    from apps.recommendations import engine
    from tests.catalogue.factories import licence_factory, offer_factory, provider_factory

    today = timezone.localdate()
    licence = licence_factory(
        kind="open_weights_restricted",
        commercial_use=True,
        modification=True,
        redistribution=False,
        attribution_required=True,
        acceptable_use_policy_url="https://example.com/aup",
        user_cap=700_000_000,
        obligations=["Say where it came from"],
    )
    model = model_factory(
        provider=provider_factory(name="Maker"),
        licence=licence,
        offers=0,
        access="open_weights",
        parameters_total_b=Decimal("70"),
        parameters_active_b=Decimal("12.5"),
        capability_score=Decimal("42.5"),
        fine_tuning_available=False,
        status="deprecated",
        retirement_date=today + dt.timedelta(days=30),
        native_precision="fp8",
        checkpoint_size_gb=Decimal("140"),
        num_layers=32,
        num_kv_heads=8,
        head_dim=128,
        facts_as_of=today - dt.timedelta(days=400),
        last_verified=None,
    )
    offer_factory(
        model,
        kind="third_party_host",
        host_name="Cheap Host",
        input_price_per_mtok=Decimal("0.5"),
        output_price_per_mtok=Decimal("1.25"),
        regions=["eu"],
        certifications=["soc2", "iso27001"],
        data_retention="None",
        trains_on_customer_data=False,
        fine_tuning_available=True,
        support_level="enterprise",
        sla=True,
        as_of=dt.date(2026, 6, 10),
    )
    offer_factory(
        model,
        kind="supported_self_hosting",
        host_name="Support Co",
        input_price_per_mtok=None,
        output_price_per_mtok=None,
        subscription_price_usd=Decimal("8000"),
        subscription_unit="node_year",
        regions=["customer"],
        certifications=[],
        data_retention="",
        trains_on_customer_data=None,
        as_of=dt.date(2026, 5, 1),
    )
    offer_factory(model, host_name="Gone Host", status="retired", shutdown_date=today)
    offer_factory(model, host_name="Ended Host", shutdown_date=today - dt.timedelta(days=1))

    (found,) = engine_models()

    expected = engine.CatalogueModel(
        slug=model.slug,
        name=model.name,
        provider="Maker",
        access="open_weights",
        licence=engine.LicenceTerms(
            slug=licence.slug,
            name=licence.name,
            kind="open_weights_restricted",
            commercial_use=True,
            modification=True,
            redistribution=False,
            attribution_required=True,
            acceptable_use_policy=True,
            user_cap=700_000_000,
            obligations=("Say where it came from",),
        ),
        parameters_total_b=70.0,
        parameters_active_b=12.5,
        capability_score=42.5,
        openness_score=float(model.openness.score),
        fine_tuning_available=False,
        status="deprecated",
        offers=(
            engine.Offer(
                kind="third_party_host",
                host_name="Cheap Host",
                input_price_per_mtok=0.5,
                output_price_per_mtok=1.25,
                regions=("eu",),
                sla=True,
                support_level="enterprise",
                trains_on_customer_data=False,
                certifications=("soc2", "iso27001"),
                data_retention="None",
                fine_tuning_available=True,
                as_of="2026-06-10",
            ),
            engine.Offer(
                kind="supported_self_hosting",
                host_name="Support Co",
                input_price_per_mtok=None,
                output_price_per_mtok=None,
                regions=("customer",),
                support_level="business",
                subscription_usd_per_gpu_year=1000.0,  # a node is eight GPUs
                as_of="2026-05-01",
            ),
        ),
        native_precision="fp8",
        kv_bytes_per_token=131_072.0,  # keys and values, 32 layers × 8 heads × 128, 16-bit
        facts_stale=True,
        weight_bytes_per_parameter=2.0,  # 140 GB for 70 B parameters
    )
    assert found == expected
    assert repr(found) == repr(expected)  # floats stay floats (8 == 8.0, but not in a result)


def test_reading_decimals_as_floats_for_the_engine_leaves_other_queries_with_decimals():
    model_factory(offers=1)
    engine_models()

    price = Offer.objects.values_list("input_price_per_mtok", flat=True).get()
    assert price == Decimal("1.00")
    assert isinstance(price, Decimal)


@pytest.mark.parametrize(
    ("cls", "field", "bad"),
    [
        ("Offer", "output_price_per_mtok", -0.01),
        ("Offer", "output_price_per_mtok", float("nan")),
        ("Offer", "input_price_per_mtok", float("inf")),
        ("CatalogueModel", "capability_score", 100.5),
        ("CatalogueModel", "openness_score", 1.01),
        ("CatalogueModel", "parameters_total_b", 0.0),
        ("CatalogueModel", "access", "weights_on_request"),
    ],
)
def test_the_snapshot_column_checks_find_one_bad_value_among_thousands(cls, field, bad):
    from apps.recommendations import engine

    engine_type = getattr(engine, cls)
    if field == "access":
        good = ["open_weights", "api_only"] * 2_000
    else:  # numbers, and None where the field is not set
        good = [round(0.01 + n / 1_000, 3) for n in range(1, 990)] + [None]
    engine.check_columns(engine_type, {field: good})

    with pytest.raises(ValueError, match=field):
        engine.check_columns(engine_type, {field: [*good, bad]})
