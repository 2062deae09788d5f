"""Licences say whether serving the model to others triggers their
distribution conditions (the licence checklist reads it)."""

from __future__ import annotations

from django.db import migrations, models

HELP_TEXT = (
    "Whether offering the model to others as a service, or in a product they use, "
    "triggers the licence's distribution conditions even when no copy is shipped. "
    "Empty when not verified in the licence text."
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_licence_clauses")]

    operations = [
        migrations.AddField(
            model_name=name,
            name="service_counts_as_distribution",
            field=models.BooleanField(blank=True, null=True, help_text=HELP_TEXT),
        )
        for name in ("licence", "historicallicence")
    ]
