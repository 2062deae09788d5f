"""A three-person team decides together: the organiser starts it, three
colleagues join by the invite link and answer, the organiser's page fills in
by itself, names the disagreement that flips the team verdict, and the
organiser removes someone and closes the decision."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_recommendation_journey import answer_sections, see_recommendation
from tests.profiles import SOVEREIGN_ML_TEAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set TEAM_SCREENSHOTS=/some/folder to keep the team page at 1280 and 360 px.
SCREENSHOTS = os.environ.get("TEAM_SCREENSHOTS")

BOB = SOVEREIGN_ML_TEAM | {"budget": "medium", "lock_in": "low"}
CAROL = SOVEREIGN_ML_TEAM | {"support": "sla", "lock_in": "critical", "auditability": "low"}


@pytest.fixture
def launch_catalogue(transactional_db, shipped_catalogue):
    """The shipped catalogue, loaded once per session and copied in."""
    yield


def join_and_answer(browser, invite_url: str, name: str, answers) -> str:
    """A colleague in their own browser: join, answer, see their verdict."""
    from apps.questionnaire.definitions import SECTIONS

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(invite_url)
    page.get_by_label("Your name, as the team will see it").fill(name)
    page.get_by_role("button", name="Join and answer the questions").click()
    answer_sections(page, answers, SECTIONS)
    verdict, _score, _shortlist = see_recommendation(page)
    page.goto(invite_url)
    assert page.locator("[data-team-me]").inner_text().startswith(f"You are taking part as {name}")
    context.close()
    return verdict


def check_widths(page, name: str) -> None:
    """Nothing on the page is wider than a 1280 or a 360 px screen; with
    TEAM_SCREENSHOTS set, keep a full-page picture of each."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        if SCREENSHOTS:
            folder = Path(SCREENSHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_three_person_team_decides_together(
    live_server, launch_catalogue, browser, page, console_errors, a11y_page, monkeypatch
):
    # The organiser's board polls every second here, not every 10: the test
    # waits for the poll to show Carol, and the live server runs in-process.
    monkeypatch.setattr("apps.recommendations.team_views.POLL_SECONDS", 1)
    page.goto(live_server.url + "/team/")
    page.get_by_label("Name of the decision").fill("Support assistant")
    page.get_by_role("button", name="Start the team decision").click()
    page.wait_for_url(re.compile(r"/team/organise/[\w-]+/$"))
    organiser_url = page.url
    invite_url = page.locator("#invite-link").input_value()
    assert "/organise/" not in invite_url

    assert join_and_answer(browser, invite_url, "Alice", SOVEREIGN_ML_TEAM) == "open"
    assert join_and_answer(browser, invite_url, "Bob", BOB) == "open"
    page.reload()
    assert page.locator("[data-team-finished]").get_attribute("data-team-finished") == "2"

    # Carol finishes while the organiser's page is open: it updates by itself.
    assert join_and_answer(browser, invite_url, "Carol", CAROL) == "none"
    page.locator('[data-participant="Carol"][data-participant-verdict="none"]').wait_for(
        timeout=25_000
    )
    assert page.url == organiser_url

    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "open"
    flips = page.locator('#disagreements [data-flips="true"][data-disagreement]')
    assert flips.count() == 1
    assert flips.first.get_attribute("data-disagreement") == "support"
    assert "Carol answered" in flips.first.inner_text()
    check_widths(page, "team-organiser")

    # The participants' page has no organiser controls and no private links.
    guest = browser.new_context()
    guest_page = guest.new_page()
    guest_page.goto(invite_url)
    guest_html = guest_page.content()
    assert organiser_url.rsplit("/", 2)[-2] not in guest_html
    assert guest_page.get_by_role("link", name=re.compile("^Remove")).count() == 0
    check_widths(guest_page, "team-participant")
    guest.close()

    a11y_page.goto(organiser_url)
    assert axe_violations(a11y_page) == []

    page.get_by_role("link", name="Remove Carol").click()
    page.get_by_role("button", name="Remove Carol").click()
    page.wait_for_url(organiser_url + "#people")
    assert page.locator('[data-participant="Carol"]').count() == 0
    assert page.locator('#disagreements [data-flips="true"]').count() == 0

    page.get_by_role("link", name="Close the decision…").click()
    page.get_by_role("button", name="Close the decision").click()
    page.wait_for_url(organiser_url)
    assert page.locator("[data-team-closed]").is_visible()
    assert console_errors == []
