"""Licences keep the verbatim clauses the licence checklist quotes."""

from __future__ import annotations

from django.db import migrations, models

HELP_TEXT = (
    "Verbatim clauses the licence checklist quotes, by topic "
    "(commercial_use, redistribution, attribution, user_cap, modification, acceptable_use): "
    '{"user_cap": {"quote": "…", "section": "§2", "url": "https://…"}}. '
    "Copy them from the licence text itself; leave a topic out rather than paraphrase."
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_fill_list_summaries")]

    operations = [
        migrations.AddField(
            model_name="licence",
            name="clauses",
            field=models.JSONField(blank=True, default=dict, help_text=HELP_TEXT),
        ),
        migrations.AddField(
            model_name="historicallicence",
            name="clauses",
            field=models.JSONField(blank=True, default=dict, help_text=HELP_TEXT),
        ),
    ]
