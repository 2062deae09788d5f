"""Refuse requests carrying NUL bytes before they reach a view.

PostgreSQL text cannot hold NUL (0x00), so a NUL in a path, query string or
form field would otherwise surface as a database error deep inside a view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    return any(
        NUL in key or any(NUL in value for value in values)
        for source in sources
        for key, values in source.lists()
    )


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return render(request, "400.html", {"reason": "nul"}, status=400)
        return self.get_response(request)
