"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Access logs go to stdout with resume tokens redacted from every path.
"""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from config.logging import redact_tokens

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
errorlog = "-"


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact_tokens(atoms[key])
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
