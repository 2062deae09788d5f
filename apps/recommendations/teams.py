"""Team decisions: what a team answers together, the team's verdict from the
same engine, and the disagreements that would flip it.

Read top to bottom: the members' answers are aggregated question by question
(`aggregate_answers`), their factor weights summarised (`weight_spreads`),
the engine run once on the aggregated answers (the team verdict) and once
more for each answer a member gave that differs from the team's
(`disagreement_map`). These are plain functions of `Member` values and an
engine run. Below them: the services that write a decision and its
participants, and the reads the pages use.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from apps.questionnaire.definitions import QUESTIONS, QUESTIONS_BY_SLUG, UNSURE, Question, is_asked
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_start
from apps.recommendations import engine
from apps.recommendations.models import Result, Verdict
from apps.recommendations.presenters import option_label, question_text
from apps.recommendations.team_models import DECISION_NAME_MAX_LENGTH, Participant, TeamDecision

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


# --- Writing decisions --------------------------------------------------------

DECISION_NAME_REQUIRED = "Enter a name for the decision."
DECISION_NAME_TOO_LONG = f"Use at most {DECISION_NAME_MAX_LENGTH} characters for the name."
TEXT_NOT_PRINTABLE = "Use letters, digits, spaces and punctuation."
DISPLAY_NAME_REQUIRED = "Enter your name, as the team will see it."
DISPLAY_NAME_TAKEN = "Someone in this decision already has that name: add an initial or a surname."
DECISION_CLOSED = "This decision is closed: nobody can join it any more."
NOT_A_PARTICIPANT = "This person is not taking part in this decision."


def clean_decision_name(raw: str | None) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise ValidationError({"name": DECISION_NAME_REQUIRED}, code="required")
    if len(name) > DECISION_NAME_MAX_LENGTH:
        raise ValidationError({"name": DECISION_NAME_TOO_LONG}, code="too_long")
    if not name.isprintable():
        raise ValidationError({"name": TEXT_NOT_PRINTABLE}, code="not_printable")
    return name


def clean_participant_name(raw: str | None) -> str:
    from apps.recommendations.share_views import clean_display_name

    name, error = clean_display_name(raw)
    if error:
        raise ValidationError({"display_name": error}, code="invalid")
    if not name:
        raise ValidationError({"display_name": DISPLAY_NAME_REQUIRED}, code="required")
    return name


@transaction.atomic
def team_decision_create(*, name: str) -> TeamDecision:
    decision = TeamDecision(name=clean_decision_name(name))
    decision.full_clean(validate_unique=False)
    decision.save(force_insert=True)
    return decision


@transaction.atomic
def participant_join(*, decision: TeamDecision, display_name: str) -> Participant:
    """A new participant with an empty questionnaire of their own.

    Refused once the decision is closed (checked under a row lock, so a
    join and a close never cross) and for a name someone in the decision
    already has (case aside)."""
    name = clean_participant_name(display_name)
    locked = TeamDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.is_closed:
        raise ValidationError(DECISION_CLOSED, code="closed")
    taken = ValidationError({"display_name": DISPLAY_NAME_TAKEN}, code="taken")
    if locked.participants.filter(removed_at__isnull=True, display_name__iexact=name).exists():
        raise taken
    participant = Participant(decision=locked, display_name=name, response=response_start())
    try:
        with transaction.atomic():
            participant.save(force_insert=True)
    except IntegrityError:  # the same name, joined at the same moment
        raise taken from None
    return participant


@transaction.atomic
def participant_remove(*, decision: TeamDecision, participant_id: object) -> Participant:
    """The organiser takes someone out: their answers stop counting. Their
    own questionnaire and result stay theirs."""
    participant = (
        Participant.objects.select_for_update()
        .filter(decision=decision, pk=participant_id, removed_at__isnull=True)
        .first()
    )
    if participant is None:
        raise ValidationError(NOT_A_PARTICIPANT, code="not_participant")
    participant.removed_at = timezone.now()
    participant.save(update_fields=["removed_at"])
    return participant


def _latest_result_id() -> Subquery:
    return Subquery(
        Result.objects.filter(response=OuterRef("response"))
        .order_by("-requested_at")
        .values("id")[:1]
    )


@transaction.atomic
def team_decision_close(*, decision: TeamDecision) -> TeamDecision:
    """Close the decision: nobody joins any more, and each participant's
    current result at this moment is what counts from now on."""
    locked = TeamDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.is_closed:
        return locked
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    participants = list(
        locked.participants.filter(removed_at__isnull=True).annotate(latest=_latest_result_id())
    )
    for participant in participants:
        participant.counted_result_id = participant.latest
    Participant.objects.bulk_update(participants, ["counted_result"])
    return locked


# --- Reading decisions --------------------------------------------------------


def decision_for_organiser(*, token: str) -> TeamDecision | None:
    return TeamDecision.objects.filter(organiser_token=token).first()


def decision_for_invite(*, token: str) -> TeamDecision | None:
    return TeamDecision.objects.filter(invite_token=token).first()


@dataclass(frozen=True)
class Person:
    """A participant as the team page shows them: never their links."""

    participant: Participant
    result: Result | None
    """The result that counts: their current one, or the one they had when
    the decision closed."""

    @property
    def name(self) -> str:
        return self.participant.display_name

    @property
    def steps_done(self) -> int:
        return self.participant.response.furthest_section


def team_people(*, decision: TeamDecision) -> list[Person]:
    """The participants still in the decision, in the order they joined,
    each with the result that counts (three queries in all)."""
    participants = list(
        decision.participants.filter(removed_at__isnull=True)
        .select_related("response")
        .annotate(latest=_latest_result_id())
        .order_by("joined_at")
    )
    wanted = {p.counted_result_id if decision.is_closed else p.latest for p in participants} - {
        None
    }
    results = Result.objects.in_bulk(wanted) if wanted else {}
    return [
        Person(
            participant=p,
            result=results.get(p.counted_result_id if decision.is_closed else p.latest),
        )
        for p in participants
    ]


def removed_count(*, decision: TeamDecision) -> int:
    return decision.participants.filter(removed_at__isnull=False).count()


def board_version(decision: TeamDecision, people: Sequence[Person]) -> str:
    """Changes whenever what the team page shows could change."""
    state = [
        str(decision.closed_at),
        [
            (str(p.participant.pk), p.steps_done, str(p.result.pk) if p.result else "")
            for p in people
        ],
    ]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:16]


REPORT_CACHE_SECONDS = 24 * 3600


def _known_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """A stored result's answers that today's questionnaire still knows (a
    result frozen before a question or option was retired stays usable)."""
    return {
        slug: key
        for slug, key in answers.items()
        if slug in QUESTIONS_BY_SLUG and key in QUESTIONS_BY_SLUG[slug].keys
    }


def team_report_for(people: Sequence[Person]) -> TeamReport | None:
    """The team report for the finished participants, against today's
    catalogue; None until someone has finished. Cached per set of results
    and catalogue state, since the map runs the engine once per differing
    answer and the page is polled."""
    from apps.recommendations.services import result_recommendation
    from apps.recommendations.snapshot import current_snapshot

    finished = [person for person in people if person.result is not None]
    if not finished:
        return None
    snapshot = current_snapshot()
    key_source = json.dumps(
        {
            "results": [(p.name, str(p.result.pk)) for p in finished],  # type: ignore[union-attr]
            "engine": engine.ENGINE_VERSION,
            "catalogue": snapshot.fingerprint,
            "settings": dataclasses.asdict(snapshot.settings),
        },
        sort_keys=True,
        default=str,
    )
    cache_key = "team-report:" + hashlib.sha256(key_source.encode()).hexdigest()
    report = cache.get(cache_key)
    if report is None:
        members = [
            Member(
                name=person.name,
                answers=_known_answers(person.result.answers),  # type: ignore[union-attr]
                recommendation=result_recommendation(result=person.result),  # type: ignore[arg-type]
            )
            for person in finished
        ]
        report = team_report(
            members,
            lambda answers: engine.recommend(answers, snapshot.prepared, snapshot.settings),
        )
        cache.set(cache_key, report, REPORT_CACHE_SECONDS)
    return report


@dataclass(frozen=True)
class TeamLink:
    name: str
    url: str


def team_link_for(*, response: Response) -> TeamLink | None:
    """The team decision these answers are part of, for a link back from
    the participant's own result page (the participants' page, never the
    organiser's); None for answers that are not part of one."""
    from django.urls import reverse

    participant = (
        Participant.objects.filter(response=response, removed_at__isnull=True)
        .select_related("decision")
        .first()
    )
    if participant is None:
        return None
    decision = participant.decision
    return TeamLink(
        name=decision.name,
        url=reverse("recommendations:team_invite", kwargs={"token": decision.invite_token}),
    )
