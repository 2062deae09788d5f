"""The session-cached shipped catalogue is what `load_catalogue` writes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.catalogue.models import AIModel, Offer, Provider

pytestmark = pytest.mark.django_db


def _state() -> dict[str, object]:
    return {
        "providers": sorted(Provider.objects.values_list("slug", flat=True)),
        "models": sorted(AIModel.objects.values_list("slug", "status")),
        "offers": Offer.objects.count(),
    }


def test_the_cached_catalogue_matches_a_fresh_load(shipped_catalogue):
    cached = _state()
    assert cached["models"], "the shipped catalogue has models"

    call_command("load_catalogue", verbosity=0)  # an upsert: nothing new appears

    assert _state() == cached


def test_each_test_starts_without_the_catalogue_unless_it_asks():
    assert not AIModel.objects.exists()
