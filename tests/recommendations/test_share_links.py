from __future__ import annotations

import re
from http import HTTPStatus

import pytest

from apps.recommendations.models import ShareLink
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


def finished(client, answered, answers):
    response = answered(answers)
    client.post(f"/r/{response.resume_token}/recommendation/")
    return response


def share(client, response, action="create", **data):
    return client.post(f"/r/{response.resume_token}/share/", {"action": action, **data})


def shared_url(response) -> str:
    link = ShareLink.objects.get(response=response, revoked_at__isnull=True)
    return f"/s/{link.token}/"


def test_the_author_makes_a_share_link_with_at_least_128_bits(client, launch_catalogue, answered):
    response = finished(client, answered, SOVEREIGN_ML_TEAM)

    reply = share(client, response)

    assert reply.status_code == HTTPStatus.SEE_OTHER
    assert reply["Location"] == f"/r/{response.resume_token}/result/#share"
    token = ShareLink.objects.get().token
    assert len(token) >= 32  # 24 random bytes, URL-safe base64
    page = client.get(f"/r/{response.resume_token}/result/").text
    assert f"/s/{token}/" in page


def test_a_colleague_sees_the_frozen_result_read_only_without_an_account(
    client, launch_catalogue, answered
):
    response = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, response)
    author_html = client.get(f"/r/{response.resume_token}/result/").text

    colleague = client.__class__()
    page = colleague.get(shared_url(response))

    assert page.status_code == HTTPStatus.OK
    assert 'data-verdict="open"' in page.text
    assert re.findall(r'data-model="([^"]+)"', page.text) == re.findall(
        r'data-model="([^"]+)"', author_html
    )
    assert response.resume_token not in page.text
    assert "Adjust the weights" not in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    # Forms keep their Origin (CSRF), and no Referer ever holds the link's path.
    assert page["Referrer-Policy"] == "strict-origin"
    assert "no-store" in page["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in page.text


def test_a_new_link_replaces_the_old_one_and_revoking_stops_it(client, launch_catalogue, answered):
    response = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, response)
    first = shared_url(response)

    share(client, response)
    second = shared_url(response)
    assert first != second
    gone = client.get(first)
    assert gone.status_code == HTTPStatus.GONE  # it existed: say why it stopped working
    assert "stopped sharing" in gone.text
    assert client.get(second).status_code == HTTPStatus.OK

    share(client, response, action="revoke")
    assert client.get(second).status_code == HTTPStatus.GONE
    assert client.get("/s/" + "x" * 40 + "/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/s/" + "x" * 500 + "/").status_code == HTTPStatus.NOT_FOUND


def test_share_actions_need_the_authors_token_and_a_known_action(
    client, launch_catalogue, answered
):
    response = finished(client, answered, SOVEREIGN_ML_TEAM)

    assert client.post("/r/not-a-token/share/", {"action": "create"}).status_code == 404
    assert share(client, response, action="explode").status_code == HTTPStatus.BAD_REQUEST
    assert client.get(f"/r/{response.resume_token}/share/").status_code == 405
    assert not ShareLink.objects.exists()


def test_recalculating_with_todays_catalogue_shows_what_changed(client, launch_catalogue, answered):
    import datetime

    from apps.catalogue.models import AIModel

    response = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, response)
    url = shared_url(response)
    top = re.findall(r'data-model="([^"]+)"', client.get(url).text)[0]
    retired = AIModel.objects.get(slug=top)  # a curator retires it in the admin
    retired.status = "retired"
    retired.retirement_date = datetime.date(2026, 11, 30)
    retired.lifecycle_source_url = "https://example.org/retired"
    retired.save()

    page = client.get(url + "?recalculate=1")

    assert page.status_code == HTTPStatus.OK
    assert "With today" in page.text
    section = re.search(r"<section id=\"recalculated\".*?</section>", page.text, re.S).group(0)
    assert f'data-recheck-change="retired" data-model="{top}"' in section, section
    assert "No longer on it" in section, section
    assert 'data-recheck-method="same"' in section
    assert re.findall(r'data-model="([^"]+)"', page.text)[0] == top  # the frozen view is kept


def test_a_colleague_who_answers_sees_both_sets_of_answers_by_the_names_they_chose(
    client, launch_catalogue, answered
):
    author = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, author, author_name="Ada")
    colleague = client.__class__()
    reply = colleague.post(shared_url(author) + "answer/", {"display_name": "Grace"})
    assert reply.status_code == HTTPStatus.SEE_OTHER
    assert reply["Location"] == "/start/"

    mine = answered(SMALL_TEAM_NEEDS_SLA)
    colleague.post(f"/r/{mine.resume_token}/recommendation/")
    page = colleague.get(f"/r/{mine.resume_token}/result/").text

    assert "Grace and Ada, side by side" in page
    differing = set(re.findall(r'class="differs" data-differs data-answer-row="([^"]+)"', page))
    expected = {
        slug
        for slug in SOVEREIGN_ML_TEAM
        if SOVEREIGN_ML_TEAM[slug] != SMALL_TEAM_NEEDS_SLA.get(slug)
    }
    assert differing and differing <= expected
    row = re.search(r'data-compare="verdict">.*?</tr>', page, re.S).group(0)
    assert "Closed" in row and "Open" in row
    # The comparison sits near the top: before the full reasoning.
    assert page.index("side by side") < page.index('id="reasoning-title"')
    # Nothing on the colleague's page or in their session reveals the author's private link.
    assert author.resume_token not in page
    assert author.resume_token not in str(dict(colleague.session))


def test_a_share_link_survives_a_new_result_and_shows_the_current_one(
    client, launch_catalogue, answered
):
    from apps.questionnaire.definitions import get_section
    from apps.questionnaire.services import response_answer_section

    author = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, author)
    url = shared_url(author)
    assert 'data-verdict="open"' in client.get(url).text

    # The author changes their answers and makes a new recommendation.
    for number in range(1, 8):
        section = get_section(number)
        response_answer_section(
            response=author,
            section=section,
            data={
                slug: SMALL_TEAM_NEEDS_SLA[slug]
                for slug in section.slugs
                if slug in SMALL_TEAM_NEEDS_SLA
            },
        )
    client.post(f"/r/{author.resume_token}/recommendation/")

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert 'data-verdict="closed"' in page.text
    assert url in client.get(f"/r/{author.resume_token}/result/").text


def test_a_display_name_that_is_too_long_is_refused_with_a_message(
    client, launch_catalogue, answered
):
    author = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, author)
    reply = client.post(shared_url(author) + "answer/", {"display_name": "x" * 61})
    assert reply.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 60 characters" in reply.text


def test_a_shared_link_previews_with_its_verdict(client, launch_catalogue, answered):
    author = finished(client, answered, SOVEREIGN_ML_TEAM)
    share(client, author)
    page = client.get(shared_url(author)).text
    title = re.search(r'<meta property="og:title" content="([^"]+)"', page).group(1)
    assert title.startswith("Go with open-source models")
    assert re.search(r'<meta property="og:description" content="Go open: [^"]+"', page)
