"""Writes to the catalogue outside the admin's own forms."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.catalogue.models import AIModel, ProblemReport


@transaction.atomic
def problem_report_create(
    *, model: AIModel, what_is_wrong: str, source_url: str, email: str = ""
) -> ProblemReport:
    report = ProblemReport(
        model=model, what_is_wrong=what_is_wrong, source_url=source_url, email=email
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def models_mark_verified(*, models: QuerySet[AIModel], on: dt.date | None = None) -> int:
    """Set last_verified on each model, one save per model so history records who verified it."""
    day = on or timezone.localdate()
    count = 0
    for model in AIModel.objects.filter(pk__in=models.values("pk")).select_for_update():
        if model.last_verified != day:
            model.last_verified = day
            model.save(update_fields=["last_verified", "updated_at"])
            count += 1
    return count
