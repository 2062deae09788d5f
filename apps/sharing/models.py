from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q


def new_share_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


class ShareLink(models.Model):
    """A read-only link to one frozen result. Its author can revoke it or
    make a new one (which revokes the old); a revoked link shows nothing."""

    result = models.ForeignKey(
        "recommendations.Result", on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["result"],
                condition=Q(revoked_at__isnull=True),
                name="sharing_one_live_link_per_result",
            )
        ]

    def __str__(self) -> str:  # never shows the token
        state = "revoked" if self.revoked_at else "live"
        return f"Share link for result {self.result_id} ({state})"
