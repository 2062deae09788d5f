from __future__ import annotations

import re
from dataclasses import replace
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from apps.questionnaire import views
from apps.questionnaire.definitions import QUESTIONS_BY_SLUG, SECTIONS, get_section, is_asked
from apps.questionnaire.forms import ERROR_UNKNOWN_OPTION
from apps.questionnaire.models import Answer, Response
from apps.questionnaire.selectors import response_answers
from tests.questionnaire.conftest import first_answers, parse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "questionnaire-page"}


def section_url(response: Response, number: int) -> str:
    return reverse(
        "questionnaire:section", kwargs={"token": response.resume_token, "number": number}
    )


def check_url(response: Response) -> str:
    return reverse("questionnaire:check", kwargs={"token": response.resume_token})


def resume_url(response: Response) -> str:
    return reverse("questionnaire:resume", kwargs={"token": response.resume_token})


START = "/start/"


# --- The start page -------------------------------------------------------


def test_start_shows_step_one_without_creating_a_response(client):
    page = client.get(START)

    assert page.status_code == HTTPStatus.OK
    assert reverse("questionnaire:start") == START
    assert b"Step 1 of 7" in page.content
    assert b"<h1" in page.content and b"Your situation" in page.content
    assert Response.objects.count() == 0


def test_the_first_answers_create_the_response_and_redirect_303_to_step_two(client):
    page = client.post(START, first_answers(get_section(1)))

    response = Response.objects.get()
    assert page.status_code == HTTPStatus.SEE_OTHER
    assert page["Location"] == section_url(response, 2)
    assert response_answers(response=response) == first_answers(get_section(1))
    assert response.furthest_section == 1


def test_going_back_to_a_blank_step_one_offers_the_questionnaire_already_started(client):
    """Without JavaScript the browser's Back button shows /start/ again; the
    page says a questionnaire is under way and links to its saved answers."""
    assert b"data-started" not in client.get(START).content
    client.post(START, first_answers(get_section(1)))
    response = Response.objects.get()

    page = client.get(START)

    assert b"You have already started a questionnaire" in page.content
    assert section_url(response, 1).encode() in page.content
    assert Response.objects.count() == 1


def test_an_invalid_first_page_creates_no_response(client):
    page = client.post(START, {"use_case": "code"})

    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


# --- Field names and values -----------------------------------------------


def test_form_fields_are_named_by_the_spec_slugs_with_the_spec_keys_as_values(
    client, make_response
):
    response = make_response(through=0)
    for section in SECTIONS:
        url = START if section.number == 1 else section_url(response, section.number)
        radios = parse(client.get(url).content).radio_values()

        assert radios == {question.slug: list(question.keys) for question in section.questions}


def test_i_dont_know_is_offered_everywhere_except_the_licence_questions(client, make_response):
    response = make_response(through=0)
    for section in SECTIONS:
        page = client.get(section_url(response, section.number))
        for slug, values in parse(page.content).radio_values().items():
            if slug in {"commercial_use", "redistribution"}:
                assert "unsure" not in values
            else:
                assert values[-1] == "unsure"
        if section.number != 7:
            assert b"I don&#x27;t know" in page.content


def test_each_question_is_a_fieldset_with_its_legend_and_a_hint(client):
    content = client.get(START).content.decode()

    for question in get_section(1).questions:
        assert f"<legend>{question.text}</legend>" in content
        assert f'id="{question.slug}-hint"' in content
        assert f'aria-describedby="{question.slug}-hint"' in content
    assert content.count("<fieldset") == len(get_section(1).questions)


def test_each_radio_has_a_label_and_its_hint_is_linked(client):
    html = client.get(START).content.decode()
    parsed = parse(html)

    for radio in parsed.radios:
        assert f'<label for="{radio["id"]}">' in html
        if radio.get("aria-describedby"):
            assert radio["aria-describedby"] in parsed.ids


def test_saved_answers_are_selected_when_a_page_is_shown_again(client, make_response):
    response = make_response(through=2)

    checked = parse(client.get(section_url(response, 2)).content).checked()

    assert checked == first_answers(get_section(2))


# --- Errors ---------------------------------------------------------------


def test_a_missing_answer_gives_400_with_a_summary_linking_to_the_field(client):
    page = client.post(START, {"use_case": "code", "monthly_volume": "low"})

    assert page.status_code == HTTPStatus.BAD_REQUEST
    html = page.content.decode()
    parsed = parse(html)
    question = QUESTIONS_BY_SLUG["organisation"]
    assert "There is a problem" in html
    assert "#organisation_0" in parsed.links
    assert "organisation_0" in parsed.ids
    assert html.count(question.error) == 2  # in the summary and next to the field
    assert 'id="organisation-error"' in html
    assert "form-group--error" in html
    assert parsed.checked() == {"use_case": "code", "monthly_volume": "low"}
    assert "<title>Error: " in html


def test_an_unknown_key_gives_400_saves_nothing_and_keeps_earlier_answers(client, make_response):
    response = make_response(through=2)
    before = response_answers(response=response)

    page = client.post(
        section_url(response, 2),
        {"data_sensitivity": "public", "data_location": "moon", "auditability": "high"},
    )

    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert ERROR_UNKNOWN_OPTION.encode() in page.content
    assert "#data_location_0" in parse(page.content).links
    assert response_answers(response=response) == before


def test_an_empty_page_lists_every_question_in_the_error_summary(client, make_response):
    response = make_response(through=1)

    page = client.post(section_url(response, 5), {})

    assert page.status_code == HTTPStatus.BAD_REQUEST
    links = [link for link in parse(page.content).links if link.startswith("#") and link != "#main"]
    assert links == [f"#{question.slug}_0" for question in get_section(5).questions]


def test_fields_that_are_not_on_the_page_are_ignored(client, make_response):
    response = make_response(through=1)

    page = client.post(
        section_url(response, 3),
        {**first_answers(get_section(3)), "use_case": "research", "admin": "1", "budget_x": "?"},
    )

    assert page.status_code == HTTPStatus.SEE_OTHER
    answers = response_answers(response=response)
    assert answers["use_case"] == first_answers(get_section(1))["use_case"]
    assert set(Answer.objects.values_list("question_slug", flat=True)) == {
        *get_section(1).slugs,
        *get_section(3).slugs,
    }


def test_two_values_for_one_question_store_one_answer_not_a_crash(client):
    page = client.post(START, {**first_answers(get_section(1)), "use_case": ["code", "research"]})

    # Django's QueryDict keeps the last value of a repeated field.
    assert page.status_code == HTTPStatus.SEE_OTHER
    assert list(
        Answer.objects.filter(question_slug="use_case").values_list("option_key", flat=True)
    ) == ["research"]


def test_submitting_the_same_page_twice_stores_one_answer_set(client, make_response):
    response = make_response(through=1)
    data = first_answers(get_section(2))

    first = client.post(section_url(response, 2), data)
    second = client.post(section_url(response, 2), data)

    assert first.status_code == second.status_code == HTTPStatus.SEE_OTHER
    assert Answer.objects.filter(response=response).count() == 3 + 3


# --- Navigation -----------------------------------------------------------


def test_each_page_continues_to_the_next_and_the_last_to_check_your_answers(client, make_response):
    response = make_response(through=1)
    for section in SECTIONS[1:]:
        page = client.post(section_url(response, section.number), first_answers(section))

        assert page.status_code == HTTPStatus.SEE_OTHER
        expected = (
            check_url(response)
            if section.number == 7
            else section_url(response, section.number + 1)
        )
        assert page["Location"] == expected


def test_a_change_link_returns_to_check_your_answers(client, make_response):
    response = make_response(through=7)

    page = client.get(section_url(response, 3) + "?return=check")
    parsed = parse(page.content)
    assert parsed.forms[0]["action"] == section_url(response, 3) + "?return=check"
    assert check_url(response) in parsed.links  # the back link

    posted = client.post(
        section_url(response, 3) + "?return=check", {"budget": "large", "cost_model": "fixed"}
    )
    assert posted.status_code == HTTPStatus.SEE_OTHER
    assert posted["Location"] == check_url(response)
    assert response_answers(response=response)["budget"] == "large"


def test_back_links_go_to_the_previous_step(client, make_response):
    response = make_response(through=3)

    assert section_url(response, 2) in parse(client.get(section_url(response, 3)).content).links
    assert "/" in parse(client.get(START).content).links
    assert section_url(response, 7) in parse(client.get(check_url(response)).content).links


def test_every_page_shows_a_progress_indicator(client, make_response):
    response = make_response(through=1)
    for section in SECTIONS:
        html = client.get(section_url(response, section.number)).content.decode()
        assert f"Step {section.number} of 7" in html
        assert f"progress-bar--step-{section.number}" in html


# --- Resume link ----------------------------------------------------------


def test_the_resume_link_from_a_fresh_browser_lands_on_the_first_unanswered_step(make_response):
    response = make_response(through=3)

    page = Client().get(resume_url(response), follow=True)

    assert page.redirect_chain[-1][0] == section_url(response, 4)
    assert page.status_code == HTTPStatus.OK
    assert b"Step 4 of 7" in page.content
    earlier = Client().get(section_url(response, 2))
    assert parse(earlier.content).checked() == first_answers(get_section(2))


def test_the_resume_link_of_a_finished_response_goes_to_check_your_answers(make_response):
    response = make_response(through=7)

    page = Client().get(resume_url(response))

    assert page.status_code == HTTPStatus.FOUND
    assert page["Location"] == check_url(response)


def test_the_resume_link_skips_to_a_gap_left_earlier(make_response):
    response = make_response(through=4)
    Answer.objects.filter(response=response, question_slug="data_location").delete()

    page = Client().get(resume_url(response))

    assert page["Location"] == section_url(response, 2)


def test_every_page_with_a_response_shows_the_private_resume_link(client, make_response):
    response = make_response(through=7)
    absolute = "http://testserver" + resume_url(response)
    for url in [section_url(response, n) for n in range(1, 8)] + [check_url(response)]:
        html = client.get(url).content.decode()
        assert f'value="{absolute}"' in html
        assert 'data-copy="#resume-link"' in html
        assert "anyone with this link can see and change your answers" in html


def test_the_start_page_explains_the_link_comes_after_the_first_step(client):
    html = client.get(START).content.decode()

    assert 'id="resume-link"' not in html
    assert "private link" in html


# --- Check your answers ---------------------------------------------------


def test_check_your_answers_lists_every_answer_with_a_change_link_per_section(
    client, make_response
):
    response = make_response(through=7)
    client.post(section_url(response, 3), {"budget": "unsure", "cost_model": "fixed"})

    html = client.get(check_url(response)).content.decode()
    parsed = parse(html)
    answers = response_answers(response=response)

    for section in SECTIONS:
        assert section_url(response, section.number) + "?return=check" in parsed.links
        for question in section.questions:
            if not is_asked(question, answers):
                assert question.text not in html
                continue
            assert question.text in html
            assert question.option(answers[question.slug]).label.replace("'", "&#x27;") in html
    assert "I don&#x27;t know" in html
    asked = [q for q in QUESTIONS_BY_SLUG.values() if is_asked(q, answers)]
    assert html.count('class="summary-list__row"') == len(asked) == len(QUESTIONS_BY_SLUG) - 1


def test_check_your_answers_posts_to_the_recommendation_with_a_csrf_token(client, make_response):
    response = make_response(through=7)

    html = client.get(check_url(response)).content.decode()

    action = reverse("recommendations:create", kwargs={"token": response.resume_token})
    assert f'action="{action}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "See my recommendation" in html
    assert html.count("button--primary") == 1


def test_an_incomplete_response_lists_the_missing_steps_instead_of_the_button(
    client, make_response
):
    response = make_response(through=4)

    html = client.get(check_url(response)).content.decode()
    links = parse(html).links

    assert "See my recommendation" not in html
    assert "Some answers are missing" in html
    for number in (5, 6, 7):
        assert section_url(response, number) in links
        assert f"Step {number}: {get_section(number).title}" in html
    assert "Step 4: " not in html


# --- htmx -----------------------------------------------------------------


def test_an_htmx_post_returns_the_next_page_fragment_and_pushes_its_url(client, make_response):
    response = make_response(through=1)

    page = client.post(section_url(response, 2), first_answers(get_section(2)), **HTMX)

    assert page.status_code == HTTPStatus.OK
    assert page["HX-Push-Url"] == section_url(response, 3)
    html = page.content.decode()
    assert "<html" not in html and "<body" not in html
    assert "Step 3 of 7" in html
    assert html.lstrip().startswith("<title>Cost — step 3 of 7")
    assert 'hx-post="' + section_url(response, 3) + '"' in html
    assert response_answers(response=response).keys() >= set(get_section(2).slugs) - {
        "data_region"  # not asked when data may be processed anywhere
    }


def test_an_htmx_first_page_creates_the_response_and_pushes_the_tokened_url(client):
    page = client.post(START, first_answers(get_section(1)), **HTMX)

    response = Response.objects.get()
    assert page.status_code == HTTPStatus.OK
    assert page["HX-Push-Url"] == section_url(response, 2)
    assert "Step 2 of 7" in page.content.decode()
    assert resume_url(response) in page.content.decode()


def test_an_htmx_post_of_the_last_page_returns_check_your_answers(client, make_response):
    response = make_response(through=6)

    page = client.post(section_url(response, 7), first_answers(get_section(7)), **HTMX)

    assert page["HX-Push-Url"] == check_url(response)
    assert "Check your answers" in page.content.decode()
    assert "See my recommendation" in page.content.decode()


def test_an_invalid_htmx_post_returns_the_same_fragment_with_errors_and_stays(
    client, make_response
):
    response = make_response(through=1)

    page = client.post(section_url(response, 2), {}, **HTMX)

    assert page.status_code == views.INVALID_STATUS_HTMX
    assert page["HX-Push-Url"] == "false"
    html = page.content.decode()
    assert "<html" not in html
    assert "There is a problem" in html
    assert "data-focus-on-swap" in html.split("There is a problem")[0]
    assert Answer.objects.filter(response=response).count() == 3


def test_the_form_posts_with_and_without_htmx_to_the_same_url(client, make_response):
    response = make_response(through=1)

    form = parse(client.get(section_url(response, 2)).content).forms[0]

    assert form["method"] == "post"
    assert form["action"] == form["hx-post"] == section_url(response, 2)
    assert form["hx-target"] == "#questionnaire-page"
    assert form["hx-swap"].startswith("innerHTML")
    assert form["hx-push-url"] == section_url(response, 3)


def test_an_htmx_request_aimed_elsewhere_is_redirected_like_a_plain_post(client, make_response):
    response = make_response(through=1)

    page = client.post(
        section_url(response, 2), first_answers(get_section(2)), HTTP_HX_REQUEST="true"
    )

    assert page.status_code == HTTPStatus.SEE_OTHER


def test_a_history_restore_gets_the_whole_page(client, make_response):
    response = make_response(through=1)

    page = client.get(
        section_url(response, 2), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )

    assert "<html" in page.content.decode()


# --- Not found, methods, limits -------------------------------------------


@pytest.mark.parametrize("name", ["section", "check", "resume"])
def test_an_unknown_token_is_a_404_page(client, name):
    kwargs = {"token": "x" * 43} | ({"number": 2} if name == "section" else {})

    page = client.get(reverse(f"questionnaire:{name}", kwargs=kwargs))

    assert page.status_code == HTTPStatus.NOT_FOUND
    assert b"Page not found" in page.content


def test_a_post_for_an_unknown_token_is_a_404_and_saves_nothing(client):
    page = client.post("/r/" + "x" * 43 + "/section/2/", first_answers(get_section(2)))

    assert page.status_code == HTTPStatus.NOT_FOUND
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("number", [0, 8, 99])
def test_a_step_outside_the_questionnaire_is_a_404(client, make_response, number):
    response = make_response(through=1)

    assert (
        client.get(f"/r/{response.resume_token}/section/{number}/").status_code
        == HTTPStatus.NOT_FOUND
    )
    assert (
        client.post(f"/r/{response.resume_token}/section/{number}/", {}).status_code
        == HTTPStatus.NOT_FOUND
    )


def test_other_methods_are_refused(client, make_response):
    response = make_response(through=1)

    assert client.put(START).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.delete(section_url(response, 2)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.post(check_url(response)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.post(resume_url(response)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_posting_answers_faster_than_a_person_could_is_refused_with_429(
    client, make_response, monkeypatch
):
    monkeypatch.setattr(views, "ANSWERS_LIMIT", replace(views.ANSWERS_LIMIT, limit=3))
    response = make_response(through=1)
    data = first_answers(get_section(2))

    statuses = [client.post(section_url(response, 2), data).status_code for _ in range(4)]

    assert statuses == [HTTPStatus.SEE_OTHER] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    refused = client.post(START, first_answers(get_section(1)))
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert b"Too many answers at once" in refused.content
    assert Response.objects.count() == 1


def test_pages_are_private_and_not_cached_or_indexed(client, make_response):
    response = make_response(through=1)
    for url in (START, section_url(response, 2), check_url(response)):
        page = client.get(url)
        assert "no-store" in page["Cache-Control"]
        assert b'<meta name="robots" content="noindex">' in page.content


def test_pages_holding_the_resume_token_never_send_it_as_a_referrer(client, make_response):
    response = make_response(through=1)
    for url in (section_url(response, 2), check_url(response), resume_url(response)):
        page = client.get(url)
        assert page["Referrer-Policy"] == "strict-origin", url
        assert "no-store" in page["Cache-Control"], url


def test_an_htmx_post_over_the_limit_gets_the_429_message_in_place(
    client, make_response, monkeypatch
):
    monkeypatch.setattr(views, "ANSWERS_LIMIT", replace(views.ANSWERS_LIMIT, limit=0))
    response = make_response(through=1)

    refused = client.post(section_url(response, 2), first_answers(get_section(2)), **HTMX)

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["HX-Push-Url"] == "false"
    assert refused["Retry-After"] == "600"
    assert b"Too many answers at once" in refused.content
    assert b"<html" not in refused.content
    assert not Answer.objects.filter(response=response, question_slug__in=get_section(2).slugs)


def test_pages_need_no_inline_scripts_or_styles(client, make_response):
    response = make_response(through=7)
    urls = [START, *(section_url(response, n) for n in range(1, 8)), check_url(response)]
    for url in urls:
        html = client.get(url).content.decode()
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url
    error_page = client.post(START, {}).content.decode()
    assert not re.search(r"\sstyle=", error_page)


# --- Queries --------------------------------------------------------------


def test_each_page_runs_a_small_fixed_number_of_queries(
    client, make_response, django_assert_max_num_queries
):
    response = make_response(through=7)

    with django_assert_max_num_queries(2):
        client.get(section_url(response, 5))
    with django_assert_max_num_queries(2):
        client.get(check_url(response))
    with django_assert_max_num_queries(2):
        client.get(resume_url(response))
    with django_assert_max_num_queries(8):
        client.post(section_url(response, 5), first_answers(get_section(5)))
    with django_assert_max_num_queries(9):
        client.post(section_url(response, 5), first_answers(get_section(5)), **HTMX)
    with django_assert_max_num_queries(0):  # a new visitor
        Client().get(START)
    with django_assert_max_num_queries(2):  # its session, and the questionnaire it started
        client.get(START)
    # response, answers (one upsert), completeness, furthest step; the rest are
    # savepoints (one guards the start key against a concurrent resend) and the
    # new session that remembers the questionnaire this browser started
    with django_assert_max_num_queries(16):
        Client().post(START, first_answers(get_section(1)))
