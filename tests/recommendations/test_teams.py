"""Team decisions: combining answers, the team verdict from the same engine,
the disagreement map, and the pages for the organiser and participants."""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.questionnaire.definitions import SECTIONS
from apps.questionnaire.services import response_answer_section
from apps.recommendations import engine
from apps.recommendations.limits import TEAM_WRITE_LIMIT
from apps.recommendations.models import Result
from apps.recommendations.presenters import option_label
from apps.recommendations.services import result_create
from apps.recommendations.snapshot import current_snapshot
from apps.recommendations.team_models import Participant, TeamDecision
from apps.recommendations.teams import (
    DECISION_CLOSED,
    DECISION_NAME_REQUIRED,
    DISPLAY_NAME_REQUIRED,
    DISPLAY_NAME_TAKEN,
    HOW_AGREED,
    HOW_KNEW,
    HOW_MEDIAN,
    HOW_MOST_COMMON,
    HOW_TIED,
    ORDERED_CHOICES,
    Member,
    aggregate_answers,
    disagreement_map,
    participant_join,
    participant_remove,
    team_decision_close,
    team_decision_create,
    team_link_for,
    weight_spreads,
)
from tests.profiles import SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


def member(name: str, answers: Mapping[str, str], weights: Mapping[str, int] | None = None):
    factors = tuple(SimpleNamespace(key=key, weight=w) for key, w in (weights or {}).items())
    return Member(name=name, answers=dict(answers), recommendation=SimpleNamespace(factors=factors))


def team_answer(members, slug):
    answers, spreads = aggregate_answers(members)
    spread = next(s for s in spreads if s.slug == slug)
    assert answers[slug] == spread.team_key
    return spread


# --- Combining answers --------------------------------------------------------


def test_every_ordered_choice_is_a_question_of_the_questionnaire():
    slugs = {q.slug for section in SECTIONS for q in section.questions}
    assert slugs >= ORDERED_CHOICES


def test_an_ordered_question_takes_the_middle_answer():
    members = [
        member("Ann", {"auditability": "none"}),
        member("Bo", {"auditability": "critical"}),
        member("Cy", {"auditability": "high"}),
    ]
    spread = team_answer(members, "auditability")
    assert (spread.team_key, spread.how) == ("high", HOW_MEDIAN)
    assert spread.spread == (
        f"{option_label('auditability', 'none')} – {option_label('auditability', 'critical')}"
    )
    assert [(o.key, o.names) for o in spread.options] == [
        ("none", ("Ann",)),
        ("high", ("Cy",)),
        ("critical", ("Bo",)),
    ]


def test_an_even_count_takes_the_lower_of_the_two_middle_answers():
    members = [
        member("Ann", {"support": "sla"}),
        member("Bo", {"support": "community"}),
        member("Cy", {"support": "business"}),
        member("Di", {"support": "sla"}),
    ]
    assert team_answer(members, "support").team_key == "business"


def test_an_unordered_question_takes_the_most_common_answer():
    members = [
        member("Ann", {"use_case": "code"}),
        member("Bo", {"use_case": "documents"}),
        member("Cy", {"use_case": "code"}),
    ]
    spread = team_answer(members, "use_case")
    assert (spread.team_key, spread.how, spread.spread) == ("code", HOW_MOST_COMMON, "")


def test_a_tie_goes_to_the_option_listed_first_and_says_so():
    members = [member("Ann", {"use_case": "code"}), member("Bo", {"use_case": "documents"})]
    spread = team_answer(members, "use_case")
    assert (spread.team_key, spread.how) == ("documents", HOW_TIED)


def test_i_dont_know_is_left_out_unless_nobody_knew():
    knew = [member("Ann", {"budget": "unsure"}), member("Bo", {"budget": "small"})]
    spread = team_answer(knew, "budget")
    assert (spread.team_key, spread.how, spread.agreed) == ("small", HOW_KNEW, False)
    nobody = [member("Ann", {"budget": "unsure"}), member("Bo", {"budget": "unsure"})]
    assert team_answer(nobody, "budget").team_key == "unsure"


def test_the_same_answer_from_everyone_is_agreed():
    members = [member("Ann", {"expertise": "team"}), member("Bo", {"expertise": "team"})]
    spread = team_answer(members, "expertise")
    assert (spread.how, spread.agreed) == (HOW_AGREED, True)


def test_the_jurisdiction_counts_only_when_the_team_answer_asks_for_one():
    members = [
        member("Ann", {"data_location": "region", "data_region": "eu"}),
        member("Bo", {"data_location": "anywhere"}),
        member("Cy", {"data_location": "anywhere"}),
    ]
    answers, spreads = aggregate_answers(members)
    assert answers["data_location"] == "anywhere"
    assert "data_region" not in answers
    assert "data_region" not in {s.slug for s in spreads}

    members[1] = member("Bo", {"data_location": "region", "data_region": "eu"})
    answers, _ = aggregate_answers(members)
    assert (answers["data_location"], answers["data_region"]) == ("region", "eu")


def test_weights_have_a_median_and_a_range_beside_the_teams_own():
    members = [
        member("Ann", {}, {"cost": 0, "security": 3}),
        member("Bo", {}, {"cost": 1, "security": 3}),
        member("Cy", {}, {"cost": 3, "security": 3}),
        member("Di", {}, {"cost": 2, "security": 3}),
    ]
    team = SimpleNamespace(factors=(SimpleNamespace(key="cost", weight=2),))
    rows = {row.key: row for row in weight_spreads(members, team)}
    assert (rows["cost"].median, rows["cost"].low, rows["cost"].high) == (1.5, 0, 3)
    assert rows["cost"].median_text == "1.5"
    assert rows["cost"].team == 2
    assert (rows["security"].median, rows["security"].low, rows["security"].high) == (3, 3, 3)


# --- The disagreement map (with a stand-in engine) ----------------------------


def fake_engine(effects: Mapping[tuple[str, str], tuple[str, float]], base=("open", 0.4)):
    """Answers → (verdict, score): the first (slug, key) found in `effects`."""
    calls = []

    def run(answers):
        calls.append(dict(answers))
        for (slug, key), (verdict, score) in effects.items():
            if answers.get(slug) == key:
                return SimpleNamespace(verdict=verdict, score=score)
        return SimpleNamespace(verdict=base[0], score=base[1])

    return run, calls


def test_disagreements_that_flip_the_verdict_come_first_then_by_score_change():
    members = [
        member("Ann", {"lock_in": "high", "support": "business", "budget": "large"}),
        member("Bo", {"lock_in": "low", "support": "business", "budget": "medium"}),
        member("Cy", {"lock_in": "critical", "support": "sla", "budget": "large"}),
    ]
    answers, _ = aggregate_answers(members)
    run, _calls = fake_engine(
        {
            ("support", "sla"): ("closed", -0.2),
            ("lock_in", "low"): ("open", 0.1),
            ("lock_in", "critical"): ("open", 0.5),
            ("budget", "medium"): ("open", 0.35),
        }
    )
    team = SimpleNamespace(verdict="open", score=0.4)

    found = disagreement_map(members, answers, team, run)

    assert [d.slug for d in found] == ["support", "lock_in", "budget"]
    support = found[0]
    assert support.flips
    assert support.team_label == option_label("support", "business")
    assert support.agreeing == ("Ann", "Bo")
    (alternative,) = support.alternatives
    assert (alternative.key, alternative.names, alternative.verdict) == ("sla", ("Cy",), "closed")
    assert alternative.flips
    lock_in = found[1]
    assert not lock_in.flips
    assert [a.key for a in lock_in.alternatives] == ["low", "critical"]  # larger change first
    assert lock_in.score_change == pytest.approx(0.3)


def test_a_question_everyone_answered_alike_is_no_disagreement():
    members = [member("Ann", {"expertise": "team"}), member("Bo", {"expertise": "team"})]
    answers, _ = aggregate_answers(members)
    run, calls = fake_engine({})
    assert disagreement_map(members, answers, SimpleNamespace(verdict="open", score=0), run) == ()
    assert calls == []


def test_changing_where_data_stays_brings_that_persons_jurisdiction_with_it():
    members = [
        member("Ann", {"data_location": "anywhere"}),
        member("Bo", {"data_location": "anywhere"}),
        member("Cy", {"data_location": "region", "data_region": "uk"}),
    ]
    answers, _ = aggregate_answers(members)
    run, calls = fake_engine({})
    (found,) = disagreement_map(members, answers, SimpleNamespace(verdict="open", score=0.4), run)
    assert calls == [{"data_location": "region", "data_region": "uk"}]
    assert found.alternatives[0].label == (
        f"{option_label('data_location', 'region')} ({option_label('data_region', 'uk')})"
    )


def test_the_same_answer_from_two_people_runs_the_engine_once():
    members = [
        member("Ann", {"budget": "large"}),
        member("Bo", {"budget": "large"}),
        member("Cy", {"budget": "small"}),
        member("Di", {"budget": "small"}),
        member("Ed", {"budget": "large"}),
    ]
    answers, _ = aggregate_answers(members)
    run, calls = fake_engine({})
    (found,) = disagreement_map(members, answers, SimpleNamespace(verdict="open", score=0.4), run)
    assert len(calls) == 1
    assert found.alternatives[0].names == ("Cy", "Di")


# --- A team of three against the shipped catalogue ----------------------------

BOB = SOVEREIGN_ML_TEAM | {"budget": "medium", "lock_in": "low"}
CAROL = SOVEREIGN_ML_TEAM | {"support": "sla", "lock_in": "critical", "auditability": "low"}


def join_and_answer(decision, name, answers, *, finish=True) -> Participant:
    participant = participant_join(decision=decision, display_name=name)
    for section in SECTIONS:
        response_answer_section(
            response=participant.response,
            section=section,
            data={slug: answers[slug] for slug in section.slugs if slug in answers},
        )
    if finish:
        result_create(response=participant.response)
    return participant


@pytest.fixture
def team_of_three(launch_catalogue):
    decision = team_decision_create(name="Support assistant")
    people = [
        join_and_answer(decision, "Alice", SOVEREIGN_ML_TEAM),
        join_and_answer(decision, "Bob", BOB),
        join_and_answer(decision, "Carol", CAROL),
    ]
    return decision, people


def organiser_url(decision: TeamDecision) -> str:
    return reverse("recommendations:team_organiser", kwargs={"token": decision.organiser_token})


def invite_url(decision: TeamDecision) -> str:
    return reverse("recommendations:team_invite", kwargs={"token": decision.invite_token})


def test_team_of_three_verdict_is_the_engine_on_their_combined_answers(client, team_of_three):
    decision, _people = team_of_three
    snapshot = current_snapshot()
    expected = engine.recommend(SOVEREIGN_ML_TEAM, snapshot.prepared, snapshot.settings)

    page = client.get(organiser_url(decision))

    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert html.count("data-verdict=") == 1
    assert f'data-verdict="{expected.verdict}"' in html
    assert f'data-score="{expected.score}"' in html
    # Every combined answer is the middle one of three, which here is Alice's.
    for slug, key in SOVEREIGN_ML_TEAM.items():
        assert f'data-team-answer="{slug}" data-team-key="{key}"' in html
    for name, result in (("Alice", "open"), ("Bob", "open"), ("Carol", "none")):
        assert f'data-participant="{name}" data-participant-verdict="{result}"' in html


def test_team_disagreement_map_names_the_disagreement_that_flips_the_verdict(client, team_of_three):
    decision, _people = team_of_three
    html = client.get(organiser_url(decision)).content.decode()

    map_html = html[html.index('id="disagreements"') : html.index('id="team-answers"')]
    ranked = re.findall(r'data-disagreement="([a-z_]+)" data-flips="(true|false)"', map_html)
    assert ranked[0] == ("support", "true")
    assert {slug for slug, flips in ranked[1:]} == {"lock_in", "auditability", "budget"}
    assert all(flips == "false" for _slug, flips in ranked[1:])
    assert "1 disagreement changes the team's verdict" in map_html
    assert 'data-alternative="sla" data-alternative-verdict="none" data-flips="true"' in map_html
    assert "Carol answered" in map_html


def test_a_participant_who_has_not_finished_does_not_count(client, launch_catalogue):
    decision = team_decision_create(name="Half done")
    join_and_answer(decision, "Alice", SOVEREIGN_ML_TEAM)
    join_and_answer(decision, "Bob", CAROL, finish=False)
    html = client.get(invite_url(decision)).content.decode()
    assert "<strong>1 of 2</strong> people have finished" in html
    assert "the combined answers of 1 person" in html
    assert 'data-participant="Bob">' in html  # listed, without a verdict
    assert "When a second person finishes" in html


# --- Pages and permissions ----------------------------------------------------


def test_starting_a_decision_leads_to_the_organisers_page(client):
    page = client.post(reverse("recommendations:team_new"), {"name": "  Our  chatbot "})
    decision = TeamDecision.objects.get()
    assert decision.name == "Our chatbot"
    assert page.status_code == HTTPStatus.SEE_OTHER
    assert page["Location"] == organiser_url(decision)
    html = client.get(page["Location"]).content.decode()
    assert decision.invite_token in html
    assert "Nobody has joined yet" in html


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", DECISION_NAME_REQUIRED), ("x" * 121, "Use at most 120 characters")],
)
def test_a_decision_needs_a_short_name(client, name, message):
    page = client.post(reverse("recommendations:team_new"), {"name": name})
    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert message in page.content.decode()
    assert not TeamDecision.objects.exists()


def test_joining_starts_a_questionnaire_of_ones_own(client):
    decision = team_decision_create(name="Pick a model")
    page = client.post(
        reverse("recommendations:team_join", kwargs={"token": decision.invite_token}),
        {"display_name": "Alice"},
    )
    participant = Participant.objects.get()
    assert participant.display_name == "Alice"
    assert page.status_code == HTTPStatus.SEE_OTHER
    assert participant.response.resume_token in page["Location"]
    html = client.get(invite_url(decision)).content.decode()
    assert "You are taking part as <strong>Alice</strong>" in html
    assert participant.response.resume_token in html  # their own link, from their session


def test_the_same_join_form_sent_twice_makes_one_participant(client):
    decision = team_decision_create(name="Pick a model")
    url = reverse("recommendations:team_join", kwargs={"token": decision.invite_token})
    first = client.post(url, {"display_name": "Alice"})
    second = client.post(url, {"display_name": "alice "})
    assert first["Location"] == second["Location"]
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "message"), [("", DISPLAY_NAME_REQUIRED), ("x" * 61, "Use at most 60 characters")]
)
def test_joining_needs_a_name(client, name, message):
    decision = team_decision_create(name="Pick a model")
    page = client.post(
        reverse("recommendations:team_join", kwargs={"token": decision.invite_token}),
        {"display_name": name},
    )
    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert message in page.content.decode()
    assert not Participant.objects.exists()


def test_a_removed_participant_is_told_so_and_may_join_again(client):
    decision = team_decision_create(name="Pick a model")
    join_url = reverse("recommendations:team_join", kwargs={"token": decision.invite_token})
    client.post(join_url, {"display_name": "Alice"})
    removed = Participant.objects.get()
    participant_remove(decision=decision, participant_id=removed.pk)

    html = client.get(invite_url(decision)).content.decode()

    assert "The organiser removed <strong>Alice</strong>" in html
    assert removed.response.resume_token not in html
    assert client.post(join_url, {"display_name": "Alice"}).status_code == HTTPStatus.SEE_OTHER
    assert Participant.objects.filter(removed_at__isnull=True).exclude(pk=removed.pk).count() == 1


def test_two_people_cannot_share_a_name(client):
    decision = team_decision_create(name="Pick a model")
    participant_join(decision=decision, display_name="Alice")
    page = client.post(
        reverse("recommendations:team_join", kwargs={"token": decision.invite_token}),
        {"display_name": "ALICE"},
    )
    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert DISPLAY_NAME_TAKEN.replace("'", "&#x27;") in page.content.decode()


def test_participants_never_see_the_organiser_link_or_each_others_answers_links(
    client, team_of_three
):
    decision, people = team_of_three
    client.post(
        reverse("recommendations:team_join", kwargs={"token": decision.invite_token}),
        {"display_name": "Dave"},
    )
    page = client.get(invite_url(decision))
    html = page.content.decode()
    assert decision.organiser_token not in html
    for person in people:
        assert person.response.resume_token not in html
    assert "Remove" not in html


def test_the_organisers_page_links_no_ones_answers(client, team_of_three):
    decision, people = team_of_three
    html = client.get(organiser_url(decision)).content.decode()
    for person in people:
        assert person.response.resume_token not in html


def test_team_pages_are_private(client):
    decision = team_decision_create(name="Private")
    for url in (organiser_url(decision), invite_url(decision)):
        page = client.get(url)
        assert "no-store" in page["Cache-Control"]
        assert page["Referrer-Policy"] == "strict-origin"
        assert "noindex" in page["X-Robots-Tag"]


@pytest.mark.parametrize(
    "url",
    [
        "/team/not-a-token/",
        "/team/organise/not-a-token/",
        "/team/organise/not-a-token/close/",
        "/team/organise/not-a-token/remove/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_an_unknown_link_is_not_found(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_the_invite_link_cannot_manage_the_decision(client):
    decision = team_decision_create(name="Guarded")
    page = client.post(
        reverse("recommendations:team_close", kwargs={"token": decision.invite_token})
    )
    assert page.status_code == HTTPStatus.NOT_FOUND
    decision.refresh_from_db()
    assert not decision.is_closed


def test_the_organiser_removes_a_participant_after_confirming(client, team_of_three):
    decision, (_alice, _bob, carol) = team_of_three
    url = reverse(
        "recommendations:team_remove",
        kwargs={"token": decision.organiser_token, "participant_id": carol.pk},
    )
    confirm = client.get(url)
    assert confirm.status_code == HTTPStatus.OK
    assert "Remove Carol from “Support assistant”?" in confirm.content.decode()
    carol.refresh_from_db()
    assert carol.removed_at is None

    done = client.post(url)

    assert done.status_code == HTTPStatus.SEE_OTHER
    html = client.get(organiser_url(decision)).content.decode()
    assert 'data-participant="Carol"' not in html
    assert "1 person was removed" in html
    assert 'data-disagreement="support"' not in html  # her answer no longer counts
    assert client.post(url).status_code == HTTPStatus.NOT_FOUND  # removed once only


def test_closing_freezes_what_counts_and_stops_joining(client, team_of_three):
    decision, (_alice, bob, _carol) = team_of_three
    late = participant_join(decision=decision, display_name="Late")
    close_url = reverse("recommendations:team_close", kwargs={"token": decision.organiser_token})
    assert "Close “Support assistant”?" in client.get(close_url).content.decode()

    assert client.post(close_url).status_code == HTTPStatus.SEE_OTHER

    # Bob changes his mind after the close; his result as it was still counts.
    section = next(s for s in SECTIONS if "support" in s.slugs)
    response_answer_section(
        response=bob.response,
        section=section,
        data={slug: (BOB | {"support": "sla"})[slug] for slug in section.slugs},
    )
    result_create(response=bob.response)
    html = client.get(organiser_url(decision)).content.decode()
    assert "This decision is closed." in html
    assert 'data-participant="Bob" data-participant-verdict="open"' in html
    assert "Did not finish before it closed" in html
    assert 'hx-trigger="every' not in html  # nothing changes any more: no polling
    late.refresh_from_db()
    assert late.counted_result is None

    joined = client.post(
        reverse("recommendations:team_join", kwargs={"token": decision.invite_token}),
        {"display_name": "Eve"},
    )
    assert joined.status_code == HTTPStatus.CONFLICT
    assert DECISION_CLOSED in joined.content.decode()
    assert not Participant.objects.filter(display_name="Eve").exists()


def test_closing_twice_keeps_the_first_close(team_of_three):
    decision, _ = team_of_three
    first = team_decision_close(decision=decision).closed_at
    assert team_decision_close(decision=decision).closed_at == first


def test_the_board_updates_by_polling_and_says_when_nothing_changed(client, team_of_three):
    decision, (alice, _bob, _carol) = team_of_three
    url = organiser_url(decision)
    full = client.get(url).content.decode()
    poll_url = (
        re.search(r'hx-get="([^"]+)" hx-trigger="every 10s"', full).group(1).replace("&amp;", "&")
    )
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "team-board"}

    unchanged = client.get(poll_url, **htmx)
    assert unchanged.status_code == HTTPStatus.NO_CONTENT

    join_and_answer(decision, "Dave", SOVEREIGN_ML_TEAM, finish=False)
    changed = client.get(poll_url, **htmx)
    html = changed.content.decode()
    assert changed.status_code == HTTPStatus.OK
    assert html.lstrip().startswith('<div id="team-board"')
    assert "<html" not in html
    assert 'data-participant="Dave"' in html
    assert "<strong>3 of 4</strong>" in html


def test_the_team_page_reads_a_constant_number_of_queries(
    client, team_of_three, django_assert_max_num_queries
):
    decision, _ = team_of_three
    client.get(organiser_url(decision))  # warms the engine's snapshot and the report
    with django_assert_max_num_queries(12):
        assert client.get(organiser_url(decision)).status_code == HTTPStatus.OK
    for index in range(4):
        join_and_answer(decision, f"Extra {index}", SOVEREIGN_ML_TEAM)
    client.get(organiser_url(decision))
    with django_assert_max_num_queries(12):
        assert client.get(organiser_url(decision)).status_code == HTTPStatus.OK


def test_team_writes_are_rate_limited(client, settings):

    for _ in range(TEAM_WRITE_LIMIT.limit):
        client.post(reverse("recommendations:team_new"), {"name": "Spam"})
    page = client.post(reverse("recommendations:team_new"), {"name": "Spam"})
    assert page.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert TeamDecision.objects.count() == TEAM_WRITE_LIMIT.limit


def test_a_participants_result_links_back_to_the_team_page_until_removed(team_of_three):
    decision, (alice, _bob, _carol) = team_of_three
    link = team_link_for(response=alice.response)
    assert (link.name, link.url) == ("Support assistant", invite_url(decision))
    html = render_to_string("recommendations/_team_backlink.html", {"team_link": link})
    assert f'href="{invite_url(decision)}"' in html
    assert decision.organiser_token not in html

    alice.removed_at = timezone.now()
    alice.save()
    assert team_link_for(response=alice.response) is None
    assert Result.objects.filter(response=alice.response).exists()  # her result stays hers
