from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def create_result(request: HttpRequest, token: str) -> HttpResponse:
    # Filled in with the recommendation service (issue 4).
    raise Http404("No recommendation yet")
