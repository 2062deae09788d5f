"""The author's result page, kept whole in the shared cache while nothing it
shows has changed.

Rendering the page is most of its cost, and between two views of it almost
nothing changes. Before each plain view one query reads everything the page
shows that can change — the response, its answers, its latest result, its
live share link and its team — as a *stamp*; a page rendered under the same
stamp is sent again with a fresh CSRF token. Any change (new answers, a new
result, a share link made or stopped, a team left) makes a new stamp, and a
response that is gone finds no stamp at all, so its page is never sent from
the cache.

What is not cached: a view with query parameters (adjusted weights, the
re-check), htmx requests, a browser that compares with a colleague (the
comparison lives in its session), and an older result that reads licence
facts from today's catalogue.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac

from apps.core.gzip_parts import compress_parts, joined_response
from apps.questionnaire.models import Answer, Response
from apps.recommendations.colleagues import COMPARE_SESSION_KEY
from apps.recommendations.models import Result, ShareLink
from apps.recommendations.pages import release
from apps.recommendations.team_models import Participant

# Kept whole (about 60 KB, and 12 KB compressed for browsers that take gzip)
# for an hour after it was last rendered: long enough for a person reading
# and returning to their result, short enough that the shared cache holds
# only the pages people are reading.
PAGE_TIMEOUT = 3600
_TOKEN = "<the resume token>"  # where the stamp query takes the token


@functools.cache
def _stamp_query() -> tuple[str, tuple[Any, ...]]:
    """One query for everything on the page that can change, built once
    with the ORM (so its orderings are the models' own) and run as SQL."""
    answers = (
        Answer.objects.filter(response=OuterRef("pk"))
        .order_by()
        .values("response")
        .annotate(
            text=StringAgg(
                Concat("question_slug", Value("="), "option_key"),
                delimiter=Value(","),
                order_by="question_slug",
            )
        )
        .values("text")
    )
    latest = Result.objects.filter(response=OuterRef("pk")).order_by("-requested_at").values("id")
    share = (
        ShareLink.objects.filter(response=OuterRef("pk"), revoked_at__isnull=True)
        .annotate(text=Concat("token", Value(":"), F("author_name")))
        .values("text")
    )
    team = (
        Participant.objects.filter(response=OuterRef("pk"), removed_at__isnull=True)
        .annotate(text=Concat("decision__name", Value(":"), "decision__invite_token"))
        .values("text")
    )
    query = (
        Response.objects.filter(resume_token=_TOKEN)
        .annotate(
            stamp_answers=Subquery(answers[:1]),
            stamp_result=Subquery(latest[:1]),
            stamp_share=Subquery(share[:1]),
            stamp_team=Subquery(team[:1]),
        )
        .values_list("id", "stamp_answers", "stamp_result", "stamp_share", "stamp_team")
    )
    return query.query.sql_with_params()


def page_stamp(token: str) -> str | None:
    """What the page shows that can change, as a digest; None when no
    response has this token."""
    sql, params = _stamp_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token if param == _TOKEN else param for param in params])
        row = cursor.fetchone()
    if row is None:
        return None
    return hashlib.sha256(repr(row).encode()).hexdigest()


def cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.headers.get("HX-Request")
        and not request.session.get(COMPARE_SESSION_KEY)
    )


def _key(request: HttpRequest, token: str) -> str:
    hashed = hashlib.sha256(token.encode()).hexdigest()[:32]
    return f"result-page:{_page_release()}:{hashed}:{request.get_host()}"


@functools.cache
def _page_release() -> str:
    """What renders the whole page beyond the sections' release: every
    template (the site's frame too), the static files' hashed names (a new
    stylesheet has a new name, and the old one is gone after a release)
    and the settings the page states."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template.loader import get_template

    digest = hashlib.sha256(release().encode())
    templates = Path(get_template("_base.html").origin.name).parent
    for path in sorted(templates.glob("**/*.html")):
        digest.update(path.read_bytes())
    read_manifest = getattr(staticfiles_storage, "read_manifest", None)
    digest.update(((read_manifest() if read_manifest else None) or "").encode())
    assumed = (settings.SELF_HOSTING_OPS_FTE, settings.SELF_HOSTING_OPS_USD_PER_FTE_MONTH)
    digest.update(repr(assumed).encode())
    return digest.hexdigest()[:16]


@functools.cache
def _csrf_placeholder() -> bytes:
    """Stands for the CSRF token in a cached page; nobody without the
    secret key can guess it, so no answer or name can contain it."""
    digest = salted_hmac("result-page-csrf", "placeholder", algorithm="sha256").hexdigest()
    return f"csrf{digest}".encode()


def cached_page(request: HttpRequest, token: str, stamp: str) -> HttpResponse | None:
    found = cache.get(_key(request, token))
    if found is None or found[0] != stamp:
        return None
    _stamp, parts, packed = found
    return joined_response(request, parts, packed, get_token(request).encode())


def render_and_keep(
    request: HttpRequest, token: str, stamp: str, template: str, context: Mapping[str, Any]
) -> HttpResponse:
    """Render the page once with a stand-in for the CSRF token, keep it
    (split where the token goes, and compressed) under this stamp, and send
    it with the real token."""
    html = render_to_string(
        template, {**context, "csrf_token": _csrf_placeholder().decode()}, request
    ).encode()
    parts = tuple(html.split(_csrf_placeholder()))
    packed = compress_parts(parts)
    cache.set(_key(request, token), (stamp, parts, packed), PAGE_TIMEOUT)
    return joined_response(request, parts, packed, get_token(request).encode())
