"""gunicorn settings: `gunicorn -c python:config.gunicorn config.wsgi`.

Access logs go to stdout with resume and share tokens redacted from the
request line, the path, the query and the Referer.
"""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from config.logging import redact_tokens

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
errorlog = "-"
# gunicorn 25+ opens a control socket at one fixed path per user; several
# app servers on one machine would fight over it, and nothing here uses it.
control_socket_disable = True


class RedactingLogger(Logger):
    # Every atom a log format could use: the request line (r), path (U),
    # query (q), Referer (f), request headers ({…}i) and environ ({…}e).
    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact_tokens(value)
        return atoms


logger_class = RedactingLogger


def post_worker_init(worker) -> None:  # type: ignore[no-untyped-def]
    """Build the engine's catalogue snapshot before the worker takes requests:
    the first full read is the slow one (about 0.3 s at 10,000 models); later
    ones after an edit re-read only what changed. A database that is down
    now only means the first request builds it."""
    try:
        from apps.recommendations.snapshot import current_snapshot

        current_snapshot()
    except Exception as error:  # noqa: BLE001 - start serving whatever happens
        worker.log.warning("Could not warm the catalogue snapshot: %s", error)
