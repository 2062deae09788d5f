"""The list's search: a lower-case search text and the codes of its
three-letter pieces (GIN-indexed), kept with the other per-model summaries
(apps/catalogue/search.py)."""

import apps.catalogue.fields
from django.db import migrations, models


def fill(apps, schema_editor):
    """Every existing model's search text and pieces."""
    from apps.catalogue.summary import catalogue_summaries_refresh

    catalogue_summaries_refresh(
        model_class=apps.get_model("catalogue", "AIModel"),
        offer_class=apps.get_model("catalogue", "Offer"),
        licence_class=apps.get_model("catalogue", "Licence"),
    )



class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0011_fingerprint_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='aimodel',
            name='search_grams',
            field=models.JSONField(default=list, editable=False, help_text="Codes of the search text's 3-letter pieces."),
        ),
        migrations.AddField(
            model_name='aimodel',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text='Name, family and provider, lower case.'),
        ),
        migrations.AddIndex(
            model_name='aimodel',
            index=apps.catalogue.fields.JsonGinIndex(fields=['search_grams'], name='aimodel_search_grams_gin'),
        ),
        # Last: an index cannot be built after an UPDATE in the same transaction.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
