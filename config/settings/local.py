"""Settings for `make run` and local work: debug when DJANGO_DEBUG=1."""

from __future__ import annotations

import warnings

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

# Serve static files from the source folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come from the finders here; there is no collectstatic folder.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
