from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest that django-htmx's middleware has annotated."""

    htmx: HtmxDetails


class HttpResponseSeeOther(HttpResponseRedirect):
    """POST/redirect/GET: 303 tells every client to follow with a GET."""

    status_code = HTTPStatus.SEE_OTHER


# Every private link's token is URL-safe base64 of at most 32 random bytes.
MAX_TOKEN_LENGTH = 64


class LinkGone(Exception):
    """A private link that existed and was withdrawn (a revoked share link, a
    participant removed from a team): answered 410 with the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def by_token[T](lookup: Callable[[str], T | None], token: str, *, missing: str) -> T:
    """What a private link's token names, or a 404 saying what is missing.

    The one way views turn a token into an object: a token longer than any
    we issue is refused without a query; `lookup` may raise `LinkGone` for a
    withdrawn link, which `LinkGoneMiddleware` answers with a 410."""
    found = lookup(token) if len(token) <= MAX_TOKEN_LENGTH else None
    if found is None:
        raise Http404(missing)
    return found


class LinkGoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LinkGone):
            return render(request, "410.html", {"message": exception.message}, status=410)
        return None
