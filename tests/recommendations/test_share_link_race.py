"""Making a share link twice at once (a double click, two tabs) never fails."""

from __future__ import annotations

import threading
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client

from apps.recommendations.models import ShareLink
from tests.profiles import SOVEREIGN_ML_TEAM

CONCURRENT = 12


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_a_new_link_all_succeed_and_leave_one_live(
    launch_catalogue, answered
):
    response = answered(SOVEREIGN_ML_TEAM)
    Client().post(f"/r/{response.resume_token}/recommendation/")
    start = threading.Barrier(CONCURRENT)
    statuses: list[int] = []

    def make_link() -> None:
        client = Client()
        start.wait()
        try:
            reply = client.post(f"/r/{response.resume_token}/share/", {"action": "create"})
            statuses.append(reply.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=make_link) for _ in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [HTTPStatus.SEE_OTHER] * CONCURRENT
    assert ShareLink.objects.filter(response=response, revoked_at__isnull=True).count() == 1
    assert ShareLink.objects.filter(response=response).count() == CONCURRENT
