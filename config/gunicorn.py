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
