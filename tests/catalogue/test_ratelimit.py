from __future__ import annotations

from http import HTTPStatus
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from apps.catalogue import views
from apps.core.ratelimit import RateLimit, client_ip, rate_limit, rate_limited


def _request(address: str = "198.51.100.1", forwarded: str | None = None):
    meta = {"REMOTE_ADDR": address}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **meta)


def test_requests_over_the_limit_are_refused_until_the_window_ends():
    request = _request()
    with mock.patch("apps.core.ratelimit.time.time", return_value=1_000_000.0):
        assert [rate_limited(request, scope="t", limit=3, window_seconds=60) for _ in range(4)] == [
            False,
            False,
            False,
            True,
        ]
    with mock.patch("apps.core.ratelimit.time.time", return_value=1_000_060.0):
        assert rate_limited(request, scope="t", limit=3, window_seconds=60) is False


def test_limits_are_per_address_and_per_scope():
    for _ in range(2):
        rate_limited(_request("198.51.100.1"), scope="reports", limit=2, window_seconds=60)

    assert (
        rate_limited(_request("198.51.100.1"), scope="reports", limit=2, window_seconds=60) is True
    )
    assert (
        rate_limited(_request("198.51.100.2"), scope="reports", limit=2, window_seconds=60) is False
    )
    assert (
        rate_limited(_request("198.51.100.1"), scope="answers", limit=2, window_seconds=60) is False
    )


def test_forwarded_addresses_are_ignored_unless_a_proxy_is_trusted():
    spoofed = _request("10.0.0.1", forwarded="1.2.3.4")
    assert client_ip(spoofed) == "10.0.0.1"

    with override_settings(RATE_LIMIT_TRUSTED_PROXIES=1):
        # The client can prepend anything; the proxy appends the real address last.
        assert client_ip(_request("10.0.0.1", forwarded="1.2.3.4, 203.0.113.7")) == "203.0.113.7"
        assert client_ip(_request("10.0.0.1")) == "10.0.0.1"


def _view(request):
    return HttpResponse("ok")


def test_the_decorator_counts_only_its_methods_and_answers_429_with_the_one_page():
    limited = rate_limit(RateLimit(scope="d", limit=1, window_seconds=60, heading="Slow down"))(
        _view
    )
    factory = RequestFactory()

    assert limited(factory.get("/")).status_code == HTTPStatus.OK
    assert limited(factory.get("/")).status_code == HTTPStatus.OK  # GETs are not counted
    assert limited(factory.post("/")).status_code == HTTPStatus.OK
    refused = limited(factory.post("/"))

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == "60"
    assert "Slow down" in refused.content.decode()
    assert "try again" in refused.content.decode()


@pytest.mark.django_db
def test_expensive_reads_are_limited_per_client_behind_the_trusted_proxy(client, settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    limit = views.OPEN_DATA_LIMIT.limit
    for _ in range(limit):
        assert client.get("/catalogue.json", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == (
            HTTPStatus.OK
        )

    refused = client.get("/catalogue.json", HTTP_X_FORWARDED_FOR="198.51.100.7")
    other = client.get("/catalogue.json", HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert b"Too many requests at once" in refused.content
    assert other.status_code == HTTPStatus.OK
