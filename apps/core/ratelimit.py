"""Rate limits: one way to count a client's requests and one 429 page.

Counters live in the default cache, which several app servers must share
(DJANGO_CACHE_URL=redis://…) for a limit to be global. A view is limited
with the decorator:

    ANSWERS = RateLimit(scope="questionnaire-answer", limit=120, window_seconds=600,
                        heading="Too many answers at once")

    @rate_limit(ANSWERS)                    # counts POSTs (the default)
    def section_page(request, ...): ...

    @rate_limit(EXPENSIVE_READS, methods=("GET",))
    def catalogue_json(request): ...

or, where the view must first decide whether a request counts (say, only a
valid form), by calling `refusal = ANSWERS.check(request)`, which returns
the 429 response to send, or None.

Each counted request adds one to the client's counter for the current fixed
window; past `limit`, the client gets templates/429.html with status 429 and
`Retry-After` until the window ends. An htmx request gets the page's
`message` partial (htmx swaps 429s; see _base.html's htmx-config) and
`HX-Push-Url: false`, so the address bar stays where it was.

The client is its address. Behind a reverse proxy every request comes from
the proxy; set `RATE_LIMIT_TRUSTED_PROXIES` (DJANGO_TRUSTED_PROXIES) to the
number of proxies in front of the app to read the client's address from
X-Forwarded-For instead. Only the entry appended by the outermost trusted
proxy is used, so a client cannot pick its own address by sending the header.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

TEMPLATE = "429.html"
UNKNOWN_CLIENT = "unknown"


def client_ip(request: HttpRequest) -> str:
    """The client's address, honouring RATE_LIMIT_TRUSTED_PROXIES."""
    proxies = int(getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or UNKNOWN_CLIENT


def client_ip_or_none(request: HttpRequest) -> str | None:
    """The same address for django-axes (AXES_CLIENT_IP_CALLABLE), which
    stores it in a GenericIPAddressField: None when it is not an address."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def rate_limited(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request and return True when it is over `limit` in `window_seconds`."""
    window = int(time.time() // window_seconds)
    # Hash the address: cache keys must be short and safe for memcached/redis,
    # and the cache need not hold raw addresses.
    who = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{who}:{window}"
    # add() is a no-op when the key exists; incr() is atomic in every cache
    # backend Django ships, so concurrent requests are all counted.
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds + 1)
        count = 1
    return count > limit


def too_many_requests(
    request: HttpRequest,
    *,
    retry_after_seconds: int,
    heading: str = "Too many requests at once",
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The 429 page (or its htmx partial), with Retry-After."""
    htmx = getattr(request, "htmx", None)
    fragment = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    page_context = {
        "heading": heading,
        "retry_minutes": max(1, round(retry_after_seconds / 60)),
        "fragment": fragment,
        **(context or {}),
    }
    template = f"{TEMPLATE}#message" if fragment else TEMPLATE
    response = render(request, template, page_context, status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(retry_after_seconds)
    if fragment:
        response["HX-Push-Url"] = "false"
    return response


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` counted requests per client in each window."""

    scope: str
    limit: int
    window_seconds: int
    heading: str = "Too many requests at once"

    def check(
        self, request: HttpRequest, *, context: Mapping[str, Any] | None = None
    ) -> HttpResponse | None:
        """Count the request; the 429 response when it is over the limit."""
        if not rate_limited(
            request, scope=self.scope, limit=self.limit, window_seconds=self.window_seconds
        ):
            return None
        return too_many_requests(
            request,
            retry_after_seconds=self.window_seconds,
            heading=self.heading,
            context=context,
        )


def rate_limit[**P](
    limit: RateLimit, *, methods: Iterable[str] = ("POST",)
) -> Callable[[Callable[P, HttpResponseBase]], Callable[P, HttpResponseBase]]:
    """Refuse a view's `methods` (POST by default) past `limit` with the 429 page."""
    counted = frozenset(method.upper() for method in methods)

    def decorator(view: Callable[P, HttpResponseBase]) -> Callable[P, HttpResponseBase]:
        @wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            request = args[0]
            assert isinstance(request, HttpRequest)
            # HEAD is answered as GET (apps.core.middleware_http) and costs the same.
            method = "GET" if request.method == "HEAD" else request.method
            if method in counted and (refusal := limit.check(request)):
                return refusal
            return view(*args, **kwargs)

        return wrapper

    return decorator
