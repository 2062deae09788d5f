"""Structured logs: one JSON object per line, easy to grep and to ship."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# A resume token in a URL is a credential (it can change the answers) and a
# share token opens a result, so neither reaches a log line: /r/<token>/…,
# /resume/<token>/ and /s/<token>/ become /r/…/, /resume/…/ and /s/…/,
# whether the URL is a path, a full address (Referer) or a quoted repr.
_TOKEN_IN_PATH = re.compile(r"(/(?:r|resume|s)/)[A-Za-z0-9_-]{8,}")


def redact_tokens(text: str) -> str:
    return _TOKEN_IN_PATH.sub(r"\1…", text)


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact_tokens(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                plain = isinstance(value, (int, float, bool, type(None)))
                event[key] = value if plain else redact_tokens(str(value))
        if record.exc_info:
            event["exception"] = redact_tokens(self.formatException(record.exc_info))
        return json.dumps(event, default=str, ensure_ascii=False)
