"""Decision-engine benchmark.

    .venv/bin/python bench/engine.py [--repeat 30]

Creates a throwaway test database (on DATABASE_URL's server, or the embedded
PostgreSQL), loads the launch catalogue, then adds synthetic models. Prints
median and p95 of:

- engine time for one recommendation (sensitivity analysis included) over
  40, 1,000 and 10,000 catalogue models;
- the catalogue snapshot build (ORM rows → engine types), done once per
  catalogue change and then cached in each process;
- server time of the result page, creating a result and adjusting weights,
  with 10,000 models in the catalogue.

Each engine figure also gives the median CPU time of this process: on a
shared, busy machine wall time mostly measures the wait for a core, while
CPU time stays close to what the engine costs (the server figures' CPU time
leaves out the database server's, so compare their wall time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


class Samples(list[float]):
    """Wall times, with the CPU times of the same runs in ``cpu``."""

    cpu: list[float]


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    text = f"median {statistics.median(ordered) * 1000:8.2f} ms   p95 {p95 * 1000:8.2f} ms"
    cpu = getattr(samples, "cpu", None)
    if cpu:
        text += f"   (CPU median {statistics.median(cpu) * 1000:7.2f} ms)"
    return text


def timed(function, repeat: int) -> Samples:
    samples = Samples()
    samples.cpu = []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        samples.append(time.perf_counter() - started)
        samples.cpu.append(time.process_time() - started_cpu)
    return samples


def server_times(profiles: dict, repeat: int) -> dict[str, float]:  # type: ignore[type-arg]
    """Create a result per profile over HTTP, then time its page and a
    weight adjustment; returns the result page's median per profile."""
    from django.test import Client

    from apps.questionnaire.definitions import SECTIONS
    from apps.questionnaire.services import response_answer_section, response_start

    client = Client()
    medians = {}
    for label, answers in profiles.items():
        response = response_start()
        for section in SECTIONS:
            response_answer_section(
                response=response,
                section=section,
                data={slug: answers[slug] for slug in section.slugs if slug in answers},
            )
        token = response.resume_token
        started = time.perf_counter()
        reply = client.post(f"/r/{token}/recommendation/")
        create = time.perf_counter() - started
        assert reply.status_code == 303, reply.status_code
        page = timed(lambda t=token: client.get(f"/r/{t}/result/"), repeat)
        adjust = timed(
            lambda t=token: client.get(
                f"/r/{t}/result/?w_capability=3",
                headers={"HX-Request": "true", "HX-Target": "adjusted"},
            ),
            repeat,
        )
        print(f"  {label}: create result (POST)            {create * 1000:8.2f} ms (once)")
        print(f"  {label}: result page (GET)               {figures(page)}")
        print(f"  {label}: adjust the weights (htmx GET)   {figures(adjust)}")
        medians[label] = statistics.median(page) * 1000
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from apps.catalogue.generation import catalogue_generate
        from apps.recommendations import engine
        from apps.recommendations.snapshot import current_snapshot, forget_snapshot
        from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

        call_command("load_catalogue", verbosity=0)
        profiles = {"open case": SOVEREIGN_ML_TEAM, "closed case": SMALL_TEAM_NEEDS_SLA}
        print(f"Server time with the launch catalogue ({len(current_snapshot().models)} models):")
        small = server_times(profiles, args.repeat)
        print()

        print(f"Engine {engine.ENGINE_VERSION}; {args.repeat} runs per figure.\n")
        print("One recommendation (engine only, sensitivity included):")
        launch = current_snapshot()
        sizes = [40, 1_000, 10_000]
        for size in sizes:
            have = len(current_snapshot().models)
            if have < size:
                catalogue_generate(count=size - have, seed=size)
                # As autovacuum leaves a catalogue in service: statistics and
                # visibility maps up to date, so the planner uses the indexes.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            forget_snapshot()
            started = time.perf_counter()
            snapshot = current_snapshot()
            build = time.perf_counter() - started
            models = snapshot.models[:size] if size < len(snapshot.models) else snapshot.models
            prepared = engine.prepare_catalogue(models, snapshot.settings)
            for label, answers in profiles.items():

                def fresh(a=answers, p=prepared, s=snapshot.settings):  # type: ignore[no-untyped-def]
                    p.assessed.clear()  # a new set of needs: a full pass
                    return engine.recommend(a, p, s)

                samples = timed(fresh, args.repeat)
                print(f"  {len(models):>6} models, {label:<11}  {figures(samples)}")
                reweighed = timed(
                    lambda a=answers, p=prepared, s=snapshot.settings: engine.recommend(
                        a, p, s, weight_overrides={"capability": 3}
                    ),
                    args.repeat,
                )
                print(f"  {len(models):>6} models, {label:<11}  new weights: {figures(reweighed)}")
            print(
                f"  {len(models):>6} models, snapshot build from the database (once):"
                f" {build * 1000:.0f} ms"
            )
        del launch

        print(f"\nServer time with {len(current_snapshot().models):,} catalogue models:")
        large = server_times(profiles, args.repeat)
        print("\nResult page at 10,000 models against the launch catalogue:")
        for label in profiles:
            ratio = large[label] / small[label]
            print(f"  {label}: {small[label]:.1f} ms → {large[label]:.1f} ms ({ratio:.2f}×)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
