"""A capability score can be the index's own estimate ("estimated"), beside
"claimed" and "measured"; the check constraint allows the new value."""

from __future__ import annotations

from django.db import migrations, models

KINDS = [
    ("claimed", "Claimed by the provider"),
    ("measured", "Independently measured"),
    ("estimated", "Estimated by the index"),
]


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0008_licence_service_counts_as_distribution")]

    operations = [
        migrations.RemoveConstraint(
            model_name="aimodel",
            name="aimodel_capability_source_kind_valid",
        ),
        *(
            migrations.AlterField(
                model_name=name,
                name="capability_source_kind",
                field=models.CharField(choices=KINDS, default="claimed", max_length=10),
            )
            for name in ("aimodel", "historicalaimodel")
        ),
        migrations.AddConstraint(
            model_name="aimodel",
            constraint=models.CheckConstraint(
                condition=models.Q(capability_source_kind__in=[value for value, _ in KINDS]),
                name="aimodel_capability_source_kind_valid",
            ),
        ),
    ]
