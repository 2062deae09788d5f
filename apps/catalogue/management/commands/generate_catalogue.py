"""manage.py generate_catalogue --models N: add N synthetic published models for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.catalogue.generation import catalogue_generate


class Command(BaseCommand):
    help = (
        "Add N synthetic (clearly marked: synthetic flag and a name starting with “Synthetic”) "
        "published models with openness and offers, for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--models", type=int, required=True, help="How many models to add.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed, for repeatable data."
        )

    def handle(self, *args: object, models: int, seed: int | None, **options: object) -> None:
        if models < 1:
            raise CommandError("--models must be at least 1.")
        started = time.perf_counter()
        created = catalogue_generate(count=models, seed=seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Added {created} synthetic models in {elapsed:.1f} s.")
        )
