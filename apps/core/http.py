from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponseRedirect
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest that django-htmx's middleware has annotated."""

    htmx: HtmxDetails


class HttpResponseSeeOther(HttpResponseRedirect):
    """POST/redirect/GET: 303 tells every client to follow with a GET."""

    status_code = HTTPStatus.SEE_OTHER
