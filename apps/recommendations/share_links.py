"""Share links: make (or make a new one), revoke and read.

A link belongs to the author's answers (their questionnaire response) and
shows the author's current frozen result, so it survives a new result."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.questionnaire.models import Response
from apps.recommendations.models import ShareLink


def share_link_create(*, response: Response, author_name: str = "") -> ShareLink:
    """A fresh link for the author's answers; any earlier link stops working.

    Two requests at once (a double click, two tabs) are serialised on the
    author's row, so each gets a link and the last one made is the live one."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                Response.objects.select_for_update().filter(pk=response.pk).first()
                share_link_revoke(response=response)
                return ShareLink.objects.create(response=response, author_name=author_name)
        except IntegrityError:  # pragma: no cover - only without the row lock
            continue
    live = share_link_live(response=response)
    if live is None:  # pragma: no cover
        raise RuntimeError("could not make a share link")
    return live


def share_link_revoke(*, response: Response) -> int:
    return ShareLink.objects.filter(response=response, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def share_link_live(*, response: Response) -> ShareLink | None:
    return ShareLink.objects.filter(response=response, revoked_at__isnull=True).first()


def share_link_get(*, token: str) -> ShareLink | None:
    """The live link with this token, with the author's answers, or None."""
    return (
        ShareLink.objects.select_related("response")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def share_link_by_token(*, token: str) -> ShareLink | None:
    """The link with this token, live or revoked, with the author's answers."""
    return ShareLink.objects.select_related("response").filter(token=token).first()
