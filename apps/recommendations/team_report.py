"""What a team answers together, the team's verdict from the same engine,
and the disagreements that would flip it: plain functions of `Member`
values and an engine run, with no database access.

Read top to bottom: the members' answers are aggregated question by question
(`aggregate_answers`), their factor weights summarised (`weight_spreads`),
the engine run once on the aggregated answers (the team verdict) and once
more for each answer a member gave that differs from the team's
(`disagreement_map`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from apps.questionnaire.definitions import QUESTIONS, UNSURE, Question, is_asked
from apps.recommendations import engine
from apps.recommendations.models import Verdict
from apps.recommendations.presenters import option_label, question_text

# --- Aggregating answers ------------------------------------------------------

# Choice questions whose options run from less to more of one thing, in the
# order the questionnaire lists them (importance questions always do). The
# others (what for, who, how to pay, where, licences) have no order: the
# team's answer is the most common one.
ORDERED_CHOICES = frozenset(
    {
        "monthly_volume",
        "data_sensitivity",
        "data_location",
        "budget",
        "customisation",
        "expertise",
        "support",
        "time_to_market",
        "security_exposure",
    }
)

VERDICT_LABELS = dict(Verdict.choices)

HOW_AGREED = "everyone"
HOW_MEDIAN = "median"
HOW_MOST_COMMON = "most common"
HOW_TIED = "tied: the option listed first"
HOW_KNEW = "everyone who knew"


def is_ordered(question: Question) -> bool:
    return question.importance or question.slug in ORDERED_CHOICES


class _Verdict(Protocol):
    verdict: str
    score: float


@dataclass(frozen=True)
class Member:
    """One person's finished answers and the recommendation they got."""

    name: str
    answers: Mapping[str, str]
    recommendation: engine.Recommendation


@dataclass(frozen=True)
class OptionCount:
    key: str
    label: str
    names: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class AnswerSpread:
    """The team's answer to one question and how its members answered it."""

    slug: str
    question: str
    ordered: bool
    team_key: str
    team_label: str
    how: str
    """How the team's answer was found: everyone, median, most common, tied…"""
    options: tuple[OptionCount, ...]
    """Every option someone chose, in the questionnaire's order, "I don't know" last."""
    spread: str
    """For ordered questions whose answers differ: lowest – highest."""

    @property
    def agreed(self) -> bool:
        return self.how == HOW_AGREED


def _team_answer(question: Question, known: list[str]) -> tuple[str, str]:
    """(team key, how) from the members' answers other than "I don't know"."""
    if len(set(known)) == 1:
        return known[0], HOW_AGREED
    order = question.option_keys
    if is_ordered(question):
        ranked = sorted(known, key=order.index)
        # The lower median: with an even count, the earlier of the two middle answers.
        return ranked[(len(ranked) - 1) // 2], HOW_MEDIAN
    counts = Counter(known)
    top = max(counts.values())
    leaders = [key for key in order if counts.get(key) == top]
    return leaders[0], HOW_MOST_COMMON if len(leaders) == 1 else HOW_TIED


def aggregate_answers(members: Sequence[Member]) -> tuple[dict[str, str], tuple[AnswerSpread, ...]]:
    """The team's answers and, per question, how they were found.

    Ordered questions take the median of the members' answers (the lower
    median for an even count); unordered ones the most common answer (a tie
    goes to the option the questionnaire lists first). "I don't know" is
    left out unless nobody knew. A follow-up question (the jurisdiction)
    counts only when the team's answers ask it."""
    team: dict[str, str] = {}
    spreads: list[AnswerSpread] = []
    for question in QUESTIONS:
        if not is_asked(question, team):
            continue
        given = [(m.name, m.answers[question.slug]) for m in members if question.slug in m.answers]
        if not given:
            continue
        known = [key for _name, key in given if key != UNSURE]
        if known:
            key, how = _team_answer(question, known)
            if how == HOW_AGREED and len(known) < len(given):
                how = HOW_KNEW
        else:
            key, how = UNSURE, HOW_AGREED
        team[question.slug] = key
        chosen = {key for _name, key in given}
        options = tuple(
            OptionCount(
                key=option_key,
                label=option_label(question.slug, option_key),
                names=tuple(name for name, answer in given if answer == option_key),
            )
            for option_key in question.keys
            if option_key in chosen
        )
        ranked = [option for option in options if option.key != UNSURE]
        spread = (
            f"{ranked[0].label} – {ranked[-1].label}"
            if is_ordered(question) and len(ranked) > 1
            else ""
        )
        spreads.append(
            AnswerSpread(
                slug=question.slug,
                question=question_text(question.slug),
                ordered=is_ordered(question),
                team_key=key,
                team_label=option_label(question.slug, key),
                how=how,
                options=options,
                spread=spread,
            )
        )
    return team, tuple(spreads)


# --- Weights ------------------------------------------------------------------


@dataclass(frozen=True)
class WeightSpread:
    key: str
    label: str
    median: float
    low: int
    high: int
    team: int
    """The weight the team's aggregated answers give it."""

    @property
    def median_text(self) -> str:
        return f"{self.median:g}"


def weight_spreads(
    members: Sequence[Member], team: engine.Recommendation
) -> tuple[WeightSpread, ...]:
    """Each factor's weight (0–3) across the members: median (the mean of
    the two middle weights for an even count) and range, beside the weight
    the team's answers give it."""
    team_weights = {factor.key: factor.weight for factor in team.factors}
    rows = []
    for factor in engine.FACTORS:
        weights = [
            f.weight for m in members for f in m.recommendation.factors if f.key == factor.key
        ]
        if not weights:
            continue
        rows.append(
            WeightSpread(
                key=factor.key,
                label=factor.label,
                median=float(statistics.median(weights)),
                low=min(weights),
                high=max(weights),
                team=team_weights.get(factor.key, 0),
            )
        )
    return tuple(rows)


# --- The disagreement map -----------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """A member's answer that differs from the team's, and the team verdict
    the engine gives with it in place of the team's answer."""

    key: str
    label: str
    names: tuple[str, ...]
    verdict: str
    score: float
    flips: bool
    score_change: float

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)

    @property
    def score_text(self) -> str:
        return f"{self.score:+.2f}"

    @property
    def change_text(self) -> str:
        return f"{self.score_change:+.2f}"


@dataclass(frozen=True)
class Disagreement:
    slug: str
    question: str
    team_label: str
    agreeing: tuple[str, ...]
    """Who gave the team's answer."""
    alternatives: tuple[Alternative, ...]

    @property
    def flips(self) -> bool:
        return any(alternative.flips for alternative in self.alternatives)

    @property
    def score_change(self) -> float:
        return max(abs(alternative.score_change) for alternative in self.alternatives)


type EngineRun = Callable[[Mapping[str, str]], _Verdict]


def _follow_ups(question: Question) -> tuple[Question, ...]:
    return tuple(q for q in QUESTIONS if q.asked_if and q.asked_if[0] == question.slug)


def disagreement_map(
    members: Sequence[Member],
    team_answers: Mapping[str, str],
    team: _Verdict,
    run: EngineRun,
) -> tuple[Disagreement, ...]:
    """Every question the members answered differently, each answer that
    differs from the team's re-run through the engine in the team's answers'
    place; ranked: those that flip the team verdict first, then by how far
    they move the score, then in questionnaire order.

    Changing an answer brings that member's answers to its follow-up
    questions with it (where data must stay, with which jurisdiction)."""
    runs: dict[frozenset, _Verdict] = {}

    def run_once(answers: dict[str, str]) -> _Verdict:
        key = frozenset(answers.items())
        if key not in runs:
            runs[key] = run(answers)
        return runs[key]

    found: list[tuple[int, Disagreement]] = []
    for position, question in enumerate(QUESTIONS):
        slug = question.slug
        if slug not in team_answers:
            continue
        given = [m for m in members if slug in m.answers]
        if len({m.answers[slug] for m in given}) < 2:
            continue
        team_key = team_answers[slug]
        groups: dict[tuple, list[str]] = {}
        for member in given:
            key = member.answers[slug]
            if key == team_key:
                continue
            follow_ups = tuple(
                (q.slug, member.answers[q.slug])
                for q in _follow_ups(question)
                if q.slug in member.answers and is_asked(q, member.answers)
            )
            groups.setdefault(((slug, key), *follow_ups), []).append(member.name)
        alternatives = []
        for variant, names in groups.items():
            changed = dict(team_answers) | dict(variant)
            outcome = run_once(changed)
            key = variant[0][1]
            label = option_label(slug, key)
            if len(variant) > 1:
                label += " (" + ", ".join(option_label(s, k) for s, k in variant[1:]) + ")"
            alternatives.append(
                Alternative(
                    key=key,
                    label=label,
                    names=tuple(names),
                    verdict=outcome.verdict,
                    score=outcome.score,
                    flips=outcome.verdict != team.verdict,
                    score_change=outcome.score - team.score,
                )
            )
        if not alternatives:  # pragma: no cover - two different answers, one is not the team's
            continue
        alternatives.sort(key=lambda a: (not a.flips, -abs(a.score_change)))
        found.append(
            (
                position,
                Disagreement(
                    slug=slug,
                    question=question_text(slug),
                    team_label=option_label(slug, team_key),
                    agreeing=tuple(m.name for m in given if m.answers[slug] == team_key),
                    alternatives=tuple(alternatives),
                ),
            )
        )
    found.sort(key=lambda item: (not item[1].flips, -item[1].score_change, item[0]))
    return tuple(disagreement for _position, disagreement in found)


@dataclass(frozen=True)
class TeamReport:
    members: int
    answers: dict[str, str]
    spreads: tuple[AnswerSpread, ...]
    weights: tuple[WeightSpread, ...]
    recommendation: engine.Recommendation
    disagreements: tuple[Disagreement, ...]

    @property
    def flipping(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if d.flips)

    @property
    def not_flipping(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if not d.flips)

    @property
    def differing(self) -> int:
        return sum(not spread.agreed for spread in self.spreads)


def team_report(
    members: Sequence[Member], run: Callable[[Mapping[str, str]], engine.Recommendation]
) -> TeamReport:
    """The team's answers, weights, verdict (the engine on the aggregated
    answers) and disagreement map."""
    answers, spreads = aggregate_answers(members)
    recommendation = run(answers)
    return TeamReport(
        members=len(members),
        answers=answers,
        spreads=spreads,
        weights=weight_spreads(members, recommendation),
        recommendation=recommendation,
        disagreements=disagreement_map(members, answers, recommendation, run),
    )
