"""A small fixed-window rate limiter for write endpoints, kept in the cache.

    if rate_limited(request, scope="problem-report", limit=5, window_seconds=3600):
        return render(request, "…/rate_limited.html", status=HTTPStatus.TOO_MANY_REQUESTS)

Each call counts one attempt for the client's IP address in the current
window and says whether the limit is now exceeded. The cache must be shared
by all app servers for the limit to be global (see CACHES in settings).

Behind a reverse proxy, every request comes from the proxy's address; set
`RATE_LIMIT_TRUSTED_PROXIES` to the number of proxies in front of the app
(e.g. 1) to read the client's address from X-Forwarded-For instead. Only the
entry appended by the nearest trusted proxy is used, so a client cannot pick
its own address by sending the header itself.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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
