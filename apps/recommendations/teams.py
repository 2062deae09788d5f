"""Team decisions: the services that write a decision and its participants,
and the reads the pages use. What the team answers together, its verdict
and its disagreement map are worked out in `team_report`."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from apps.questionnaire.definitions import QUESTIONS_BY_SLUG
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_start
from apps.recommendations import engine
from apps.recommendations.models import Result
from apps.recommendations.team_models import DECISION_NAME_MAX_LENGTH, Participant, TeamDecision
from apps.recommendations.team_report import (  # noqa: F401 - the pages read these here
    HOW_AGREED,
    HOW_KNEW,
    HOW_MEDIAN,
    HOW_MOST_COMMON,
    HOW_TIED,
    ORDERED_CHOICES,
    VERDICT_LABELS,
    Alternative,
    AnswerSpread,
    Disagreement,
    Member,
    OptionCount,
    TeamReport,
    WeightSpread,
    aggregate_answers,
    disagreement_map,
    is_ordered,
    team_report,
    weight_spreads,
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
