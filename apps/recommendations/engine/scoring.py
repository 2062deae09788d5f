"""From answers to factor weights and leans, a score and a verdict.

`decide` is the part of the pipeline that the sensitivity analysis re-runs
for every single-answer change: it touches the catalogue only through a
`CatalogueIndex`, whose summaries are cached per set of requirements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .constraints import Requirements, requirements_from
from .factors import FACTORS, FACTORS_BY_QUESTION, FEEDS, MUST_HAVES, Factor, Feed, MustHave
from .factors import capability as capability_factor
from .factors import cost as cost_factor
from .index import CatalogueIndex, SideSummary
from .questions import QUESTIONS
from .settings import MAX_WEIGHT, SCORE_DECIMALS, VERDICT_THRESHOLD
from .types import Side, Verdict


@dataclass(frozen=True, slots=True)
class FactorState:
    key: str
    weight: int
    answer_weight: int
    lean: float
    feeds: tuple[tuple[str, Feed], ...]
    """The answers that fed the factor: (question slug, feed)."""

    @property
    def overridden(self) -> bool:
        return self.weight != self.answer_weight


@dataclass(frozen=True, slots=True)
class Decision:
    requirements: Requirements
    sides: Mapping[Side, SideSummary]
    factors: tuple[FactorState, ...]
    score: float
    score_verdict: Verdict
    """What the score alone says."""
    must_haves: tuple[tuple[MustHave, Side], ...]
    blocked: bool
    """A must-have of the other side stopped the score's verdict."""
    verdict: Verdict

    @property
    def conflict(self) -> bool:
        """Must-haves of both sides are active."""
        return len({side for _must_have, side in self.must_haves}) == 2

    @property
    def nothing_eligible(self) -> bool:
        return not (self.sides["open"].available or self.sides["closed"].available)

    @property
    def forced_by_catalogue(self) -> bool:
        """Exactly one side has eligible models, so the verdict is that side."""
        return self.sides["open"].available != self.sides["closed"].available


def cost_lean(sides: Mapping[Side, SideSummary], budget_usd: float | None = None) -> float:
    """See `factors.cost.lean`."""
    return cost_factor.lean(sides["open"].best_cost_usd, sides["closed"].best_cost_usd, budget_usd)


def capability_lean(sides: Mapping[Side, SideSummary]) -> float:
    """See `factors.capability.lean`."""
    return capability_factor.lean(sides["open"].best_capability, sides["closed"].best_capability)


def combined_lean(leans: list[float]) -> float:
    """The strongest pull each way, netted: a second answer pulling the same
    way never weakens a factor (an average would: "data must stay in the EU"
    beside "the data is special-category" would halve data control's lean),
    while one pulling the other way offsets it."""
    towards_open = max((lean for lean in leans if lean > 0), default=0.0)
    towards_closed = min((lean for lean in leans if lean < 0), default=0.0)
    return max(-1.0, min(1.0, towards_open + towards_closed))


# Which questions feed each factor, in question order: a factor's state
# depends on the answers to these alone (and on its override and, for cost and
# capability, on the catalogue's lean).
_QUESTIONS_OF_FACTOR: Mapping[str, tuple[str, ...]] = {
    factor.key: tuple(
        question.slug for question in QUESTIONS if factor.key in FACTORS_BY_QUESTION[question.slug]
    )
    for factor in FACTORS
}
_STATES: dict[tuple[object, ...], FactorState] = {}
"""Factor states by everything they depend on: the sensitivity analysis asks
for the same ones dozens of times per recommendation."""
_STATES_KEPT = 8_192


def _factor_state(
    factor: Factor, keys: tuple[str, ...], override: int | None, catalogue_lean: float
) -> FactorState:
    feeds = tuple(
        (slug, feed)
        for slug, key in zip(_QUESTIONS_OF_FACTOR[factor.key], keys, strict=True)
        for feed in FEEDS[slug, key]
        if feed.factor == factor.key
    )
    answer_weight = max((feed.weight for _slug, feed in feeds), default=0)
    if factor.lean_from_catalogue:
        lean = catalogue_lean
    elif feeds:
        lean = combined_lean([feed.lean or 0.0 for _slug, feed in feeds])
    else:
        lean = 0.0
    return FactorState(
        key=factor.key,
        weight=answer_weight if override is None else override,
        answer_weight=answer_weight,
        lean=lean,
        feeds=feeds,
    )


def factor_states(
    answers: Mapping[str, str],
    sides: Mapping[Side, SideSummary],
    overrides: Mapping[str, int],
    budget_usd: float | None = None,
    unchanged: tuple[FactorState, ...] | None = None,
    changed: str | None = None,
) -> tuple[FactorState, ...]:
    """Each factor's weight and lean. With ``unchanged`` (the states of the
    same answers but for question ``changed``), the factors that question
    cannot feed are taken from there."""
    catalogue_leans = {
        "cost": cost_lean(sides, budget_usd),
        "capability": capability_lean(sides),
    }
    affected = () if changed is None else FACTORS_BY_QUESTION[changed]
    states = []
    for position, factor in enumerate(FACTORS):
        key = factor.key
        if unchanged is not None and not factor.lean_from_catalogue and key not in affected:
            states.append(unchanged[position])
            continue
        state_key = (
            key,
            tuple([answers[slug] for slug in _QUESTIONS_OF_FACTOR[key]]),
            overrides.get(key),
            catalogue_leans.get(key, 0.0),
        )
        state = _STATES.get(state_key)
        if state is None:
            if len(_STATES) >= _STATES_KEPT:
                _STATES.clear()
            _key, keys, override, lean = state_key
            state = _STATES[state_key] = _factor_state(factor, keys, override, lean)
        states.append(state)
    return tuple(states)


def score_of(states: tuple[FactorState, ...]) -> float:
    total = sum(state.weight for state in states)
    if total == 0:
        return 0.0
    score = sum(state.weight * state.lean for state in states) / total
    return max(-1.0, min(1.0, round(score, SCORE_DECIMALS)))


def contribution_of(state: FactorState, states: tuple[FactorState, ...]) -> float:
    total = sum(item.weight for item in states)
    return state.weight * state.lean / total if total else 0.0


def verdict_of_score(score: float) -> Verdict:
    """The side the score points to; "none" comes only from the catalogue."""
    if score >= VERDICT_THRESHOLD:
        return "open"
    if score <= -VERDICT_THRESHOLD:
        return "closed"
    return "hybrid"


def active_must_haves(
    answers: Mapping[str, str], states: tuple[FactorState, ...], capability: float
) -> tuple[tuple[MustHave, Side], ...]:
    weights = {state.key: state.weight for state in states}
    active: list[tuple[MustHave, Side]] = []
    for must_have in MUST_HAVES:
        for slug, key in must_have.when:
            if answers[slug] != key:
                break
        else:
            side = _must_have_side(must_have, weights, capability)
            if side is not None:
                active.append((must_have, side))
    return tuple(active)


def _must_have_side(
    must_have: MustHave, weights: Mapping[str, int], capability: float
) -> Side | None:
    """The side an answered must-have pulls to, or None when it lapses."""
    if must_have.factor is not None and weights[must_have.factor] < MAX_WEIGHT:
        return None
    side = must_have.side
    if side is None:
        if capability == 0:
            return None
        side = "open" if capability > 0 else "closed"
    return side


def decide(
    answers: Mapping[str, str],
    index: CatalogueIndex,
    overrides: Mapping[str, int],
    base: Decision | None = None,
    changed: str | None = None,
) -> Decision:
    """The verdict for resolved answers (every question present). ``base``
    is the decision for the same answers but for question ``changed``, whose
    factor states the ones that question does not feed are taken from."""
    requirements = requirements_from(answers)
    sides = index.summaries(requirements)
    states = factor_states(
        answers,
        sides,
        overrides,
        requirements.budget_usd,
        None if base is None else base.factors,
        changed,
    )
    score = score_of(states)
    score_verdict = verdict_of_score(score)
    capability = next(state.lean for state in states if state.key == "capability")
    must_haves = active_must_haves(answers, states, capability)
    must_sides = {side for _must_have, side in must_haves}

    # A must-have stops the verdict from being the other side's.
    opposite: dict[Verdict, Side] = {"open": "closed", "closed": "open"}
    blocked = score_verdict in opposite and opposite[score_verdict] in must_sides
    verdict: Verdict = "hybrid" if blocked else score_verdict

    open_available = sides["open"].available
    closed_available = sides["closed"].available
    if not (open_available or closed_available):
        verdict = "none"
    elif not open_available:
        verdict = "closed"
    elif not closed_available:
        verdict = "open"
    return Decision(
        requirements=requirements,
        sides=sides,
        factors=states,
        score=score,
        score_verdict=score_verdict,
        must_haves=must_haves,
        blocked=blocked,
        verdict=verdict,
    )


@dataclass(frozen=True, slots=True)
class Change:
    question: str
    from_key: str
    to_key: str
    decision: Decision


def single_changes(
    answers: Mapping[str, str],
    index: CatalogueIndex,
    overrides: Mapping[str, int],
    base: Decision,
) -> tuple[Change, ...]:
    """Every single-answer change (to every other key of every question,
    ``unsure`` included) that changes the verdict, in question order."""
    changes = []
    for question in QUESTIONS:
        current = answers[question.slug]
        for key in question.keys:
            if key == current:
                continue
            changed = dict(answers)
            changed[question.slug] = key
            decision = decide(changed, index, overrides, base, question.slug)
            if decision.verdict != base.verdict:
                changes.append(Change(question.slug, current, key, decision))
    return tuple(changes)
