"""The list's search reads a lower-case search text kept with the other
per-model summaries, held in the list's indexes."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """Every existing model's search text (apps/catalogue/summary.py)."""
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
        migrations.RemoveIndex(
            model_name='aimodel',
            name='aimodel_published_list',
        ),
        migrations.RemoveIndex(
            model_name='aimodel',
            name='aimodel_list_by_price',
        ),
        migrations.RemoveIndex(
            model_name='aimodel',
            name='aimodel_list_by_release',
        ),
        migrations.RemoveIndex(
            model_name='aimodel',
            name='aimodel_list_by_capability',
        ),
        migrations.AddField(
            model_name='aimodel',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text='Name, family and provider, lower case.'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='aimodel',
            index=models.Index(condition=models.Q(('is_published', True)), fields=['name', 'slug'], include=('id', 'access', 'licence_kind', 'licence_commercial_use', 'provider_id', 'unavailable_from', 'cheapest_output_price', 'cheapest_price_until', 'modality_bits', 'release_date', 'capability_score', 'search_text'), name='aimodel_published_list'),
        ),
        migrations.AddIndex(
            model_name='aimodel',
            index=models.Index(models.OrderBy(models.F('cheapest_output_price'), nulls_last=True), models.F('name'), models.F('slug'), condition=models.Q(('is_published', True)), include=('id', 'access', 'licence_kind', 'licence_commercial_use', 'provider_id', 'unavailable_from', 'cheapest_price_until', 'modality_bits', 'search_text'), name='aimodel_list_by_price'),
        ),
        migrations.AddIndex(
            model_name='aimodel',
            index=models.Index(models.OrderBy(models.F('release_date'), descending=True, nulls_last=True), models.F('name'), models.F('slug'), condition=models.Q(('is_published', True)), include=('id', 'access', 'licence_kind', 'licence_commercial_use', 'provider_id', 'unavailable_from', 'cheapest_price_until', 'modality_bits', 'search_text'), name='aimodel_list_by_release'),
        ),
        migrations.AddIndex(
            model_name='aimodel',
            index=models.Index(models.OrderBy(models.F('capability_score'), descending=True, nulls_last=True), models.F('name'), models.F('slug'), condition=models.Q(('is_published', True)), include=('id', 'access', 'licence_kind', 'licence_commercial_use', 'provider_id', 'unavailable_from', 'cheapest_price_until', 'modality_bits', 'search_text'), name='aimodel_list_by_capability'),
        ),
    ]
