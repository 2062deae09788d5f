"""Turn a lost database into a clear 503 page instead of a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

try:  # the pool raises its own timeout when no connection can be had
    from psycopg_pool import PoolTimeout
except ImportError:  # pragma: no cover
    PoolTimeout = OperationalError  # type: ignore[misc,assignment]

UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)


def database_unavailable_response(request: HttpRequest | None) -> HttpResponse:
    html = render_to_string("503.html", request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UNAVAILABLE) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error(
                "database unavailable", extra={"path": request.path, "error": str(exception)}
            )
            return database_unavailable_response(request)
        return None
