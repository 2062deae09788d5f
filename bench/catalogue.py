"""Benchmark: catalogue pages with the launch catalogue and with 10,000 published models.

    .venv/bin/python bench/catalogue.py [--models 10000] [--repeat 30]

Measures server time through django.test.Client (no network, no browser) for
the list (unfiltered, filtered, and the htmx fragment), a model page, the
comparison page and /catalogue.json, and the ORM → engine snapshot that the
first recommendation after a catalogue change builds; prints median and p95
with the query count and the large/small ratio: first for the shipped
catalogue (or 40 generated models when apps/catalogue/data/catalogue.json is
absent), then after adding --models synthetic ones.

Database: the test runner's throwaway database ("test_" + the configured
name) on the server DATABASE_URL points at, or on the embedded PostgreSQL
when DATABASE_URL is unset. It is created at the start and dropped at the
end, so the development database is never touched. Settings default to
config.settings.test (set DJANGO_SETTINGS_MODULE to override).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

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


def measure(
    client: Client, url: str, headers: dict[str, str], repeat: int
) -> tuple[float, float, int, int]:
    for _ in range(3):  # warm caches, template loaders, connection pool
        client.get(url, headers=headers)
    # The log is a bounded deque that test-database setup may have filled:
    # empty it, or a full log would count no new queries.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    query_count = len(queries)  # now: the log is sliced lazily and may be cleared later
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, query_count, len(response.content)


def _timed(repeat: int, before, action) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    connection.queries_log.clear()
    before()
    with CaptureQueriesContext(connection) as queries:
        action()
    timings = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(queries), 0


def measure_snapshots(repeat: int) -> dict[str, tuple[float, float, int, int]]:
    """The ORM → engine snapshot a recommendation needs: a process's first
    (full) read, and the rebuild after a curator edits one offer (what the
    first request after every edit pays); each with the engine's own
    preparation of the snapshot counted separately."""
    from decimal import Decimal

    from apps.catalogue.models import Offer
    from apps.recommendations import engine
    from apps.recommendations.snapshot import engine_models, engine_settings, forget_snapshot

    offer = Offer.objects.filter(model__is_published=True).order_by("pk").first()

    def edit() -> None:
        offer.output_price_per_mtok = (offer.output_price_per_mtok or Decimal(0)) + Decimal("0.01")
        offer.save()

    settings = engine_settings()
    models = engine_models()
    return {
        "snapshot: first read": _timed(repeat, forget_snapshot, engine_models),
        "snapshot: after an edit": _timed(repeat, edit, engine_models),
        "engine prepare_catalogue": _timed(
            repeat, lambda: None, lambda: engine.prepare_catalogue(models, settings)
        ),
    }


def vacuum_analyze() -> None:
    """What autovacuum does to a live database after a bulk load: fresh
    planner statistics and a visibility map, so index-only scans work."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def run(label: str, repeat: int) -> dict[str, tuple[float, float, int, int]]:
    client = Client()
    results = {}
    for name, (url, headers) in pages().items():
        runs = max(5, repeat // 6) if name == "catalogue.json" else repeat
        results[name] = measure(client, url, headers, runs)
    results.update(measure_snapshots(max(5, repeat // 3)))
    print(f"  measured {label}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--models", type=int, default=10_000, help="synthetic models to add (default 10,000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed requests per page (default 30)"
    )
    args = parser.parse_args()

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        if DEFAULT_PATH.exists():
            catalogue_load(data=json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
            small_label = f"launch catalogue ({AIModel.objects.published().count()} models)"
        else:
            catalogue_generate(count=40, seed=40)
            small_label = "40 generated models (no launch file)"
        vacuum_analyze()
        small = run(small_label, args.repeat)

        started = time.perf_counter()
        catalogue_generate(count=args.models, seed=args.models)
        generated_in = time.perf_counter() - started
        vacuum_analyze()
        large_label = f"{AIModel.objects.published().count():,} published models"
        large = run(large_label, args.repeat)
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()

    print()
    print(f"generate_catalogue --models {args.models}: {generated_in:.1f} s")
    print(f"server time in ms (django.test.Client, {args.repeat} requests per page; JSON fewer)")
    header = f"{'page':<24} {'':>3}{small_label[:30]:>32}   {large_label:>32}"
    print(header)
    columns = f"{'median':>10} {'p95':>8} {'queries':>8}"
    print(f"{'':<24} {'':>3}{columns}    {columns}  {'ratio':>6}")
    for name in small:
        s_median, s_p95, s_queries, _ = small[name]
        l_median, l_p95, l_queries, size = large[name]
        flag = "" if s_queries == l_queries else "  <- query count grew"
        print(
            f"{name:<24} {'':>3}{s_median:>10.1f} {s_p95:>8.1f} {s_queries:>8}    "
            f"{l_median:>10.1f} {l_p95:>8.1f} {l_queries:>8}  {l_median / s_median:>5.2f}×{flag}"
        )


if __name__ == "__main__":
    main()
