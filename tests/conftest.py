from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the main thread; Django then
# refuses sync database calls unless told this is intended (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments never leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
