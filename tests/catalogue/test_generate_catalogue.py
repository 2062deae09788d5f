from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.catalogue.models import AIModel, Offer, OpennessAssessment

pytestmark = pytest.mark.django_db


def test_generate_catalogue_adds_valid_published_models_marked_synthetic():
    out = StringIO()
    call_command("generate_catalogue", models=200, seed=7, stdout=out)

    assert "Added 200 synthetic models" in out.getvalue()
    models = AIModel.objects.filter(is_synthetic=True)
    assert models.count() == 200
    assert not models.exclude(name__startswith="Synthetic").exists()
    assert not models.filter(is_published=False).exists()
    assert OpennessAssessment.objects.filter(model__in=models).count() == 200
    assert not models.filter(offers__isnull=True).exists()
    for model in models.select_related("licence", "openness")[:50]:
        model.full_clean()
        model.openness.full_clean()
        for offer in Offer.objects.filter(model=model):
            offer.full_clean()


def test_generate_catalogue_can_run_again_without_slug_clashes():
    call_command("generate_catalogue", models=5, seed=1, stdout=StringIO())
    call_command("generate_catalogue", models=5, seed=1, stdout=StringIO())
    call_command("generate_catalogue", models=5, stdout=StringIO())

    assert AIModel.objects.filter(is_synthetic=True).count() == 15


def test_generate_catalogue_needs_a_positive_count():
    with pytest.raises(CommandError):
        call_command("generate_catalogue", models=0, stdout=StringIO())
