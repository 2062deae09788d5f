from __future__ import annotations

from unittest import mock

from django.test import RequestFactory, override_settings

from apps.core.ratelimit import client_ip, rate_limited


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
