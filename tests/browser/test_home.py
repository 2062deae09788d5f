from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_with_no_console_errors(live_server, page, console_errors):
    page.goto(live_server.url + "/")

    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("Open-source or closed-source")
    )
    assert page.get_by_role("link", name="Start the questionnaire").first.is_visible()
    assert console_errors == []


def test_htmx_is_loaded_from_the_apps_own_origin(live_server, page):
    script_urls: list[str] = []
    page.on(
        "request",
        lambda request: request.resource_type == "script" and script_urls.append(request.url),
    )

    page.goto(live_server.url + "/")

    assert page.evaluate("typeof window.htmx") == "object"
    assert any("htmx" in url for url in script_urls)
    origin = urlparse(live_server.url).netloc
    assert all(urlparse(url).netloc == origin for url in script_urls)


def test_the_csp_blocks_an_injected_inline_script(live_server, page, console_errors):
    page.goto(live_server.url + "/")

    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.__injected = true';
            document.body.appendChild(script);
        }"""
    )

    assert page.evaluate("window.__injected === true") is False
    assert any("Content Security Policy" in error for error in console_errors)


def test_keyboard_users_can_skip_to_the_main_content(live_server, page):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_page_has_no_axe_violations(live_server, a11y_page):
    from tests.browser.conftest import axe_violations

    a11y_page.goto(live_server.url + "/")

    assert axe_violations(a11y_page) == []
