from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.middleware import UNAVAILABLE, database_unavailable_response

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def database_is_up() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except UNAVAILABLE as error:
        return False, str(error).splitlines()[0] if str(error) else type(error).__name__
    return True, "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    up, detail = database_is_up()
    body = {"status": "ok" if up else "unavailable", "database": "up" if up else "down"}
    if not up:
        logger.error("health check: database down", extra={"error": detail})
    return JsonResponse(body, status=200 if up else 503)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke may break again.
    try:
        return render(request, "500.html", status=500)
    except UNAVAILABLE:
        return database_unavailable_response(None)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.warning("csrf failure", extra={"path": request.path, "reason": reason})
    return render(request, "403_csrf.html", status=403)
