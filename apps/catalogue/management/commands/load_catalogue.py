"""manage.py load_catalogue: load the launch catalogue (idempotent, one transaction)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.catalogue.loading import CatalogueDataError, catalogue_load

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "catalogue.json"


class Command(BaseCommand):
    help = (
        "Load the launch catalogue JSON: upsert by slug, in one transaction; "
        "loading twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=DEFAULT_PATH, help=f"JSON file (default: {DEFAULT_PATH})"
        )
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="Add missing entries only; never change an existing one (keeps curators' edits).",
        )

    def handle(self, *args: object, path: Path, only_new: bool, **options: object) -> None:
        if not path.exists():
            self.stdout.write(
                self.style.WARNING(
                    f"No catalogue file at {path}: nothing to load. The catalogue stays as it is."
                )
            )
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Could not read {path}: {error}") from error
        try:
            result = catalogue_load(data=data, only_new=only_new)
        except CatalogueDataError as error:
            lines = "\n".join(f"  - {message}" for message in error.errors)
            raise CommandError(
                f"{path} was not loaded; nothing changed. Fix these entries:\n{lines}"
            ) from error
        verb = "Loaded" if result.changed else "Nothing to change in"
        self.stdout.write(self.style.SUCCESS(f"{verb} {path.name}: {result.summary()}."))
