"""Plain-English sentences for the result page: factors, verdict, confidence."""

from __future__ import annotations

from collections.abc import Mapping

from .factors import FACTORS_BY_KEY
from .formatting import format_usd
from .index import SideSummary
from .questions import QUESTIONS, UNSURE, is_asked
from .scoring import Decision, FactorState, contribution_of
from .settings import (
    CONFIDENCE_HIGH_MARGIN,
    CONFIDENCE_HIGH_UNSURE,
    CONFIDENCE_LOW_MARGIN,
    CONFIDENCE_LOW_UNSURE,
    VERDICT_THRESHOLD,
)
from .types import Assumption, Confidence, Side

WEIGHT_WORDS = ("does not count", "counts a little", "counts", "counts heavily")
HYBRID_MEANING = (
    "A hybrid means open models for customisation and experimentation and "
    "closed ones for specialised features and support, or a vendor-supported "
    "open model."
)


def _lean_words(lean: float) -> str:
    if lean >= 0.5:
        return "favours open models"
    if lean > 0:
        return "leans slightly towards open models"
    if lean <= -0.5:
        return "favours closed models"
    if lean < 0:
        return "leans slightly towards closed models"
    return "favours neither side"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _catalogue_sentence(key: str, sides: Mapping[Side, SideSummary]) -> str:
    open_side, closed_side = sides["open"], sides["closed"]
    if key == "cost":
        if open_side.best_cost_usd is None or closed_side.best_cost_usd is None:
            return (
                "The catalogue cannot compare the two sides on cost: one of them has no "
                "eligible model with a cost estimate."
            )
        return (
            "At your volume the cheapest eligible open option costs about "
            f"{format_usd(open_side.best_cost_usd)} a month and the cheapest closed one "
            f"{format_usd(closed_side.best_cost_usd)}."
        )
    if open_side.best_capability is None or closed_side.best_capability is None:
        return (
            "The catalogue cannot compare the two sides on capability: one of them has no "
            "eligible model with a capability score."
        )
    return (
        "The most capable eligible open model scores "
        f"{open_side.best_capability:.0f}/100 and the most capable closed one "
        f"{closed_side.best_capability:.0f}/100."
    )


def factor_explanation(state: FactorState, sides: Mapping[Side, SideSummary]) -> str:
    factor = FACTORS_BY_KEY[state.key]
    reasons = [feed.reason for _slug, feed in state.feeds]
    if reasons:
        sentences = [
            f"{factor.label} {WEIGHT_WORDS[state.answer_weight]} because {_join(reasons)}."
        ]
    else:
        sentences = [f"None of your answers makes {factor.label.lower()} count."]
    if state.overridden:
        sentences.append(
            f"You set its weight to {state.weight}; your answers gave {state.answer_weight}."
        )
    if factor.lean_from_catalogue:
        sentences.append(_catalogue_sentence(state.key, sides))
    if factor.lean_from_catalogue or state.weight:
        sentences.append(f"It {_lean_words(state.lean)} ({state.lean:+.2f}).")
    return " ".join(sentences)


def _pull_sentence(decision: Decision) -> str | None:
    contributions = [
        (contribution_of(state, decision.factors), FACTORS_BY_KEY[state.key].label.lower())
        for state in decision.factors
    ]
    towards_open = max(((v, label) for v, label in contributions if v > 0), default=None)
    towards_closed = min(((v, label) for v, label in contributions if v < 0), default=None)
    if towards_open and towards_closed:
        return (
            f"The strongest pull towards open is {towards_open[1]} ({towards_open[0]:+.2f}); "
            f"towards closed, {towards_closed[1]} ({towards_closed[0]:+.2f})."
        )
    for pull, side in ((towards_open, "open"), (towards_closed, "closed")):
        if pull:
            return f"The strongest pull towards {side} is {pull[1]} ({pull[0]:+.2f})."
    return None


def verdict_reasons(decision: Decision) -> tuple[str, ...]:
    score = decision.score
    threshold = VERDICT_THRESHOLD
    reasons: list[str] = []
    if decision.score_verdict == "hybrid":
        reasons.append(
            f"Your answers are balanced: the score is {score:+.2f}, between "
            f"-{threshold:.2f} and +{threshold:.2f}."
        )
    else:
        side = decision.score_verdict
        reasons.append(
            f"Your answers lean {side}: the score is {score:+.2f}, and {side} "
            f"starts at {'+' if side == 'open' else '-'}{threshold:.2f}."
        )
    pulls = _pull_sentence(decision)
    if pulls:
        reasons.append(pulls)

    by_side: dict[Side, list[str]] = {"open": [], "closed": []}
    for must_have, side in decision.must_haves:
        by_side[side].append(must_have.text)
    if decision.conflict:
        reasons.append(
            "Your must-haves pull in opposite directions: "
            f"{_join(by_side['open'])} (open), but {_join(by_side['closed'])} "
            "(closed)."
        )
    elif decision.blocked:
        other: Side = "closed" if decision.score_verdict == "open" else "open"
        reasons.append(
            f"But {_join(by_side[other])}, which needs {other} models, so the "
            "recommendation cannot be fully "
            f"{decision.score_verdict}."
        )

    open_ok = decision.sides["open"].available
    closed_ok = decision.sides["closed"].available
    if not (open_ok or closed_ok):
        reasons.append(
            "No model in the catalogue can be run in a way that meets all of your "
            "needs (see the excluded models and removed routes for why), so there "
            "is no recommendation; the answer changes listed would give one."
        )
    elif open_ok != closed_ok:
        available = "open" if open_ok else "closed"
        missing = "closed" if open_ok else "open"
        if decision.score_verdict != available or decision.blocked:
            reasons.append(
                f"No {missing} model in the catalogue meets your hard "
                f"constraints, so the recommendation is {available}."
            )
        else:
            reasons.append(f"Only {available} models in the catalogue meet your hard constraints.")
    if decision.verdict == "hybrid" and (open_ok and closed_ok):
        reasons.append(HYBRID_MEANING)
    return tuple(reasons)


def margin_of(decision: Decision) -> float:
    score = decision.score
    if decision.score_verdict == "open":
        return score - VERDICT_THRESHOLD
    if decision.score_verdict == "closed":
        return -VERDICT_THRESHOLD - score
    return VERDICT_THRESHOLD - abs(score)


def confidence_of(
    decision: Decision, unknown_answers: int, flips: int = 0, stale_top: bool = False
) -> Confidence:
    """See `rules.CONFIDENCE_RULE`: high only away from the boundary, with no
    single answer that flips the verdict and few `unsure` answers."""
    from_score = not decision.blocked and not decision.forced_by_catalogue
    margin = margin_of(decision)
    if decision.nothing_eligible or unknown_answers >= CONFIDENCE_LOW_UNSURE:
        return "low"
    if from_score and margin < CONFIDENCE_LOW_MARGIN:
        return "low"
    settled = decision.forced_by_catalogue or (from_score and margin >= CONFIDENCE_HIGH_MARGIN)
    if (
        unknown_answers <= CONFIDENCE_HIGH_UNSURE
        and not (decision.conflict or decision.blocked)
        and settled
        and flips == 0
        and not stale_top
    ):
        return "high"
    return "medium"


def assumptions_of(answers: Mapping[str, str]) -> tuple[Assumption, ...]:
    """One for every question answered ``unsure`` or not answered at all."""
    items = []
    for question in QUESTIONS:
        if not is_asked(question.slug, answers):
            continue
        given = answers.get(question.slug)
        if given is None:
            text = question.unknown_means
            if question.allows_unsure:
                text = "Not answered. " + text
            items.append(Assumption(question.slug, text))
        elif given == UNSURE:
            items.append(Assumption(question.slug, question.unknown_means))
    return tuple(items)
