"""Hypothesis strategies: answer sets, catalogues and weight overrides."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from apps.recommendations.engine import FACTOR_KEYS, QUESTIONS, CatalogueModel, Offer

from .factories import APACHE, CC_BY_NC, GEMMA, LLAMA, MIT, PROPRIETARY, RESEARCH_ONLY

ENGINE_SETTINGS = settings(
    deadline=None,  # timings vary on a shared machine; bench/engine.py measures speed
    suppress_health_check=[HealthCheck.too_slow],
)

random_answer_sets = st.fixed_dictionaries(
    {}, optional={question.slug: st.sampled_from(question.keys) for question in QUESTIONS}
)

# Answer sets that pull hard one way, so that scores near ±1 (where a
# non-monotone rule would show) are common, not rare.
STRONGLY_OPEN = {
    "use_case": "research",
    "organisation": "academic",
    "data_sensitivity": "special",
    "data_location": "region",
    "auditability": "critical",
    "customisation": "fine_tune",
    "lock_in": "high",
    "expertise": "team",
    "support": "community",
    "time_to_market": "no_rush",
}
STRONGLY_CLOSED = {
    "use_case": "assistant",
    "organisation": "enterprise",
    "customisation": "as_is",
    "expertise": "none",
    "support": "sla",
    "time_to_market": "weeks",
    "security_exposure": "high",
    "standardisation": "high",
}
polarised_answer_sets = st.builds(
    lambda base, changes: {**base, **changes},
    st.sampled_from([STRONGLY_OPEN, STRONGLY_CLOSED]),
    st.dictionaries(
        st.sampled_from([q.slug for q in QUESTIONS if q.allows_unsure]),
        st.just("unsure"),
        max_size=2,
    ),
)
answer_sets = st.one_of(random_answer_sets, polarised_answer_sets)

weight_overrides = st.dictionaries(st.sampled_from(FACTOR_KEYS), st.integers(0, 3), max_size=4)

prices = st.one_of(
    st.none(),
    st.sampled_from([0.0, 0.05, 0.1, 1.0, 2.5, 10.0]),
    st.floats(0.0, 60.0, allow_nan=False, allow_infinity=False),
)

api_offers = st.builds(
    Offer,
    kind=st.sampled_from(["vendor_api", "cloud_marketplace", "third_party_host"]),
    host_name=st.sampled_from(["Vendor", "Groq", "Azure"]),
    input_price_per_mtok=prices,
    output_price_per_mtok=prices,
    regions=st.sampled_from([(), ("eu",), ("us", "eu"), ("uk",), ("global",), ("jp",)]),
    sla=st.booleans(),
    support_level=st.sampled_from(["community", "business", "enterprise"]),
    trains_on_customer_data=st.sampled_from([False, None, True]),
    certifications=st.just(()),
    data_retention=st.sampled_from(["", "30 days"]),
    fine_tuning_available=st.sampled_from([None, False, True]),
)
supported_offers = st.builds(
    Offer,
    kind=st.just("supported_self_hosting"),
    host_name=st.sampled_from(["NVIDIA AI Enterprise", "Red Hat AI"]),
    input_price_per_mtok=st.none(),
    output_price_per_mtok=st.none(),
    regions=st.just(("customer",)),
    sla=st.booleans(),
    support_level=st.sampled_from(["business", "enterprise"]),
    trains_on_customer_data=st.just(False),
    certifications=st.just(()),
    data_retention=st.just("none: runs on your servers"),
    fine_tuning_available=st.sampled_from([None, True]),
    subscription_usd_per_gpu_year=st.sampled_from([None, 4500.0]),
)
offers = st.one_of(api_offers, api_offers, supported_offers)

SIZES = [(None, None), (1.0, None), (8.0, None), (70.0, None), (405.0, None), (671.0, 37.0)]


@st.composite
def catalogue_models(draw: st.DrawFn, slug: str) -> CatalogueModel:
    access = draw(st.sampled_from(["open_source", "open_weights", "api_only"]))
    if access == "api_only":
        licence = PROPRIETARY
        total, active = None, None
    else:
        licence = draw(st.sampled_from([APACHE, MIT, LLAMA, GEMMA, CC_BY_NC, RESEARCH_ONLY]))
        total, active = draw(st.sampled_from(SIZES))
    return CatalogueModel(
        slug=slug,
        name=slug.title(),
        provider=draw(st.sampled_from(["Lab A", "Lab B", "Lab C"])),
        access=access,
        licence=licence,
        parameters_total_b=total,
        parameters_active_b=active,
        capability_score=draw(
            st.one_of(st.none(), st.sampled_from([40.0, 60.0, 61.0, 90.0]), st.floats(0, 100))
        ),
        openness_score=draw(st.one_of(st.none(), st.floats(0, 1))),
        fine_tuning_available=draw(st.sampled_from([True, False, None])),
        status=draw(st.sampled_from(["active", "active", "active", "deprecated", "retired"])),
        offers=tuple(draw(st.lists(offers, max_size=3))),
        weight_bytes_per_parameter=draw(st.sampled_from([None, 2.0, 1.0, 0.53])),
    )


@st.composite
def catalogues(draw: st.DrawFn, max_size: int = 10) -> tuple[CatalogueModel, ...]:
    size = draw(st.integers(0, max_size))
    return tuple(draw(catalogue_models(f"model-{number:02d}")) for number in range(size))
