from __future__ import annotations

import importlib
import json
from pathlib import Path

from apps.recommendations import engine as engine_package
from apps.recommendations.engine import ENGINE_VERSION, FACTOR_KEYS, QUESTIONS, method_rules
from apps.recommendations.engine.factors import (
    FACTORS,
    FEEDS,
    HARD_CONSTRAINTS,
    IMPORTANCE_RULES,
    MUST_HAVES,
    OPTION_RULES,
)
from apps.recommendations.engine.settings import (
    COST_FULL_LEAN_SHARE,
    COST_PARITY_SHARE,
    VERDICT_THRESHOLD,
)


def test_the_twelve_factors_of_the_specification():
    assert FACTOR_KEYS == (
        "transparency",
        "data_control",
        "community",
        "cost",
        "customisation",
        "independence",
        "quality_control",
        "vendor_support",
        "capability",
        "security",
        "support_gap",
        "standardisation",
    )
    assert {f.key for f in FACTORS if f.lean_from_catalogue} == {"cost", "capability"}


def test_every_question_and_key_has_a_row_in_the_rule_table():
    assert {(q.slug, key) for q in QUESTIONS for key in q.keys} == set(FEEDS)


def test_unsure_feeds_nothing():
    assert all(not FEEDS[q.slug, "unsure"] for q in QUESTIONS if q.allows_unsure)


def test_importance_weights_run_from_none_zero_to_critical_three():
    for slug, rule in IMPORTANCE_RULES.items():
        weights = [
            sum(feed.weight for feed in FEEDS[slug, key])
            for key in ("none", "low", "high", "critical")
        ]
        assert weights == [0, 1, 2, 3]
        assert all(
            feed.factor == rule.factor for key in ("low", "high") for feed in FEEDS[slug, key]
        )


def test_importance_factors_are_fed_by_their_importance_question_only():
    """So that raising the importance moves the score in one direction only."""
    for rule in IMPORTANCE_RULES.values():
        feeders = {
            slug
            for (slug, _key), feeds in FEEDS.items()
            for feed in feeds
            if feed.factor == rule.factor
        }
        assert feeders == {rule.question}


def test_open_and_closed_factors_lean_the_way_the_specification_says():
    favours = {factor.key: factor.favours for factor in FACTORS}
    for feeds in FEEDS.values():
        for feed in feeds:
            if favours[feed.factor] == "open":
                assert feed.lean is not None and feed.lean > 0, feed
            elif favours[feed.factor] == "closed" and feed.lean is not None:
                assert feed.lean < 0, feed


def test_different_questions_never_pull_one_factor_in_opposite_directions():
    """Combined leans are then weighted means of same-signed leans of at least
    0.5, so no combined lean is weaker than the verdict threshold."""
    for factor in FACTOR_KEYS:
        positive = {
            slug
            for (slug, _), feeds in FEEDS.items()
            for f in feeds
            if f.factor == factor and (f.lean or 0) > 0
        }
        negative = {
            slug
            for (slug, _), feeds in FEEDS.items()
            for f in feeds
            if f.factor == factor and (f.lean or 0) < 0
        }
        assert not positive or not negative or positive == negative == {next(iter(positive))}, (
            factor
        )


def test_every_answer_lean_and_every_catalogue_lean_clears_the_threshold():
    leans = {abs(feed.lean) for feeds in FEEDS.values() for feed in feeds if feed.lean}
    assert min(leans) >= VERDICT_THRESHOLD
    assert COST_PARITY_SHARE / COST_FULL_LEAN_SHARE >= VERDICT_THRESHOLD


def test_option_rules_cover_exactly_the_non_importance_questions():
    assert set(OPTION_RULES) == {q.slug for q in QUESTIONS if not q.importance}


def test_every_question_has_an_assumption_for_unsure_or_missing():
    assert all(q.unknown_means for q in QUESTIONS)


def test_method_rules_are_json_and_describe_every_rule_of_the_engine():
    rules = method_rules()
    assert json.loads(json.dumps(rules, allow_nan=False)) == rules
    assert rules["engine_version"] == ENGINE_VERSION == "2.0.1"
    assert rules["verdict"]["threshold"] == VERDICT_THRESHOLD
    listed = {(row["question"], row["option"], row["factor"]) for row in rules["option_rules"]}
    table = {
        (slug, key, feed.factor)
        for slug, options in OPTION_RULES.items()
        for key, feeds in options.items()
        for feed in feeds
    }
    assert listed == table
    assert [row["key"] for row in rules["must_haves"]] == [m.key for m in MUST_HAVES]
    assert [row["key"] for row in rules["hard_constraints"]] == [c.key for c in HARD_CONSTRAINTS]
    assert rules["cost_model"]["settings"]["gpu_hourly_price_usd"] == 2.5
    assert rules["budget_caps_usd"]["minimal"] == 100.0
    assert rules["default_budget_usd"] is None
    assert rules["volumes_tokens_per_month"][rules["default_volume"]] == 100_000_000.0
    assert {row["slug"] for row in rules["questions"]} == {q.slug for q in QUESTIONS}


def test_everything_that_decides_a_factor_is_in_that_factors_module():
    """Its weight and lean per answer, its importance question, its
    must-haves, constraints and fit rules, and its method-page prose."""
    rules_by_page = {row["key"]: row for row in method_rules()["factors"]}
    must_haves = []
    constraints = []
    for factor in FACTORS:
        module = importlib.import_module(f"apps.recommendations.engine.factors.{factor.key}")
        assert module.RULES.factor is factor
        assert rules_by_page[factor.key]["rationale"] == module.RULES.rationale
        for (slug, key), feeds in FEEDS.items():
            for feed in feeds:
                if feed.factor == factor.key and slug not in IMPORTANCE_RULES:
                    pull = module.RULES.pulls[slug][key]
                    assert (pull.weight, pull.lean, pull.reason) == (
                        feed.weight,
                        feed.lean,
                        feed.reason,
                    )
        if module.RULES.importance is not None:
            assert IMPORTANCE_RULES[module.RULES.importance.question].factor == factor.key
        must_haves += [must.key for must in module.RULES.must_haves]
        constraints += [constraint.key for constraint in module.RULES.constraints]
    assert sorted(must_haves) == sorted(must.key for must in MUST_HAVES)
    # Only what a licence or a status allows belongs to no factor.
    assert sorted(constraints) == sorted(
        c.key for c in HARD_CONSTRAINTS if c.key not in ("retired", "commercial_use")
    )


def test_no_engine_module_is_over_600_lines():
    engine = Path(engine_package.__file__).resolve().parent
    for path in engine.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 600, path
