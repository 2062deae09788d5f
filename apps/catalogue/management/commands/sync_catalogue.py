"""manage.py sync_catalogue SOURCE: propose changes from a models.dev api.json."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from apps.catalogue.sync import SyncSourceError, read_source, sync_proposals

CANONICAL_URL = "https://models.dev/api.json"


class Command(BaseCommand):
    help = (
        "Read a models.dev api.json (a file or a URL) and record every difference with the "
        "catalogue as a proposed change for curators to accept or reject in the admin. "
        "Nothing in the catalogue is changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Path or http(s) URL of a models.dev api.json.")
        parser.add_argument(
            "--as-of",
            help="Date the source holds for (YYYY-MM-DD). Required for a file; "
            "a URL read now defaults to today.",
        )
        parser.add_argument(
            "--source-url",
            help=f"Public URL to cite for the facts (default: the URL, or {CANONICAL_URL}).",
        )

    def handle(self, *args: Any, source: str, as_of: str | None, source_url: str | None,
               **options: Any) -> None:  # fmt: skip
        is_url = urlparse(source).scheme in ("http", "https")
        if as_of:
            try:
                source_date = dt.date.fromisoformat(as_of)
            except ValueError as error:
                raise CommandError(f"--as-of “{as_of}” is not a date (YYYY-MM-DD).") from error
        elif is_url:
            source_date = timezone.localdate()
        else:
            raise CommandError(
                "Say when this snapshot was taken with --as-of YYYY-MM-DD: a stored copy can "
                "be months old, and every proposal carries the date of its source."
            )
        if source_date > timezone.localdate():
            raise CommandError("--as-of is in the future.")
        try:
            data = read_source(source)
        except SyncSourceError as error:
            raise CommandError(str(error)) from error
        result = sync_proposals(
            data=data,
            source_url=source_url or (source if is_url else CANONICAL_URL),
            source_date=source_date,
        )
        self.stdout.write(f"Synced {source} (as of {source_date:%Y-%m-%d}): {result.summary()}.")
        if result.proposed:
            self.stdout.write("Decide on them in the admin: Catalogue › Proposed changes.")
