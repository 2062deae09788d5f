"""The README's "Deploying to production" steps, run as written.

The test reads the shell block under that heading and runs each line in a
fresh virtualenv outside the checkout: a copy of the repository's files is
installed with `pip install` (not editable), the production settings get a
database of their own and Redis as the cache, the management commands run
through `django-admin`, and gunicorn serves on a free port. Then a client that
behaves like a browser behind the TLS proxy answers the whole questionnaire
(CSRF and cookies included), asks for the recommendation, makes a share
link and reads the shared page without the author's cookies.

It takes about two minutes (most of it `pip install`); select it with
`-m deploy`, leave it out with `-m "not deploy"`.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import database_url
from tests.deploy.server import (
    Browser,
    Server,
    first_choices,
    free_port,
    location_path,
    parse,
    port_open,
)

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parents[2]
VENV_PLACEHOLDER = "/srv/openorclosed"
SOURCE_PLACEHOLDER = "./open-or-closed"
REDIS = ("127.0.0.1", 6379)


def readme_deploy_block() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Deploying to production", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README's deploy section has no ```sh block"
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def copy_checkout(destination: Path) -> None:
    """The repository's files as a clone would have them (work tree included)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = ROOT / relative
        if not os.path.lexists(source):
            continue  # deleted in the work tree
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


def server_settings(django_settings: dict) -> dict:
    settings = dict(django_settings)
    settings.pop("NAME", None)
    return settings


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Iterator[dict]:
    if not port_open(*REDIS):
        message = "Redis is not listening on 127.0.0.1:6379 (the deploy test's shared cache)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import psycopg
    from django.db import connection

    base = tmp_path_factory.mktemp("deploy")
    venv, source, workdir = base / "venv", base / "open-or-closed", base / "run"
    workdir.mkdir()
    copy_checkout(source)

    server = connection.settings_dict
    db_name = f"ooc_deploy_{secrets.token_hex(4)}"
    admin = {
        "host": server["HOST"] or None,
        "port": server["PORT"] or None,
        "user": server["USER"] or "postgres",
        "password": server["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIRTUAL_ENV"))}
    env.pop("DATABASE_URL", None)
    env.pop("PYTHONPATH", None)
    exported = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "openorclosed.example",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://openorclosed.example",
        "DATABASE_URL": database_url(dict(server), name=db_name),
        "DJANGO_CACHE_URL": f"redis://{REDIS[0]}:{REDIS[1]}/9",
        "DJANGO_TRUSTED_PROXIES": "1",
    }
    server_process = None
    try:
        for line in readme_deploy_block():
            words = shlex.split(line.replace(VENV_PLACEHOLDER, str(venv)))
            if words[0] == "export":
                name = words[1].split("=", 1)[0]
                assert name in exported, f"README exports {name}; the test does not set it"
                env[name] = exported[name]
            elif words[0] == ".":
                assert words[1] == f"{venv}/bin/activate"
                env["VIRTUAL_ENV"] = str(venv)
                env["PATH"] = f"{venv}/bin{os.pathsep}{env['PATH']}"
            elif words[0] == "python3" and words[1:3] == ["-m", "venv"]:
                subprocess.run([sys.executable, *words[1:]], check=True, cwd=workdir, env=env)
            elif words[0] == "gunicorn":
                assert line == readme_deploy_block()[-1], "gunicorn starts last"
                env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
                server_process = Server(
                    [str(venv / "bin" / words[0]), *words[1:]],
                    env=env,
                    cwd=workdir,
                    log=base / "gunicorn.log",
                )
            else:
                if words[0] == "pip":
                    words = [w if w != SOURCE_PLACEHOLDER else str(source) for w in words]
                result = subprocess.run(
                    [str(venv / "bin" / words[0]), *words[1:]],
                    cwd=workdir,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=600,
                )
                assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
        assert set(exported) <= set(env), "the README exports every setting the test needs"
        assert server_process is not None, "the README starts gunicorn"
        server_process.wait_until_serving(port)
        yield {"port": port, "server": server_process, "venv": venv, "workdir": workdir}
    finally:
        if server_process is not None:
            server_process.stop()
        with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def test_the_installed_package_holds_its_templates_static_files_and_data(deployed):
    site = subprocess.run(
        [
            str(deployed["venv"] / "bin" / "python"),
            "-c",
            "import config, apps.catalogue; print(config.__file__); print(apps.catalogue.__file__)",
        ],
        cwd=deployed["workdir"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    config_dir, catalogue_dir = Path(site[0]).parent, Path(site[1]).parent

    assert str(ROOT) not in site[0], "the app runs from the installed package"
    assert (config_dir / "templates" / "_base.html").is_file()
    assert not (config_dir / "templates").is_symlink()
    assert (config_dir / "static" / "css" / "main.css").is_file()
    assert (catalogue_dir / "data" / "catalogue.json").is_file()


def test_a_visitor_completes_the_questionnaire_and_a_colleague_reads_the_share_page(deployed):
    browser = Browser(deployed["port"])

    home = browser.get("/")
    assert home.status == 200
    stylesheet = re.search(r'href="(/static/css/main\.[0-9a-f]{12}\.css)"', home.body)
    assert stylesheet, "collectstatic's hashed names are in the page"
    assert browser.request("GET", stylesheet.group(1)).status == 200

    page = browser.get("/start/")
    assert page.status == 200
    path = "/start/"
    for _ in range(20):
        form = next(f for f in parse(page.body).forms if f["radios"])
        reply = browser.post(form["action"] or path, first_choices(form))
        assert reply.status == 303, reply.body[:2000]
        path = location_path(reply)
        page = browser.get(path)
        assert page.status == 200
        if path.endswith("/check/"):
            break
    assert path.endswith("/check/"), "the questionnaire ends at 'Check your answers'"
    resume_token = path.split("/")[2]
    assert all(name.startswith("__Host-") for name in browser.cookies), browser.cookies

    create = parse(page.body).forms[0]
    reply = browser.post(create["action"], first_choices(create))
    assert reply.status == 303
    result_path = location_path(reply)
    result = browser.get(result_path)
    assert result.status == 200
    assert "data-verdict=" in result.body
    assert "no-store" in result.header("Cache-Control")

    share = next(f for f in parse(result.body).forms if "share" in f["action"])
    choice = dict(share["buttons"]).get("action", "create")
    reply = browser.post(share["action"], {**share["fields"], "action": choice})
    assert reply.status == 303
    result = browser.get(location_path(reply).split("#")[0])
    share_path = next(
        (
            link
            for link in re.findall(r"https?://[^\"'<\s]+|/s/[^\"'<\s]+", result.body)
            if "/s/" in link
        ),
        None,
    )
    assert share_path, "the result page shows its share link"
    share_path = re.sub(r"^https?://[^/]+", "", share_path)

    colleague = Browser(deployed["port"], client_address="203.0.113.20")
    shared = colleague.get(share_path)
    assert shared.status == 200
    assert "data-verdict=" in shared.body

    log = deployed["server"].log.read_text(errors="replace")
    share_token = share_path.split("/")[2]
    assert "/check/" in log, "the access log records the requests"
    assert resume_token not in log, "the resume token reached the access log"
    assert share_token not in log, "the share token reached the access log"


def test_head_and_the_health_check_answer_through_gunicorn(deployed):
    browser = Browser(deployed["port"])

    head = browser.request("HEAD", "/healthz")

    assert head.status == 200
    assert head.body == ""
    assert browser.request("HEAD", "/").status == 200
