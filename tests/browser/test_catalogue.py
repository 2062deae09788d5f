from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.catalogue.factories import model_factory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def catalogue():
    model_factory(name="Alpha Open", slug="alpha-open", access="open_weights")
    model_factory(name="Beta Closed", slug="beta-closed", access="api_only")
    model_factory(name="Gamma Closed", slug="gamma-closed", access="api_only")


def test_filtering_updates_the_list_in_place_and_keeps_the_state_in_the_url(
    live_server, page, console_errors, catalogue
):
    cards = page.locator("#results .model-card")
    page.goto(f"{live_server.url}/catalogue/")
    expect(cards).to_have_count(3)
    page.evaluate("window.__sameDocument = true")  # lost if the page reloads

    page.select_option("#id_access", "api_only")

    expect(page).to_have_url(re.compile(r"/catalogue/\?.*access=api_only"))
    expect(cards).to_have_count(2)
    assert page.evaluate("window.__sameDocument") is True
    assert "q=" not in page.url  # empty filters stay out of the address

    page.fill("#id_q", "beta")

    expect(page).to_have_url(re.compile(r"q=beta"))
    expect(cards).to_have_count(1)
    expect(page.locator("#results-status")).to_have_text("1 model found")
    assert page.evaluate("window.__sameDocument") is True

    page.go_back()
    expect(cards).to_have_count(2)
    expect(page.locator("#id_q")).to_have_value("")

    page.get_by_role("link", name="Beta Closed", exact=True).click()

    expect(page).to_have_url(re.compile(r"/catalogue/beta-closed/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Beta Closed")
    expect(page.locator(".openness-cell")).to_have_count(7)
    assert console_errors == []


def test_the_catalogue_works_without_javascript(live_server, browser, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/catalogue/")
        page.select_option("#id_access", "open_weights")
        page.get_by_role("button", name="Apply filters").click()

        expect(page).to_have_url(re.compile(r"access=open_weights"))
        expect(page.locator("#results .model-card")).to_have_count(1)
        expect(page.get_by_role("link", name="Alpha Open", exact=True)).to_be_visible()
    finally:
        context.close()


def test_the_address_bar_holds_exactly_the_current_filters_after_every_change(
    live_server, page, catalogue
):
    cards = page.locator("#results .model-card")
    page.goto(f"{live_server.url}/catalogue/")

    page.select_option("#id_access", "api_only")
    expect(cards).to_have_count(2)
    expect(page).to_have_url(f"{live_server.url}/catalogue/?sort=name&access=api_only")

    page.select_option("#id_sort", "release")
    expect(page).to_have_url(f"{live_server.url}/catalogue/?sort=release&access=api_only")

    page.select_option("#id_access", "")
    expect(cards).to_have_count(3)
    expect(page).to_have_url(f"{live_server.url}/catalogue/?sort=release")


def test_back_after_a_search_and_a_filter_goes_one_change_back_not_to_the_same_state(
    live_server, page, catalogue
):
    """A search box sends "input" while typing and "change" when left: both
    ask for the same address, which must not become two history entries, or
    Back seems to do nothing and the address lags one change behind."""
    cards = page.locator("#results .model-card")
    page.goto(f"{live_server.url}/catalogue/")
    searched = f"{live_server.url}/catalogue/?q=closed&sort=name"

    page.locator("#id_q").press_sequentially("closed", delay=30)
    expect(page).to_have_url(searched)
    expect(cards).to_have_count(2)
    with page.expect_response(lambda response: "q=closed" in response.url):
        page.locator("#id_access").focus()  # leaving the box fires "change"
    page.select_option("#id_access", "open_weights")
    expect(page).to_have_url(f"{searched}&access=open_weights")
    expect(cards).to_have_count(0)

    page.go_back()
    expect(page).to_have_url(searched)
    expect(cards).to_have_count(2)
    expect(page.locator("#id_access")).to_have_value("")

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/catalogue/")
    expect(cards).to_have_count(3)
    expect(page.locator("#id_q")).to_have_value("")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_sent_problem_report_is_confirmed_where_the_person_is_looking(
    live_server, browser, catalogue, javascript
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/catalogue/alpha-open/")
        page.fill("#id_what_is_wrong", "The output price is now $0.60.")
        page.fill("#id_source_url", "https://example.com/pricing")
        page.get_by_role("button", name="Send report").click()

        confirmation = page.get_by_role("status").filter(has_text="Thank you")
        expect(confirmation).to_be_visible()
        expect(confirmation).to_be_in_viewport()
        if javascript:
            expect(confirmation).to_be_focused()
    finally:
        context.close()
