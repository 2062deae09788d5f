"""Lighthouse performance scores for every public page, mobile and desktop.

    cd /tmp && npm i -E lighthouse@12.2.3            # once
    .venv/bin/python bench/lighthouse.py [--pages home,catalogue] [--presets mobile]

Serves the app as production does (config.settings.production, DEBUG off,
gunicorn, static files collected and served by whitenoise with compressed,
hashed names) on a free port of 127.0.0.1, against the database in
--database-url (default postgres://postgres@127.0.0.1:5432/helper_web_dev;
create it first with `psql -h 127.0.0.1 -U postgres -c 'create database
helper_web_dev'`). It migrates that database, loads the shipped catalogue,
makes the private pages to measure (a started questionnaire, two finished
results with share links, a team decision with a participant), then runs
Lighthouse's performance category once per page and preset and prints the
score with LCP, TBT, CLS and bytes transferred. Exits 1 when a score is
under --min-score (95).

Plain HTTP, so SECURE_SSL_REDIRECT is off; everything else is production's.
Lighthouse comes from $LIGHTHOUSE, `lighthouse` on PATH or
/tmp/node_modules/.bin/lighthouse; Chromium from $CHROME_PATH
(default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/helper_web_dev"
CHROME_FLAGS = "--headless=new --no-sandbox"
ATTEMPTS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lighthouse_binary() -> str:
    for candidate in (
        os.environ.get("LIGHTHOUSE"),
        shutil.which("lighthouse"),
        "/tmp/node_modules/.bin/lighthouse",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("Lighthouse not found: `cd /tmp && npm i -E lighthouse@12.2.3` or set LIGHTHOUSE")


def server_environment(database_url: str, static_root: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


# Run inside the app's settings (manage.py shell) to make the private pages.
MAKE_PAGES = """
import json
from apps.catalogue.models import AIModel
from apps.questionnaire.definitions import SECTIONS
from apps.questionnaire.services import response_answer_section, response_start
from apps.recommendations.services import result_create
from apps.recommendations.share_links import share_link_create
from apps.recommendations.teams import participant_join, team_decision_create
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

def answered(answers, sections=len(SECTIONS)):
    response = response_start()
    for section in SECTIONS[:sections]:
        response_answer_section(response=response, section=section,
            data={s: answers[s] for s in section.slugs if s in answers})
    return response

pages = {"home": "/", "start": "/start/", "catalogue": "/catalogue/", "method": "/method/",
         "team-new": "/team/", "404": "/no-such-page/"}
partial = answered(SOVEREIGN_ML_TEAM, sections=3)
pages["section-4"] = f"/r/{partial.resume_token}/section/4/"
pages["check"] = f"/r/{answered(SOVEREIGN_ML_TEAM).resume_token}/check/"
for name, answers in (("open", SOVEREIGN_ML_TEAM), ("closed", SMALL_TEAM_NEEDS_SLA)):
    response = answered(answers)
    result_create(response=response)
    link = share_link_create(response=response)
    pages[f"result-{name}"] = f"/r/{response.resume_token}/result/"
    pages[f"shared-{name}"] = f"/s/{link.token}/"
decision = team_decision_create(name="Support assistant")
participant_join(decision=decision, display_name="Alice")
pages["team-organiser"] = f"/team/organise/{decision.organiser_token}/"
pages["team-invite"] = f"/team/{decision.invite_token}/"
slugs = list(AIModel.objects.order_by("slug").values_list("slug", flat=True))
pages["model"] = f"/catalogue/{slugs[0]}/"
pages["compare"] = "/catalogue/compare/?models=" + ",".join(slugs[:3])
print("PAGES" + json.dumps(pages))
"""


def make_pages(env: dict[str, str]) -> dict[str, str]:
    run = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", MAKE_PAGES],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    line = next(line for line in run.stdout.splitlines() if line.startswith("PAGES"))
    return json.loads(line.removeprefix("PAGES"))


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before it answered")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer {base}/healthz in {timeout:.0f} s")


def lighthouse(binary: str, url: str, preset: str, chrome: str, save: Path | None) -> dict:
    command = [
        binary,
        url,
        "--only-categories=performance",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--ignore-status-code",  # the 404 page is measured on purpose
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    # On a loaded machine Lighthouse now and then loses its trace
    # (NO_NAVSTART, NO_FCP): such a run measured nothing, so run it again.
    for _attempt in range(ATTEMPTS):
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "CHROME_PATH": chrome},
        )
        if run.returncode == 0:
            break
    else:
        raise RuntimeError(f"lighthouse failed {ATTEMPTS} times on {url}: {run.stderr[-800:]}")
    report = json.loads(run.stdout)
    if save is not None:
        save.write_text(run.stdout)
    audits = report["audits"]
    return {
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failing": [
            key
            for key, audit in audits.items()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in {"numeric", "binary", "metricSavings"}
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--min-score", type=int, default=95)
    parser.add_argument("--skip-setup", action="store_true", help="no migrate/load_catalogue")
    parser.add_argument("--json", type=Path, help="also write all results here")
    parser.add_argument("--reports", type=Path, help="keep each full Lighthouse report here")
    args = parser.parse_args()

    binary = lighthouse_binary()
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="ooc-lighthouse-") as static_root:
        env = server_environment(args.database_url, Path(static_root), port)
        if not args.skip_setup:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "load_catalogue")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        pages = make_pages(env)
        if args.pages:
            wanted = args.pages.split(",")
            unknown = set(wanted) - pages.keys()
            if unknown:
                sys.exit(f"unknown pages {sorted(unknown)}; known: {sorted(pages)}")
            pages = {name: pages[name] for name in wanted}

        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "python:config.gunicorn", "config.wsgi"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        results: dict[str, dict[str, dict]] = {}
        try:
            wait_until_up(base, server)
            heading = "score   FCP ms   LCP ms  TBT ms    CLS     KB  audits under 0.9"
            print(f"{'page':<16} {'preset':<8} {heading}")
            for name, path in pages.items():
                for preset in args.presets.split(","):
                    save = args.reports / f"{name}-{preset}.json" if args.reports else None
                    found = lighthouse(binary, base + path, preset, chrome, save)
                    results.setdefault(name, {})[preset] = found | {"path": path}
                    print(
                        f"{name:<16} {preset:<8} {found['score']:>5} {found['fcp']:>8.0f}"
                        f" {found['lcp']:>8.0f} {found['tbt']:>7.0f} {found['cls']:>6.3f}"
                        f" {found['bytes'] / 1024:>6.1f}  {' '.join(found['failing'])}",
                        flush=True,
                    )
        finally:
            server.terminate()
            server.wait(timeout=10)

    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    low = [
        f"{name} ({preset}) {found['score']}"
        for name, by_preset in results.items()
        for preset, found in by_preset.items()
        if found["score"] < args.min_score
    ]
    if low:
        print(f"Under {args.min_score}: " + ", ".join(low))
        return 1
    print(f"Every page scores at least {args.min_score}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
