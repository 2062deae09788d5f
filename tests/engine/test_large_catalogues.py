"""Large catalogues: realistic synthetic data, and a prepared catalogue that
gives exactly the same answer. Speed is measured by bench/engine.py, not here."""

from __future__ import annotations

from apps.recommendations.engine import prepare_catalogue, recommend

from .factories import make_catalogue
from .test_examples import SMALL_TEAM_NEEDING_SLA_AND_FRONTIER

ANSWERS = {**SMALL_TEAM_NEEDING_SLA_AND_FRONTIER, "support": "business", "budget": "large"}


def test_synthetic_catalogues_are_realistic_and_reproducible():
    catalogue = make_catalogue(500, seed=4)
    assert catalogue == make_catalogue(500, seed=4) != make_catalogue(500, seed=5)
    assert len({model.slug for model in catalogue}) == 500
    assert {model.side for model in catalogue} == {"open", "closed"}
    assert {model.status for model in catalogue} == {"active", "deprecated", "retired"}
    assert len({model.provider for model in catalogue}) >= 12
    assert any(offer.sla for model in catalogue for offer in model.offers)
    assert any(model.parameters_active_b for model in catalogue)


def test_every_model_of_a_10000_model_catalogue_is_either_shortlisted_excluded_or_ranked_out():
    catalogue = make_catalogue(10_000, seed=1)
    result = recommend(ANSWERS, catalogue)
    assert result.shortlist
    assert len(result.excluded) + len(result.shortlist) <= 10_000


def test_a_prepared_catalogue_gives_the_same_recommendation():
    catalogue = make_catalogue(2_000, seed=1)
    assert recommend(ANSWERS, prepare_catalogue(catalogue)) == recommend(ANSWERS, catalogue)
