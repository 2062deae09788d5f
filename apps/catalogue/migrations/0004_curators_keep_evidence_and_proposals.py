"""Curators also keep the cost evidence, the models.dev mappings and decide on
proposed changes (view and change only: proposals come from the sync and
are never deleted, so a rejection is remembered)."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Catalogue curators"
EDITABLE = ["gputype", "gpuprice", "throughputevidence", "modelsdevmapping"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("catalogue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model in EDITABLE for action in ACTIONS]
    codenames += ["view_proposedchange", "change_proposedchange"]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="catalogue", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        models = [*EDITABLE, "proposedchange"]
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="catalogue", content_type__model__in=models
            )
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_catalogue_v2_lifecycle_evidence_freshness")]

    operations = [migrations.RunPython(grant, revoke)]
