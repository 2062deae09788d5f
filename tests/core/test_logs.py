"""Private resume and share tokens never reach a log line."""

from __future__ import annotations

import logging

from config.gunicorn import RedactingLogger
from config.logging import JsonFormatter

RESUME = "abcDEF123456789_-xyzRESUME"
SHARE = "zyxSHARE987654321_-abc"


def test_the_app_log_redacts_resume_and_share_tokens():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/s/{SHARE}/answer/",),
        None,
    )
    record.request = f"<WSGIRequest: POST '/resume/{RESUME}/'>"

    line = JsonFormatter().format(record)

    assert RESUME not in line
    assert SHARE not in line
    assert "/s/…/answer/" in line


class _Request:
    method = "GET"
    path = f"/r/{RESUME}/result/"
    query = f"next=/s/{SHARE}/"
    uri = f"{path}?{query}"
    version = (1, 1)
    headers = [("REFERER", f"https://openorclosed.example/r/{RESUME}/check/")]


class _Response:
    status = "200 OK"
    response_length = 10
    sent = 10
    headers = ()


def test_gunicorns_access_log_redacts_the_request_line_query_and_referer():
    from types import SimpleNamespace

    logger = RedactingLogger(SimpleNamespace(**_gunicorn_config()))
    request = _Request()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": request.uri,
        "PATH_INFO": request.path,
        "QUERY_STRING": request.query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": request.headers[0][1],
        "REMOTE_ADDR": "127.0.0.1",
    }

    atoms = logger.atoms(_Response(), request, environ, _elapsed())

    line = " ".join(str(value) for value in atoms.values())
    assert RESUME not in line
    assert SHARE not in line
    assert "/r/…/result/" in atoms["r"]
    assert atoms["f"] == "https://openorclosed.example/r/…/check/"


def _elapsed():
    from datetime import timedelta

    return timedelta(milliseconds=5)


def _gunicorn_config() -> dict:
    from gunicorn.config import Config

    config = Config()
    return {name: setting.get() for name, setting in config.settings.items()}
