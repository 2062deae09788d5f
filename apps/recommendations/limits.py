"""How often one client may write or run the engine, per kind of request."""

from __future__ import annotations

from apps.core.ratelimit import RateLimit

RESULTS_LIMIT = RateLimit(
    scope="result-create", limit=30, window_seconds=600, heading="Too many recommendations at once"
)
# Each what-if recalculation or re-check runs the engine over the whole catalogue.
WHAT_IF_LIMIT = RateLimit(
    scope="what-if", limit=120, window_seconds=600, heading="Too many recalculations at once"
)
SHARE_LIMIT = RateLimit(
    scope="share", limit=30, window_seconds=600, heading="Too many share links at once"
)
TEAM_WRITE_LIMIT = RateLimit(
    scope="team-write", limit=30, window_seconds=600, heading="Too many changes at once"
)
