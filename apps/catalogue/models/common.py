"""What every catalogue table shares: when a fact is due for review, and
the check constraint that keeps a choice column to its choices."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone

REVIEW_AFTER_DAYS = 180


def review_cutoff(today: dt.date | None = None) -> dt.date:
    """Facts dated before this day need a curator's review."""
    return (today or timezone.localdate()) - dt.timedelta(days=REVIEW_AFTER_DAYS)


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)
