"""The `Catalogue curators` group: edits the catalogue and its problem reports, nothing else.

Permissions are normally created after all migrations have run, so this
migration creates the catalogue's own permissions first; it works on a fresh
database and on an existing one alike.
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Catalogue curators"
CURATED_MODELS = ["provider", "licence", "aimodel", "opennessassessment", "offer", "problemreport"]
ACTIONS = ["add", "change", "delete", "view"]


def create_curators_group(apps, schema_editor):
    app_config = apps.get_app_config("catalogue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model in CURATED_MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="catalogue", codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_curators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators_group, remove_curators_group)]
