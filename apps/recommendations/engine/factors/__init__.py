"""The twelve decision factors, one module each.

A factor's module holds everything that decides it: the answers that feed
it (each with a weight 0–3 and a lean -1 closed … +1 open), its importance
question, the lean rule where the catalogue decides the lean (`cost.py`,
`capability.py`), the must-haves and hard constraints it raises, the fit
rules that remove routes, and why each rule is what it is (the method page).
This registry puts them together in the order the engine and the page use,
and checks the table against the one definition of the questionnaire.

How several answers combine into one factor: the factor's weight is the
largest weight any of its answers gives it, and its lean is its strongest
pull towards open plus its strongest pull towards closed (so a second answer
pulling the same way never weakens it). Every non-zero answer lean is at
least ±0.25 and the catalogue leans are zero or at least ±0.2, so every
non-zero lean clears the verdict threshold (±0.15), which is what keeps
raising any factor's weight from moving the verdict against that factor.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..questions import QUESTIONS, QUESTIONS_BY_SLUG
from ..settings import IMPORTANCE_LEVEL_WORDS, IMPORTANCE_WEIGHTS, MAX_WEIGHT, VERDICT_THRESHOLD
from . import (
    capability,
    community,
    cost,
    customisation,
    data_control,
    independence,
    quality_control,
    security,
    standardisation,
    support_gap,
    transparency,
    vendor_support,
)
from .rule_types import (
    Factor,
    FactorRules,
    Favours,
    Feed,
    HardConstraint,
    ImportanceRule,
    MustHave,
    Pull,
)

__all__ = [
    "FACTORS",
    "FACTORS_BY_KEY",
    "FACTORS_BY_QUESTION",
    "FACTOR_KEYS",
    "FACTOR_RULES",
    "FEEDS",
    "HARD_CONSTRAINTS",
    "IMPORTANCE_RULES",
    "MUST_HAVES",
    "OPTION_RULES",
    "RATIONALE",
    "ROUTE_RULES",
    "Factor",
    "FactorRules",
    "Favours",
    "Feed",
    "HardConstraint",
    "ImportanceRule",
    "MustHave",
    "Pull",
]

FACTOR_RULES: tuple[FactorRules, ...] = (
    transparency.RULES,
    data_control.RULES,
    community.RULES,
    cost.RULES,
    customisation.RULES,
    independence.RULES,
    quality_control.RULES,
    vendor_support.RULES,
    capability.RULES,
    security.RULES,
    support_gap.RULES,
    standardisation.RULES,
)
"""In the order of the result page."""

FACTORS: tuple[Factor, ...] = tuple(rules.factor for rules in FACTOR_RULES)
FACTOR_KEYS: tuple[str, ...] = tuple(factor.key for factor in FACTORS)
FACTORS_BY_KEY: Mapping[str, Factor] = MappingProxyType({factor.key: factor for factor in FACTORS})
RATIONALE: Mapping[str, str] = MappingProxyType(
    {rules.factor.key: rules.rationale for rules in FACTOR_RULES}
)
"""Why each factor's weights and leans are what they are (the method page)."""


# --- rules that belong to no factor: what a licence and a status allow -----------

GENERAL_CONSTRAINTS: tuple[HardConstraint, ...] = (
    HardConstraint(
        "retired",
        None,
        (),
        "Retired models are never recommended; deprecated ones keep 80% of their fit.",
    ),
    HardConstraint(
        "commercial_use",
        "commercial_use",
        ("yes",),
        "You need commercial use: models whose licence forbids it are excluded.",
    ),
)


# --- the order the engine and the method page list them in --------------------------
# (Must-haves and constraints are listed by the page and in a result in this
# order, and a hybrid's plan takes the first must-have of a side.)

MUST_HAVE_ORDER = (
    "own_infrastructure",
    "modify",
    "redistribution",
    "auditability",
    "lock_in",
    "capability",
    "standardisation",
    "managed_sla",
)
HARD_CONSTRAINT_ORDER = (
    "retired",
    "commercial_use",
    "modify",
    "redistribution",
    "own_infrastructure",
    "region",
    "sla",
    "fine_tune",
    "expertise",
    "data_terms",
    "no_training",
    "budget",
)
ROUTE_RULE_ORDER = (
    "own_infrastructure",
    "region",
    "sla",
    "fine_tune",
    "terms_unknown",
    "trains",
    "expertise",
)


def _ordered[T](items: dict[str, T], order: tuple[str, ...], what: str) -> tuple[T, ...]:
    if set(items) != set(order) or len(order) != len(set(order)):
        raise ValueError(f"the {what} of the factor modules are not the listed ones")
    return tuple(items[key] for key in order)


MUST_HAVES: tuple[MustHave, ...] = _ordered(
    {must.key: must for rules in FACTOR_RULES for must in rules.must_haves},
    MUST_HAVE_ORDER,
    "must-haves",
)
HARD_CONSTRAINTS: tuple[HardConstraint, ...] = _ordered(
    {
        constraint.key: constraint
        for constraint in GENERAL_CONSTRAINTS
        + tuple(constraint for rules in FACTOR_RULES for constraint in rules.constraints)
    },
    HARD_CONSTRAINT_ORDER,
    "hard constraints",
)
ROUTE_RULES: Mapping[str, str] = MappingProxyType(
    dict(
        zip(
            ROUTE_RULE_ORDER,
            _ordered(
                {key: text for rules in FACTOR_RULES for key, text in rules.route_rules.items()},
                ROUTE_RULE_ORDER,
                "route rules",
            ),
            strict=True,
        )
    )
)
"""Fit rules that remove (model, route) pairs, key → the rule in words."""


# --- the rule table: every answer to the factors it feeds ----------------------------

IMPORTANCE_RULES: Mapping[str, ImportanceRule] = MappingProxyType(
    {
        rule.question: rule
        for question in QUESTIONS
        for rules in FACTOR_RULES
        if (rule := rules.importance) is not None and rule.question == question.slug
    }
)
"""Importance question slug → the factor whose weight it sets."""


def _option_feeds(slug: str, key: str) -> tuple[Feed, ...]:
    """The feeds of one choice answer, in the order of the factors."""
    return tuple(
        Feed(rules.factor.key, pull.weight, pull.lean, pull.reason)
        for rules in FACTOR_RULES
        if (pull := rules.pulls.get(slug, {}).get(key)) is not None
    )


OPTION_RULES: Mapping[str, Mapping[str, tuple[Feed, ...]]] = MappingProxyType(
    {
        question.slug: MappingProxyType(
            {key: _option_feeds(question.slug, key) for key in question.option_keys}
        )
        for question in QUESTIONS
        if not question.importance
    }
)
"""Choice question → option → the feeds of that answer (none for many)."""


def _importance_feeds(rule: ImportanceRule, key: str) -> tuple[Feed, ...]:
    weight = IMPORTANCE_WEIGHTS.get(key, 0)
    if not weight:
        return ()
    reason = f"you rated {rule.topic} as {IMPORTANCE_LEVEL_WORDS[key]}"
    return (Feed(rule.factor, weight, rule.lean, reason),)


FEEDS: Mapping[tuple[str, str], tuple[Feed, ...]] = MappingProxyType(
    {
        (question.slug, key): (
            _importance_feeds(IMPORTANCE_RULES[question.slug], key)
            if question.importance
            else OPTION_RULES[question.slug].get(key, ())
        )
        for question in QUESTIONS
        for key in question.keys
    }
)
"""Every (question, key) — ``unsure`` included, with no feeds — to its feeds."""

FACTORS_BY_QUESTION: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        question.slug: tuple(
            factor.key
            for factor in FACTORS
            if any(
                feed.factor == factor.key
                for key in question.keys
                for feed in FEEDS[question.slug, key]
            )
        )
        for question in QUESTIONS
    }
)
"""Per question, the factors an answer to it can feed (`Question.factors`)."""


def _check_table() -> None:
    """Every pull names a question of the questionnaire and one of its
    options, and keeps the bounds the module docstring relies on."""
    for rules in FACTOR_RULES:
        factor = rules.factor
        for slug, pulls in rules.pulls.items():
            question = QUESTIONS_BY_SLUG.get(slug)
            assert question is not None and not question.importance, (factor.key, slug)
            assert set(pulls) <= set(question.option_keys), (factor.key, slug)
        if rules.importance is not None:
            assert rules.importance.factor == factor.key, factor.key
            assert QUESTIONS_BY_SLUG[rules.importance.question].importance, factor.key
        for must in rules.must_haves:
            for slug, key in must.when:
                assert key in QUESTIONS_BY_SLUG[slug].option_keys, (must.key, slug)
        for constraint in rules.constraints:
            assert constraint.question is not None
            assert set(constraint.options) <= set(QUESTIONS_BY_SLUG[constraint.question].keys)
    assert {q.slug for q in QUESTIONS if q.importance} == set(IMPORTANCE_RULES)
    for (slug, key), feeds in FEEDS.items():
        for feed in feeds:
            factor = FACTORS_BY_KEY[feed.factor]
            assert 1 <= feed.weight <= MAX_WEIGHT, (slug, key, feed)
            assert (feed.lean is None) == factor.lean_from_catalogue, (slug, key)
            assert feed.lean is None or -1.0 <= feed.lean <= 1.0, (slug, key)
            # Clears the verdict threshold: see the module docstring.
            assert feed.lean is None or abs(feed.lean) > VERDICT_THRESHOLD, (slug, key)


_check_table()
