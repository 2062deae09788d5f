"""Catalogue pages on a 360 px phone: nothing widens the page sideways.

Wide tables scroll inside their own labelled region (`.table-wrap`); the page
itself never scrolls horizontally. Runs on the shipped catalogue, whose long
model names, offer tables and curators' notes are what overflowed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db.models import Count
from django.db.models.functions import Length
from playwright.sync_api import Browser, Page

from apps.catalogue.models import AIModel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}

# Elements wider than the viewport that are not inside a scrollable table
# region: what to look at when the page does scroll sideways.
OVERFLOWING = """() => Array.from(document.querySelectorAll("body *"))
    .filter((el) => el.getBoundingClientRect().right > innerWidth + 1 && !el.closest(".table-wrap"))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + "." + el.className)"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def too_wide(page: Page, url: str) -> tuple[str, int, list[str]] | None:
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return None
    return url, width, page.evaluate(OVERFLOWING)


def published():
    return AIModel.objects.filter(is_published=True, is_synthetic=False)


def test_no_catalogue_page_scrolls_sideways_on_a_360px_screen(
    live_server, shipped_catalogue, phone
):
    """One test, one catalogue load: the list, every model page with weights
    (self-hosting rows), the API-only pages with the most offers, and
    comparisons of the four and three models with the longest names."""
    base = live_server.url
    urls = ["/catalogue/", "/catalogue/?page=2", "/catalogue/?sort=price&access=open_weights"]
    downloadable = [model.slug for model in published() if model.is_downloadable]
    assert len(downloadable) >= 10  # the shipped catalogue has plenty of open models
    urls += [f"/catalogue/{slug}/" for slug in downloadable]
    most_offers = (
        published()
        .filter(access="api_only")
        .annotate(offer_count=Count("offers"))
        .order_by("-offer_count", "slug")
        .values_list("slug", flat=True)[:5]
    )
    urls += [f"/catalogue/{slug}/" for slug in most_offers]
    longest_names = list(
        published().order_by(Length("name").desc(), "slug").values_list("slug", flat=True)[:4]
    )
    compare_urls = [
        f"/catalogue/compare/?models={','.join(slugs)}"
        for slugs in (longest_names, longest_names[:3])
    ]

    failures = [failure for url in urls + compare_urls if (failure := too_wide(phone, base + url))]
    assert failures == []

    self_hosting_rows = 0
    for slug in downloadable[:10]:
        phone.goto(f"{base}/catalogue/{slug}/")
        self_hosting_rows += phone.locator("[data-volume-tokens]").count()
    assert self_hosting_rows > 0, "some of these pages should have self-hosting rows"

    # A scrolling table's caption stays readable: it wraps within the screen.
    phone.goto(f"{base}/catalogue/{most_offers[0]}/")
    captions = phone.locator(".table-wrap caption")
    assert captions.count() >= 2
    for caption in captions.all():
        box = caption.bounding_box()
        assert box is not None and box["x"] >= 0, caption.inner_text()
        assert box["x"] + box["width"] <= PHONE["width"], caption.inner_text()

    # On the comparison the table is wider than the phone: its region scrolls.
    phone.goto(base + compare_urls[0])
    region = phone.get_by_role("region", name="The models side by side")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
