"""Screenshot pages of a running server at desktop and phone widths.

    .venv/bin/python tools/screenshot.py http://127.0.0.1:8000 / /catalogue/ ...

Writes screenshots/<name>-<width>.png.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(base: str, paths: list[str]) -> None:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width in (1280, 375):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(base + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
                # Long pages also in viewport-high slices, readable at full size.
                height = page.evaluate("document.documentElement.scrollHeight")
                if height > 2400:
                    for index, top in enumerate(range(0, height, 1400)):
                        clip = {"x": 0, "y": top, "width": width, "height": min(1400, height - top)}
                        part = out / f"{name}-{width}-part{index + 1}.png"
                        page.screenshot(path=str(part), full_page=True, clip=clip)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
