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
