"""View decorators shared by the apps."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponseBase
from django.utils.cache import add_never_cache_headers

# Same-origin requests still carry the origin (CSRF checks it on HTTPS), but
# no Referer from this page, to this site or any other, ever holds its path.
PRIVATE_REFERRER_POLICY = "strict-origin"


def private_page[**P](view: Callable[P, HttpResponseBase]) -> Callable[P, HttpResponseBase]:
    """For pages whose URL holds a private token (a resume or share link).

    - `Cache-Control: no-store` (with Django's other never-cache headers): no
      browser, proxy or shared computer's back button keeps a copy;
    - `Referrer-Policy: strict-origin`: links and requests from the page send
      the site's origin, never the token in its path. (`no-referrer` would
      also drop the Origin of same-origin form posts, and Django's CSRF check
      refuses a post over HTTPS with neither.);
    - `X-Robots-Tag: noindex`.
    """

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
        response.setdefault("X-Robots-Tag", "noindex")  # a view may say "nofollow" too
        return response

    return wrapper
