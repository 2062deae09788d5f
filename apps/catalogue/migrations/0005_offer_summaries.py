"""Fill the per-model offer summaries (apps/catalogue/summary.py) for rows
that existed before them."""

from __future__ import annotations

from django.db import migrations


def fill(apps, schema_editor):
    from apps.catalogue.summary import catalogue_summaries_refresh

    catalogue_summaries_refresh(
        model_class=apps.get_model("catalogue", "AIModel"),
        offer_class=apps.get_model("catalogue", "Offer"),
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_curators_keep_evidence_and_proposals")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
