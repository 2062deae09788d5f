"""Load test: two gunicorn servers, one PostgreSQL, one Redis, many visitors.

    .venv/bin/python bench/load.py [--seconds 600] [--clients 6] [--workers 2]

Starts two gunicorn processes on free ports with the production settings
(config.settings.production, as tests/deploy/ runs them: requests arrive as
from the TLS proxy, with `X-Forwarded-Proto: https`), against one throwaway
PostgreSQL database (created on DATABASE_URL's server, default
127.0.0.1:5432, migrated, `load_catalogue`d, dropped at the end) and one
Redis database (--redis, flushed at the start), which holds the cache and
the rate-limit counters both servers share.

Then --clients processes act as visitors, each request going to either
server at random as a load balancer would, with real sessions, cookies and
CSRF tokens taken from the pages, accepting gzip as browsers do (and undoing
it only for the pages they read, as a visitor's own machine would):

1. mixed (60% of --seconds): each visitor answers the questionnaire (start,
   the seven sections, check, create the result), reads the result page,
   the catalogue list and two model pages, makes a share link and a
   colleague opens it twice; a monitor reads /healthz now and then.
2. result pages only (20%): every client reads the result pages its
   visitors made, as fast as the servers answer.
3. bare database view only (20%): /healthz, which runs `SELECT 1`.

Phases 2 and 3 give the result page's throughput next to a bare
database-touching view's on the same servers in the same run; the target is
a ratio of at least 0.5, and 0 errors everywhere (an error is a connection
failure or any status other than 2xx/3xx; a 429 is counted apart).

Rate limits stay as they ship: each visitor comes from an address of its
own (the servers trust one proxy, DJANGO_TRUSTED_PROXIES=1, and read the
address from X-Forwarded-For), so no limit is raised for the run.

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deploy.server import (  # noqa: E402
    Browser,
    Server,
    first_choices,
    free_port,
    location_path,
    parse,
)

PHASES = (("mixed", 0.6), ("result pages only", 0.2), ("bare database view only", 0.2))
KINDS = (
    "questionnaire page",
    "questionnaire answer",
    "create result",
    "result page",
    "catalogue list",
    "model page",
    "make share link",
    "shared page",
    "healthz (bare DB view)",
)
RESULT, BARE = "result page", "healthz (bare DB view)"


class Visitor:
    """One browser; each request goes to one of the servers at random."""

    def __init__(self, ports: list[int], address: str, record) -> None:  # type: ignore[no-untyped-def]
        self.browser = Browser(ports[0], client_address=address)
        self.ports = ports
        self.record = record

    def request(self, kind: str, method: str, path: str, form=None):  # type: ignore[no-untyped-def]
        self.browser.port = random.choice(self.ports)
        started = time.monotonic()
        try:
            reply = self.browser.request(method, path, form)
        except OSError as error:
            self.record(kind, time.monotonic() - started, 0, f"{method} {path}: {error!r}")
            return None
        self.record(kind, reply.seconds, reply.status, f"{method} {path}")
        if method == "GET" and reply.status == 200:
            self.browser.page_url = "https://openorclosed.example" + path
        return reply


def answer_questionnaire(visitor: Visitor) -> str | None:
    """The result page's path, or None when something went wrong (recorded)."""
    page = visitor.request("questionnaire page", "GET", "/start/")
    path = "/start/"
    for _ in range(12):
        if page is None or page.status != 200:
            return None
        forms = [form for form in parse(page.body).forms if form["radios"]]
        if not forms:
            break
        reply = visitor.request(
            "questionnaire answer", "POST", forms[0]["action"] or path, first_choices(forms[0])
        )
        if reply is None or reply.status != 303:
            return None
        path = location_path(reply)
        page = visitor.request("questionnaire page", "GET", path)
        if path.endswith("/check/"):
            break
    if page is None or page.status != 200 or not path.endswith("/check/"):
        return None
    create = next((f for f in parse(page.body).forms if "recommendation" in f["action"]), None)
    if create is None:
        return None
    reply = visitor.request("create result", "POST", create["action"], first_choices(create))
    if reply is None or reply.status != 303:
        return None
    return location_path(reply)


def make_share_link(visitor: Visitor, result_path: str, result_body: str) -> str | None:
    share = next((f for f in parse(result_body).forms if "share" in f["action"]), None)
    if share is None:
        return None
    choice = dict(share["buttons"]).get("action", "create")
    reply = visitor.request(
        "make share link", "POST", share["action"], {**share["fields"], "action": choice}
    )
    if reply is None or reply.status != 303:
        return None
    page = visitor.request(RESULT, "GET", location_path(reply).split("#")[0])
    if page is None or page.status != 200:
        return None
    for link in re.findall(r"https?://[^\"'<\s]+|/s/[^\"'<\s]+", page.body):
        if "/s/" in link:
            return urlsplit(link).path if link.startswith("http") else link
    return None


def client(number: int, ports: list[int], deadlines: list[float], queue) -> None:  # type: ignore[no-untyped-def]
    random.seed(number)
    samples: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    problems: list[str] = []
    phase_names = [name for name, _ in PHASES]
    phase = [phase_names[0]]
    visitors = [0]

    def record(kind: str, seconds: float, status: int, what: str) -> None:
        samples[(phase[0], kind)].append((seconds, status))
        if (status < 200 or status >= 400) and status != 429 and len(problems) < 5:
            problems.append(f"{phase[0]} · {kind} · {status or 'no answer'} · {what}")

    def new_visitor() -> Visitor:
        visitors[0] += 1
        n = visitors[0]
        # 10.<client>.<n> : one address per visitor, so per-address rate limits
        # count each visitor alone, as they would in production.
        address = f"10.{number % 256}.{(n // 250) % 256}.{n % 250 + 1}"
        return Visitor(ports, address, record)

    results: list[tuple[Visitor, str]] = []
    slugs: list[str] = []
    while time.time() < deadlines[0]:
        visitor = new_visitor()
        result_path = answer_questionnaire(visitor)
        if result_path is None:
            continue
        page = visitor.request(RESULT, "GET", result_path)
        if page is None or page.status != 200:
            continue
        results.append((visitor, result_path))
        listing = visitor.request("catalogue list", "GET", "/catalogue/")
        if listing is not None and listing.status == 200 and not slugs:
            slugs = sorted(
                {
                    link
                    for link in parse(listing.body).links
                    if re.fullmatch(r"/catalogue/[\w-]+/", link) and "compare" not in link
                }
            )
        for slug in random.sample(slugs, min(2, len(slugs))):
            visitor.request("model page", "GET", slug)
        visitor.request(RESULT, "GET", result_path)
        share_path = make_share_link(visitor, result_path, page.body)
        if share_path:
            colleague = new_visitor()
            for _ in range(2):
                colleague.request("shared page", "GET", share_path)
        new_visitor().request(BARE, "GET", "/healthz")

    phase[0] = phase_names[1]
    if not results:  # too short a mixed phase for this client: make one result now
        visitor = new_visitor()
        if path := answer_questionnaire(visitor):
            results.append((visitor, path))
    index = 0
    while results and time.time() < deadlines[1]:
        visitor, path = results[index % len(results)]
        visitor.request(RESULT, "GET", path)
        index += 1

    phase[0] = phase_names[2]
    monitor = new_visitor()
    while time.time() < deadlines[2]:
        monitor.request(BARE, "GET", "/healthz")

    queue.put((dict(samples), problems))


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def report(samples: dict[tuple[str, str], list[tuple[float, int]]], durations: dict[str, float]):  # type: ignore[no-untyped-def]
    throughput: dict[tuple[str, str], float] = {}
    errors = limited = 0
    header = f"{'page':<24}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    header += f"{'429':>6}{'errors':>8}"
    for phase, _ in PHASES:
        rows = [(kind, samples[(phase, kind)]) for kind in KINDS if samples.get((phase, kind))]
        if not rows:
            continue
        print(f"\n{phase} ({durations[phase]:.0f} s)")
        print(header)
        total = 0
        for kind, values in rows:
            latencies = sorted(seconds * 1000 for seconds, _ in values)
            bad = sum(1 for _, status in values if not (200 <= status < 400) and status != 429)
            too_many = sum(1 for _, status in values if status == 429)
            rate = len(values) / durations[phase]
            throughput[(phase, kind)] = rate
            errors += bad
            limited += too_many
            total += len(values)
            print(
                f"{kind:<24}{len(values):>9}{rate:>8.1f}{percentile(latencies, 0.50):>8.0f}"
                f"{percentile(latencies, 0.95):>8.0f}{percentile(latencies, 0.99):>8.0f}"
                f"{too_many:>6}{bad:>8}"
            )
        print(f"{'all':<24}{total:>9}{total / durations[phase]:>8.1f}")
    result = throughput.get((PHASES[1][0], RESULT), 0.0)
    bare = throughput.get((PHASES[2][0], BARE), 0.0)
    ratio = result / bare if bare else 0.0
    print(
        f"\nresult page throughput / bare DB view throughput = {result:.1f} / {bare:.1f} req/s"
        f" = {ratio:.2f} (target ≥ 0.50)"
    )
    print(f"errors: {errors} (target 0); 429s: {limited}")
    return errors, ratio


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return parts._replace(path=f"/{name}").geturl()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=600, help="whole run (default 600)")
    parser.add_argument("--clients", type=int, default=6, help="client processes (default 6)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--database-server",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL URL; the throwaway database is made on its server",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11", help="flushed first")
    args = parser.parse_args()

    import psycopg
    import redis

    try:
        redis.Redis.from_url(args.redis).flushdb()
    except redis.ConnectionError as error:
        sys.exit(f"Redis is not reachable at {args.redis}: {error}")
    name = f"ooc_load_{secrets.token_hex(4)}"
    admin_url = database_url(args.database_server, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    workdir = Path(tempfile.mkdtemp(prefix="ooc-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="openorclosed.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://openorclosed.example",
        DATABASE_URL=database_url(args.database_server, name),
        DJANGO_CACHE_URL=args.redis,
        DJANGO_TRUSTED_PROXIES="1",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        GUNICORN_WORKERS=str(args.workers),
    )
    servers: list[Server] = []
    try:
        for command in (
            ["migrate", "--no-input"],
            ["load_catalogue"],
            ["collectstatic", "--no-input"],
        ):
            done = subprocess.run(
                [sys.executable, "manage.py", *command, "--verbosity", "0"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(f"manage.py {command[0]} failed:\n{done.stdout}{done.stderr}")
        ports = [free_port(), free_port()]
        for number, port in enumerate(ports, start=1):
            servers.append(
                Server(
                    [sys.executable, "-m", "gunicorn", "-c", "python:config.gunicorn"]
                    + ["config.wsgi", "--access-logfile", "/dev/null"],
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    cwd=ROOT,
                    log=workdir / f"gunicorn-{number}.log",
                )
            )
        for server, port in zip(servers, ports, strict=True):
            server.wait_until_serving(port)
        print(
            f"2 gunicorn servers (ports {ports[0]}, {ports[1]}; {args.workers} sync workers each,"
            f" config.settings.production), database {name}, cache {args.redis},"
            f" {args.clients} client processes, {args.seconds:.0f} s"
        )

        start = time.time()
        deadlines, durations, elapsed = [], {}, 0.0
        for phase, share in PHASES:
            durations[phase] = args.seconds * share
            elapsed += durations[phase]
            deadlines.append(start + elapsed)
        queue: multiprocessing.Queue = multiprocessing.Queue()
        processes = [
            multiprocessing.Process(target=client, args=(n, ports, deadlines, queue))
            for n in range(args.clients)
        ]
        for process in processes:
            process.start()
        merged: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
        problems: list[str] = []
        for _ in processes:
            samples, found = queue.get(timeout=args.seconds + 300)
            for key, values in samples.items():
                merged[key].extend(values)
            problems.extend(found)
        for process in processes:
            process.join()
        errors, ratio = report(merged, durations)
        for problem in problems[:10]:
            print(f"  error: {problem}")
        for server in servers:
            if "Traceback" in server.log.read_text(errors="replace"):
                print(f"  a traceback is in {server.log}")
        return 0 if errors == 0 and ratio >= 0.5 else 1
    finally:
        for server in servers:
            server.stop()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
