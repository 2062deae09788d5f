"""The engine's tests need neither Django nor a database."""

from __future__ import annotations

import pytest

from .factories import article_catalogue


@pytest.fixture(autouse=True)
def _clear_cache():
    """Overrides the project-wide cache-clearing fixture: the engine has no
    cache to clear, and these tests also run without Django configured."""
    yield


@pytest.fixture
def catalogue():
    return article_catalogue()
