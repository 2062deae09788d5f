"""Share links: create (or make a new one), revoke, and read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.recommendations.models import Result
from apps.sharing.models import ShareLink


@transaction.atomic
def share_link_create(*, result: Result) -> ShareLink:
    """A fresh link for the result; any earlier link stops working."""
    share_link_revoke(result=result)
    return ShareLink.objects.create(result=result)


def share_link_revoke(*, result: Result) -> int:
    return ShareLink.objects.filter(result=result, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def share_link_live(*, result: Result) -> ShareLink | None:
    return ShareLink.objects.filter(result=result, revoked_at__isnull=True).first()


def share_link_get(*, token: str) -> ShareLink | None:
    """The live link with this token, with its result, or None."""
    return (
        ShareLink.objects.select_related("result")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
