"""The questionnaire in a real browser: htmx navigation, resume links, errors, axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from apps.questionnaire.definitions import SECTIONS, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_first_options(page: Page, section: Section) -> None:
    for question in section.questions:
        if question.asked_if is None:  # data_region stays hidden after "anywhere"
            page.check(f"#{question.slug}_0")


def continue_to(page: Page, pattern: str) -> None:
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(pattern))


def mark_document(page: Page) -> None:
    """A flag that a full page load would wipe: proves htmx swapped the page."""
    page.evaluate("window.__sameDocument = true")


def still_same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_a_person_answers_all_seven_pages_with_htmx_and_reaches_check_your_answers(
    live_server, page, console_errors
):
    page.goto(live_server.url + "/start/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your situation")
    assert page.evaluate("typeof window.htmx") == "object"
    mark_document(page)

    for section in SECTIONS:
        expect(page.locator("#progress")).to_have_text(f"Step {section.number} of 7")
        expect(page.get_by_role("heading", level=1)).to_have_text(section.title)
        answer_first_options(page, section)
        if section.number < 7:
            continue_to(page, rf"/r/[\w-]+/section/{section.number + 1}/$")
            expect(page).to_have_title(re.compile(rf"step {section.number + 1} of 7"))
        else:
            continue_to(page, r"/r/[\w-]+/check/$")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page).to_have_title(re.compile("^Check your answers"))
    expect(page.get_by_role("button", name="See my recommendation")).to_be_visible()
    assert still_same_document(page), "the pages should have been swapped by htmx"
    focused = page.evaluate("document.activeElement.tagName")
    assert focused == "H1"
    assert console_errors == []


def test_the_browsers_back_button_returns_to_the_previous_step_after_htmx_swaps(
    live_server, page, console_errors
):
    page.goto(live_server.url + "/start/")
    for section in SECTIONS[:2]:
        answer_first_options(page, section)
        continue_to(page, rf"/section/{section.number + 1}/$")

    page.go_back()

    expect(page).to_have_url(re.compile(r"/section/2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SECTIONS[1].title)
    expect(page.locator(".site-header")).to_have_count(1)
    for question in SECTIONS[1].questions:
        if question.asked_if is None:
            assert page.is_checked(f"#{question.slug}_0")
    expect(page.locator("#data_region_0")).to_be_hidden()
    assert console_errors == []


def test_back_from_step_2_shows_step_1_saved_on_the_persons_own_link_not_a_blank_new_form(
    live_server, page, console_errors
):
    """Step 1 was answered at /start/; once that created the response, going
    back must show those answers at /r/<token>/section/1/. A blank /start/
    form would start a second questionnaire when sent again."""
    from apps.questionnaire.models import Response

    page.goto(live_server.url + "/start/")
    page.check("#use_case_1")
    page.check("#organisation_2")
    page.check("#monthly_volume_1")
    continue_to(page, r"/r/[\w-]+/section/2/$")
    token = page.url.split("/r/")[1].split("/")[0]

    page.go_back()

    expect(page).to_have_url(f"{live_server.url}/r/{token}/section/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SECTIONS[0].title)
    for radio in ("#use_case_1", "#organisation_2", "#monthly_volume_1"):
        expect(page.locator(radio)).to_be_checked()
    expect(page.locator("#resume-link")).to_have_value(re.compile(rf"/resume/{token}/$"))

    page.check("#organisation_3")  # a change of mind, saved on the same response
    continue_to(page, rf"/r/{token}/section/2/$")
    assert Response.objects.count() == 1
    assert console_errors == []


def test_the_jurisdiction_question_appears_only_when_data_must_stay_in_one(
    live_server, page, console_errors
):
    page.goto(live_server.url + "/start/")
    answer_first_options(page, SECTIONS[0])
    continue_to(page, r"/section/2/$")
    region = page.get_by_role("group", name=re.compile("which one"))
    expect(region).to_be_hidden()

    page.check("#data_sensitivity_2")
    page.check("#auditability_0")
    page.check("#data_location_1")  # only within one jurisdiction
    expect(region).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_contain_text("Select the jurisdiction")

    page.check("#data_location_0")  # anywhere: hidden again, and not needed
    expect(region).to_be_hidden()
    page.check("#data_location_1")
    page.check("#data_region_0")  # the EU
    continue_to(page, r"/section/3/$")
    # The page with the missing answer was a 400, as it should be.
    assert [error for error in console_errors if "400 (Bad Request)" not in error] == []


def test_a_half_finished_response_resumes_from_its_link_in_a_fresh_browser(
    live_server, page, browser
):
    page.goto(live_server.url + "/start/")
    for section in SECTIONS[:3]:
        answer_first_options(page, section)
        continue_to(page, rf"/section/{section.number + 1}/$")
    page.check("#customisation_2")  # chosen but never submitted: not saved
    resume_link = page.locator("#resume-link").input_value()
    assert "/resume/" in resume_link

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = fresh.new_page()
        other.goto(resume_link)
        expect(other).to_have_url(re.compile(r"/section/4/$"))
        expect(other.locator("#progress")).to_have_text("Step 4 of 7")
        assert not other.is_checked("#customisation_2")

        other.get_by_role("link", name="Back").click()
        expect(other).to_have_url(re.compile(r"/section/3/$"))
        for question in SECTIONS[2].questions:
            assert other.is_checked(f"#{question.slug}_0")
    finally:
        fresh.close()


def test_submitting_an_empty_page_shows_a_focused_error_summary(live_server, page):
    page.goto(live_server.url + "/start/")
    mark_document(page)

    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(page).to_have_url(re.compile(r"/start/$"))
    expect(page).to_have_title(re.compile("^Error: "))
    assert still_same_document(page)
    expect(page.locator(".field-error")).to_have_count(3)

    summary.get_by_role("link", name=re.compile("what kind of organisation")).click()
    expect(page.locator("#organisation_0")).to_be_focused()


def test_a_page_can_be_answered_with_the_keyboard_alone(live_server, page):
    page.goto(live_server.url + "/start/")

    radios = page.locator("input[type=radio]")
    page.locator("#use_case_0").focus()
    for _ in page.locator(".form-group").all():
        page.keyboard.press("Space")  # selects the focused radio of this group
        page.keyboard.press("Tab")  # to the next group (or the button)
    expect(page.get_by_role("button", name="Continue")).to_be_focused()
    assert radios.evaluate_all("els => els.filter(e => e.checked).length") == 3
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/section/2/$"))


def test_without_javascript_every_page_still_works_with_full_page_loads(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/start/")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".error-summary")).to_be_visible()

        for section in SECTIONS:
            answer_first_options(page, section)
            page.get_by_role("button", name="Continue").click()
        expect(page).to_have_url(re.compile(r"/check/$"))
        expect(page.get_by_role("button", name="See my recommendation")).to_be_visible()
    finally:
        context.close()


def test_questionnaire_pages_have_no_axe_violations(live_server, a11y_page):
    from tests.browser.conftest import axe_violations

    page = a11y_page
    page.goto(live_server.url + "/start/")
    assert axe_violations(page) == [], "start"
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe_violations(page) == [], "error state"

    for section in SECTIONS:
        answer_first_options(page, section)
        page.get_by_role("button", name="Continue").click()
        expected = "Check your answers" if section.number == 7 else SECTIONS[section.number].title
        expect(page.get_by_role("heading", level=1)).to_have_text(expected)
        assert axe_violations(page) == [], expected


def test_the_copy_button_copies_the_private_resume_link(live_server, page, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/start/")
    answer_first_options(page, SECTIONS[0])
    continue_to(page, r"/section/2/$")

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator("#copy-status")).to_have_text("Link copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#resume-link").input_value()
    assert "/resume/" in copied
