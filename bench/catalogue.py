"""Benchmark: catalogue pages with the launch catalogue and with 10,000 published models.

    .venv/bin/python bench/catalogue.py [--models 10000] [--repeat 30] [--rounds 10]

Measures server time through django.test.Client (no network, no browser) for
the list (unfiltered, filtered, and the htmx fragment), a model page, the
comparison page and /catalogue.json, and the ORM → engine snapshot that a
process's first recommendation builds (and the rebuild after a curator's
edit); prints median and p95 wall time, median CPU time of this process (the
app's share, without PostgreSQL's) and the query count, for the shipped
catalogue (or 40 generated models when apps/catalogue/data/catalogue.json is
absent) and with --models synthetic ones added, and the large/small ratio.

The two catalogues live in two databases and are measured in alternating
rounds (--rounds, each taking its share of --repeat), page by page on one and
then the other, so a burst of load on a shared machine falls on both rather
than on one.

Databases: the test runner's throwaway database ("test_" + the configured
name) on the server DATABASE_URL points at, or on the embedded PostgreSQL
when DATABASE_URL is unset, and a copy of it with "_large" appended. Both are
created at the start and dropped at the end, so the development database is
never touched. Settings default to config.settings.test (set
DJANGO_SETTINGS_MODULE to override).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

from apps.catalogue.generation import catalogue_generate  # noqa: E402
from apps.catalogue.loading import catalogue_load  # noqa: E402
from apps.catalogue.management.commands.load_catalogue import DEFAULT_PATH  # noqa: E402
from apps.catalogue.models import AIModel  # noqa: E402


def pages() -> dict[str, tuple[str, dict[str, str]]]:
    slugs = list(
        AIModel.objects.published()
        .filter(is_synthetic=False)
        .order_by("name")
        .values_list("slug", flat=True)[:3]
    )
    if len(slugs) < 3:
        slugs = list(
            AIModel.objects.published().order_by("name").values_list("slug", flat=True)[:3]
        )
    filtered = (
        "/catalogue/?access=open_weights&modality=text&max_price=5&commercial_use=on&sort=price"
    )
    return {
        "list": ("/catalogue/", {}),
        "list filtered": (filtered, {}),
        "list filtered (htmx)": (filtered, {"HX-Request": "true"}),
        "list search, page 3": ("/catalogue/?q=llama&sort=capability&page=3", {}),
        "model page": (f"/catalogue/{slugs[0]}/", {}),
        "compare (3 models)": (f"/catalogue/compare/?models={','.join(slugs)}", {}),
        "catalogue.json": ("/catalogue.json", {}),
    }


class Samples:
    """Wall and CPU milliseconds of one measurement, and its query count."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.queries = 0

    def time(self, action: Callable[[], object]) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        self.cpu.append((time.process_time() - cpu_started) * 1000)
        self.wall.append((time.perf_counter() - started) * 1000)

    def count_queries(self, action: Callable[[], object]) -> None:
        # The log is a bounded deque that database setup may have filled:
        # empty it, or a full log would count no new queries.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            action()
        self.queries = len(queries)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        ordered = sorted(self.wall)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


class Catalogue:
    """One of the two databases, and what was measured on it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = ""
        self.results: dict[str, Samples] = {}
        self.pages: dict[str, tuple[str, dict[str, str]]] = {}

    def use(self) -> None:
        if connection.settings_dict["NAME"] != self.name:
            connection.close()
            connection.close_pool()
            connection.settings_dict["NAME"] = self.name

    def samples(self, name: str) -> Samples:
        return self.results.setdefault(name, Samples())


def measure_page(catalogue: Catalogue, client: Client, name: str, runs: int, first: bool) -> None:
    url, headers = catalogue.pages[name]
    samples = catalogue.samples(name)

    def get() -> None:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)

    # Rate-limit counters live in the cache; the bench is one client.
    cache.clear()
    for _ in range(2):  # warm caches, template loaders, connection pool, snapshot
        get()
    if first:
        samples.count_queries(get)
    for _ in range(runs):
        samples.time(get)


def measure_snapshots(catalogue: Catalogue, runs: int, first: bool) -> None:
    """The ORM → engine snapshot a recommendation needs: a process's first
    (full) read, and the rebuild after a curator edits one offer (what the
    first request after every edit pays); and the engine's own preparation
    of the snapshot."""
    from decimal import Decimal

    from apps.catalogue.models import Offer
    from apps.recommendations import engine
    from apps.recommendations.cost_evidence import engine_settings
    from apps.recommendations.snapshot import engine_models, forget_snapshot

    offer = Offer.objects.filter(model__in=AIModel.objects.published()).order_by("pk").first()
    assert offer is not None

    def edit() -> None:
        offer.output_price_per_mtok = (offer.output_price_per_mtok or Decimal(0)) + Decimal("0.01")
        offer.save()

    settings = engine_settings()
    forget_snapshot()
    models = engine_models()
    for name, before, action in (
        ("snapshot: first read", forget_snapshot, engine_models),
        ("snapshot: after an edit", edit, engine_models),
        (
            "engine prepare_catalogue",
            lambda: None,
            lambda: engine.prepare_catalogue(models, settings),
        ),
    ):
        samples = catalogue.samples(name)
        if first:
            before()
            samples.count_queries(action)
        for _ in range(runs):
            before()
            samples.time(action)


def vacuum_analyze() -> None:
    """What autovacuum does to a live database after a bulk load: fresh
    planner statistics and a visibility map, so index-only scans work."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def copy_database(source: str, target: str) -> None:
    connection.close()
    connection.close_pool()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    connection.close()
    connection.close_pool()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--models", type=int, default=10_000, help="synthetic models to add (default 10,000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed requests per page (default 30)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=10,
        help="alternating rounds the requests are spread over (default 10)",
    )
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, args.repeat))

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    small = Catalogue(connection.settings_dict["NAME"])
    large = Catalogue(f"{small.name}_large")
    try:
        if DEFAULT_PATH.exists():
            catalogue_load(data=json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
            small.label = f"launch catalogue ({AIModel.objects.published().count()} models)"
        else:
            catalogue_generate(count=40, seed=40)
            small.label = "40 generated models (no launch file)"
        vacuum_analyze()
        small.pages = pages()

        copy_database(small.name, large.name)
        large.use()
        started = time.perf_counter()
        catalogue_generate(count=args.models, seed=args.models)
        generated_in = time.perf_counter() - started
        vacuum_analyze()
        large.label = f"{AIModel.objects.published().count():,} published models"
        large.pages = pages()

        client = Client()
        for number in range(rounds):
            runs = args.repeat // rounds + (number < args.repeat % rounds)
            snapshot_runs = max(1, runs // 3)
            order = (small, large) if number % 2 == 0 else (large, small)
            # Page by page, each on both catalogues in turn: the two figures
            # of a page are taken seconds apart, under the same load.
            for name in small.pages:
                page_runs = max(1, runs // 6) if name == "catalogue.json" else runs
                for catalogue in order:
                    catalogue.use()
                    measure_page(catalogue, client, name, page_runs, first=number == 0)
            for catalogue in order:
                catalogue.use()
                measure_snapshots(catalogue, snapshot_runs, first=number == 0)
            print(f"  round {number + 1} of {rounds} measured", flush=True)
    finally:
        small.use()
        drop_database(large.name)
        small.use()
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()

    print()
    print(f"generate_catalogue --models {args.models}: {generated_in:.1f} s")
    print(
        f"server time in ms (django.test.Client, {args.repeat} requests per page in"
        f" {rounds} alternating rounds; JSON and snapshots fewer); cpu: this process's"
        " CPU time, median"
    )
    print(f"{'page':<24} {small.label[:38]:>38}   {large.label:>38}")
    columns = f"{'median':>8} {'p95':>7} {'cpu':>7} {'queries':>8}"
    print(f"{'':<24}    {columns}       {columns}  {'ratio':>6} {'cpu':>6}")
    for name, s in small.results.items():
        big = large.results[name]
        flag = "" if s.queries == big.queries else "  <- query count grew"
        print(
            f"{name:<24}    {s.median:>8.1f} {s.p95:>7.1f} {s.cpu_median:>7.1f} {s.queries:>8}"
            f"       {big.median:>8.1f} {big.p95:>7.1f} {big.cpu_median:>7.1f} {big.queries:>8}"
            f"  {big.median / s.median:>5.2f}× {big.cpu_median / s.cpu_median:>5.2f}×{flag}"
        )


if __name__ == "__main__":
    main()
