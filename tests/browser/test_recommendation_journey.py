"""The main journey: answer seven pages, get a verdict, adjust a weight."""

from __future__ import annotations

import re

import pytest

from apps.catalogue.models import AIModel, Offer
from apps.questionnaire.definitions import SECTIONS
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def launch_catalogue(transactional_db, shipped_catalogue):
    """The shipped catalogue, loaded once per session and copied in."""
    yield


def answer_sections(page, answers, sections):
    for section in sections:
        page.wait_for_selector(f"text=Step {section.number} of {len(SECTIONS)}")
        for slug in section.slugs:
            if slug in answers:  # data_region only when data must stay in a region
                page.check(f'input[name="{slug}"][value="{answers[slug]}"]')
        page.get_by_role("button", name="Continue").click()


def see_recommendation(page):
    page.wait_for_url(re.compile(r"/check/$"))
    page.get_by_role("button", name="See my recommendation").click()
    page.wait_for_url(re.compile(r"/result/$"))
    verdict = page.locator("[data-verdict]")
    return (
        verdict.get_attribute("data-verdict"),
        float(verdict.get_attribute("data-score")),
        [element.get_attribute("data-model") for element in page.locator("[data-model]").all()],
    )


def test_sovereign_ml_team_gets_open_models_it_can_run_itself(
    live_server, launch_catalogue, page, console_errors
):
    page.goto(live_server.url + "/start/")
    answer_sections(page, SOVEREIGN_ML_TEAM, SECTIONS)

    verdict, score, shortlist = see_recommendation(page)

    assert verdict == "open"
    assert score >= 0.15
    assert shortlist
    downloadable = set(
        AIModel.objects.filter(slug__in=shortlist, licence__commercial_use=True)
        .exclude(access="api_only")
        .values_list("slug", flat=True)
    )
    assert downloadable == set(shortlist)
    assert console_errors == []


def test_small_team_with_sla_gets_closed_models_with_an_sla_and_can_adjust_weights(
    live_server, launch_catalogue, page, console_errors
):
    page.goto(live_server.url + "/start/")
    answer_sections(page, SMALL_TEAM_NEEDS_SLA, SECTIONS)

    verdict, _, shortlist = see_recommendation(page)

    assert verdict == "closed"
    assert shortlist
    for slug in shortlist:
        assert Offer.objects.filter(model__slug=slug, sla=True).exists(), slug

    page.evaluate("window.__sameDocument = true")
    page.select_option("#w_capability", "0")
    page.wait_for_selector("[data-adjusted-verdict]")
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped, no reload
    assert "w_capability=0" in page.url
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "closed"
    assert console_errors == []


def test_a_half_finished_response_resumes_from_its_link_in_a_fresh_browser(
    live_server, launch_catalogue, browser, page
):
    page.goto(live_server.url + "/start/")
    answer_sections(page, SOVEREIGN_ML_TEAM, SECTIONS[:3])
    page.wait_for_selector("text=Step 4 of 7")
    resume_link = page.locator("#resume-link").input_value()

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(resume_link)
        other.wait_for_selector("text=Step 4 of 7")
        answer_sections(other, SOVEREIGN_ML_TEAM, SECTIONS[3:])
        verdict, _, shortlist = see_recommendation(other)
    finally:
        fresh.close()

    assert verdict == "open"
    assert shortlist


def test_the_result_page_has_no_axe_violations(live_server, launch_catalogue, page, a11y_page):
    from tests.browser.conftest import axe_violations

    page.goto(live_server.url + "/start/")
    answer_sections(page, SOVEREIGN_ML_TEAM, SECTIONS)
    see_recommendation(page)

    a11y_page.goto(page.url)
    assert axe_violations(a11y_page) == []
    a11y_page.goto(live_server.url + "/method/")
    assert axe_violations(a11y_page) == []


def test_author_shares_and_a_colleague_answers_and_sees_both_side_by_side(
    live_server, launch_catalogue, page, browser, a11y_page, console_errors
):
    from tests.browser.conftest import axe_violations

    page.goto(live_server.url + "/start/")
    answer_sections(page, SOVEREIGN_ML_TEAM, SECTIONS)
    see_recommendation(page)
    author_url = page.url
    page.get_by_label("Your name, as colleagues will see it").fill("Ada")
    page.get_by_role("button", name="Make a share link").click()
    shared = page.locator("#share-link").input_value()
    assert "/s/" in shared
    assert console_errors == []

    colleague = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = colleague.new_page()
        other.goto(shared)
        assert other.locator("[data-verdict]").get_attribute("data-verdict") == "open"
        assert "shared by ada" in other.locator(".eyebrow").inner_text().lower()
        other.evaluate("window.__sameDocument = true")
        other.get_by_role("link", name="Re-check with today's catalogue").click()
        other.wait_for_selector("[data-recalculated-verdict]")
        assert other.evaluate("window.__sameDocument") is True
        other.get_by_label("Your name, as it will appear").fill("Grace")
        other.get_by_role("button", name="Answer the questions yourself").click()
        other.wait_for_url(re.compile(r"/start/$"))
        answer_sections(other, SMALL_TEAM_NEEDS_SLA, SECTIONS)
        see_recommendation(other)

        comparison = other.locator("[data-colleague-compare]")
        assert comparison.get_by_role("heading").inner_text() == "Grace and Ada, side by side"
        assert other.locator("tr[data-differs]").count() >= 3
        # Near the top: the comparison starts within the first two screens.
        assert comparison.bounding_box()["y"] < 2 * 900
        # Nothing in the colleague's browser holds the author's private link.
        author_token = author_url.rstrip("/").split("/")[-2]
        storage = other.evaluate(
            "JSON.stringify([document.cookie, Object.entries(localStorage), "
            "Object.entries(sessionStorage), location.href, document.body.innerHTML])"
        )
        assert author_token not in storage
        assert all(author_token not in cookie["value"] for cookie in colleague.cookies())
    finally:
        colleague.close()

    a11y_page.goto(shared)
    assert axe_violations(a11y_page) == []


def test_the_result_prints_on_at_most_two_a4_pages_with_the_answers(
    live_server, launch_catalogue, page
):
    page.goto(live_server.url + "/start/")
    answer_sections(page, SOVEREIGN_ML_TEAM, SECTIONS)
    see_recommendation(page)

    page.emulate_media(media="print")
    assert page.locator("#answers-title").is_visible()
    assert page.locator(".summary").is_visible()
    pdf = page.pdf(format="A4")

    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2
