"""The author's result page is kept whole between views, and never shows
anything older than what is stored: each change below is made after the
page was viewed (and so kept), then the page is viewed again."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client

from apps.questionnaire.definitions import SECTIONS
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_answer_section
from apps.recommendations.page_cache import _csrf_placeholder
from apps.recommendations.services import result_create
from apps.recommendations.share_links import share_link_create, share_link_revoke
from apps.recommendations.teams import (
    participant_join,
    participant_remove,
    team_decision_create,
)
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


def page(client, response) -> str:
    reply = client.get(f"/r/{response.resume_token}/result/")
    assert reply.status_code == HTTPStatus.OK
    return reply.text


def csrf_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def answer_all(response, answers) -> None:
    for section in SECTIONS:
        response_answer_section(
            response=response,
            section=section,
            data={slug: answers[slug] for slug in section.slugs if slug in answers},
        )


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def author(launch_catalogue, answered):
    response = answered(SOVEREIGN_ML_TEAM)
    result_create(response=response)
    return response


def test_a_second_view_of_an_unchanged_page_is_the_same_page_with_one_query(
    client, author, django_assert_max_num_queries
):
    first = page(client, author)

    with django_assert_max_num_queries(1):
        second = page(client, author)

    assert without_tokens(second) == without_tokens(first)


def test_a_kept_pages_forms_post_with_the_token_it_carries(launch_catalogue, answered):
    browser = Client(enforce_csrf_checks=True)
    response = answered(SOVEREIGN_ML_TEAM)
    result_create(response=response)
    page(browser, response)
    html = page(browser, response)  # kept from the first view
    (token,) = csrf_tokens(html)
    assert _csrf_placeholder().decode() not in html

    reply = browser.post(
        f"/r/{response.resume_token}/share/",
        {"action": "create", "csrfmiddlewaretoken": token},
    )

    assert reply.status_code == HTTPStatus.SEE_OTHER
    assert csrf_tokens(page(browser, response)) != {token}  # masked afresh each view


def test_changed_answers_show_the_notice_on_the_next_view(client, author):
    assert "Your answers have changed" not in page(client, author)

    answer_all(author, SMALL_TEAM_NEEDS_SLA)

    assert "Your answers have changed" in page(client, author)


def test_a_new_result_shows_on_the_next_view(client, author):
    before = page(client, author)
    answer_all(author, SMALL_TEAM_NEEDS_SLA)
    assert "Your answers have changed" in page(client, author)

    result_create(response=author)
    after = page(client, author)

    assert "Your answers have changed" not in after
    assert without_tokens(after) != without_tokens(before)


def test_making_and_stopping_a_share_link_shows_on_the_next_view(client, author):
    assert "Make a share link" in page(client, author)

    link = share_link_create(response=author, author_name="Ada")
    shown = page(client, author)
    assert link.token in shown and "Ada" in shown

    share_link_revoke(response=author)
    assert link.token not in page(client, author)
    assert "Make a share link" in page(client, author)


def test_joining_and_leaving_a_team_shows_on_the_next_view(client, launch_catalogue):
    decision = team_decision_create(name="Support assistant")
    participant = participant_join(decision=decision, display_name="Alice")
    answer_all(participant.response, SOVEREIGN_ML_TEAM)
    result_create(response=participant.response)
    assert "Support assistant" in page(client, participant.response)

    participant_remove(decision=decision, participant_id=participant.pk)

    assert "Support assistant" not in page(client, participant.response)


def test_deleted_answers_are_never_sent_from_the_cache(client, author):
    token = author.resume_token
    page(client, author)

    Response.objects.filter(pk=author.pk).delete()

    assert client.get(f"/r/{token}/result/").status_code == HTTPStatus.NOT_FOUND


def test_a_release_with_other_settings_or_files_renders_the_page_afresh(client, author, settings):
    from apps.recommendations import page_cache

    page(client, author)
    settings.SELF_HOSTING_OPS_FTE = 7.5
    page_cache._page_release.cache_clear()  # a new release starts new processes
    try:
        assert "We assume 7.5." in page(client, author)
    finally:
        page_cache._page_release.cache_clear()


def test_a_browser_that_takes_gzip_gets_the_same_page_compressed_with_a_fresh_token(
    launch_catalogue, answered
):
    import gzip

    response = answered(SOVEREIGN_ML_TEAM)
    result_create(response=response)
    url = f"/r/{response.resume_token}/result/"
    browser = Client(enforce_csrf_checks=True, headers={"accept-encoding": "gzip, deflate, br"})
    pages, tokens, sizes = [], set(), set()
    for _view in range(5):  # rendered once, then kept
        reply = browser.get(url)
        assert reply.status_code == HTTPStatus.OK
        assert reply["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in reply["Vary"]
        html = gzip.decompress(reply.content).decode()  # checks the CRC and the length
        pages.append(html)
        tokens |= csrf_tokens(html)
        sizes.add(len(reply.content))

    plain = Client().get(url)
    assert "Content-Encoding" not in plain
    assert {without_tokens(html) for html in pages} == {without_tokens(plain.text)}
    assert len(tokens) == 5  # masked afresh on every view
    assert len(sizes) > 1  # a random padding in each, as for every gzipped page
    reply = browser.post(
        f"/r/{response.resume_token}/share/",
        {"action": "create", "csrfmiddlewaretoken": csrf_tokens(pages[-1]).pop()},
    )
    assert reply.status_code == HTTPStatus.SEE_OTHER
