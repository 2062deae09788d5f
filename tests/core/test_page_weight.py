"""No public page costs a first visit more than 60 KB: its HTML and every
stylesheet and script it links, each gzipped (level 6, as the app serves
them: pages through GZipMiddleware, static files from whitenoise)."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.core.test_html_valid import rendered_pages  # noqa: F401 (a fixture)
from tests.recommendations.conftest import answered  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PAGE_BUDGET_BYTES = 60 * 1024
GZIP_LEVEL = 6


class _Assets(HTMLParser):
    """The stylesheets and scripts a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.urls.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def static_file(url: str) -> bytes:
    assert url.startswith(settings.STATIC_URL), f"{url} is not served by the app"
    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert found, f"{url} links a static file that does not exist"
    return Path(found).read_bytes()


def first_visit_bytes(html: str) -> dict[str, int]:
    parser = _Assets()
    parser.feed(html)
    sizes = {"HTML": gzipped_size(html.encode())}
    for url in dict.fromkeys(parser.urls):
        sizes[url] = gzipped_size(static_file(url))
    return sizes


def test_no_public_page_transfers_more_than_60_kb_on_a_first_visit(rendered_pages):  # noqa: F811
    weights = {
        name: first_visit_bytes(path.read_text(encoding="utf-8"))
        for name, path in rendered_pages.items()
    }
    totals = {name: sum(sizes.values()) for name, sizes in weights.items()}

    heaviest = sorted(totals.items(), key=lambda item: -item[1])
    print("\nHeaviest first visits (gzip level 6, HTML + CSS + JS):")
    for name, total in heaviest[:8]:
        parts = ", ".join(f"{url} {size / 1024:.1f}" for url, size in weights[name].items())
        print(f"  {name}: {total / 1024:.1f} KB ({parts})")
    over = {name: total for name, total in totals.items() if total > PAGE_BUDGET_BYTES}
    assert over == {}
    assert all(sizes["HTML"] > 0 and len(sizes) > 1 for sizes in weights.values())
