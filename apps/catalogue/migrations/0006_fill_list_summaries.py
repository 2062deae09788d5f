"""Fill the per-model summaries (apps/catalogue/summary.py) for rows that
existed before them."""

from __future__ import annotations

from django.db import migrations


def fill(apps, schema_editor):
    from apps.catalogue.summary import catalogue_summaries_refresh

    catalogue_summaries_refresh(
        model_class=apps.get_model("catalogue", "AIModel"),
        offer_class=apps.get_model("catalogue", "Offer"),
        licence_class=apps.get_model("catalogue", "Licence"),
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_list_summaries_index_and_labels")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
