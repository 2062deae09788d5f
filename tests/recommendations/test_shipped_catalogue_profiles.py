"""Thirty random organisations against the shipped catalogue: every
shortlisted (model, route) pair passes an independent reading of the fit
rules (tests/engine/oracle.py), nothing retired is shortlisted,
and `none` comes exactly when nothing is eligible."""

from __future__ import annotations

import random

import pytest

from apps.recommendations import engine
from apps.recommendations.snapshot import current_snapshot, forget_snapshot
from tests.engine import oracle

pytestmark = pytest.mark.django_db

KINDS = {
    "vendor_api": ("vendor_api",),
    "hosted_api": ("cloud_marketplace", "third_party_host"),
    "supported_self_hosted": ("supported_self_hosting",),
}


def random_answers(rng: random.Random) -> dict[str, str]:
    answers = {}
    for question in engine.QUESTIONS:
        keys = question.keys
        answers[question.slug] = rng.choice(keys)
    if answers["data_location"] != "region":
        del answers["data_region"]
    return answers


def test_thirty_random_profiles_get_shortlists_that_keep_every_fit_rule(shipped_catalogue):
    forget_snapshot()
    snapshot = current_snapshot()
    models = {model.slug: model for model in snapshot.models}
    rng = random.Random(20261204)
    verdicts = set()
    for _ in range(30):
        answers = random_answers(rng)
        result = engine.recommend(answers, snapshot.prepared, snapshot.settings)
        verdicts.add(result.verdict)
        eligible = [m for m in snapshot.models if oracle.eligible(m, answers, snapshot.settings)]
        assert (result.verdict == "none") == (not eligible), answers
        for item in result.shortlist:
            model = models[item.slug]
            assert model.status != "retired", (answers, item.slug)
            assert oracle.licence_allowed(model, answers), (answers, item.slug)
            if item.route == "self_hosted":
                assert oracle.self_hosting_allowed(model, answers), (answers, item.slug)
            else:
                offers = [
                    offer
                    for offer in model.offers
                    if offer.host_name == item.host_name and offer.kind in KINDS[item.route]
                ]
                assert any(oracle.offer_allowed(o, answers) for o in offers), (answers, item)
            cap = oracle.budget(answers)
            if cap is not None:
                assert item.monthly_cost_usd is not None and item.monthly_cost_usd <= cap
    forget_snapshot()
    assert len(verdicts) >= 3  # the sample reaches several verdicts
