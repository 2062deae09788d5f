"""Change-list filters of the curators' admin (the freshness panel links to them)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from apps.catalogue.dashboard import SHUTDOWN_SOON_DAYS, missing_data_terms_q, shutdown_soon_cutoff
from apps.catalogue.models import REVIEW_AFTER_DAYS, AIModel, LicenceKind, Modality, review_cutoff

# --- Filters -----------------------------------------------------------------


class ModelNeedsReviewFilter(admin.SimpleListFilter):
    title = "needs review"
    parameter_name = "needs_review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", f"Yes (facts older than {REVIEW_AFTER_DAYS} days)"), ("no", "No")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(needs_review=True)
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


class DatedNeedsReviewFilter(ModelNeedsReviewFilter):
    """For rows with a single `as_of` date (licences, offers)."""

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(as_of__lt=review_cutoff())
        if self.value() == "no":
            return queryset.filter(as_of__gte=review_cutoff())
        return queryset


class LicenceKindFilter(admin.SimpleListFilter):
    title = "licence kind"
    parameter_name = "licence_kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(LicenceKind.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in LicenceKind.values:
            return queryset.filter(licence__kind=self.value())
        return queryset


class ModalityFilter(admin.SimpleListFilter):
    title = "modality (input or output)"
    parameter_name = "modality"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Modality.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value in Modality.values:
            return queryset.filter(
                Q(modalities_input__contains=[value]) | Q(modalities_output__contains=[value])
            )
        return queryset


class ShutdownSoonFilter(admin.SimpleListFilter):
    """Shutdown dates coming within 60 days (models: `retirement_date`)."""

    title = "shutdown"
    parameter_name = "shutdown"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            ("soon", f"Within {SHUTDOWN_SOON_DAYS} days"),
            ("past", "Date has passed"),
            ("any", "Any date set"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        field = "retirement_date" if queryset.model is AIModel else "shutdown_date"
        today = timezone.localdate()
        if self.value() == "soon":
            return queryset.filter(
                **{f"{field}__gt": today, f"{field}__lte": shutdown_soon_cutoff(today)}
            )
        if self.value() == "past":
            return queryset.filter(**{f"{field}__lte": today})
        if self.value() == "any":
            return queryset.filter(**{f"{field}__isnull": False})
        return queryset


class CapabilityFilter(admin.SimpleListFilter):
    title = "capability score"
    parameter_name = "capability"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("missing", "Missing"), ("present", "Present")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(capability_score__isnull=True)
        if self.value() == "present":
            return queryset.filter(capability_score__isnull=False)
        return queryset


class DataTermsFilter(admin.SimpleListFilter):
    title = "data terms"
    parameter_name = "data_terms"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("missing", "Retention or training not stated"), ("stated", "Stated")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(missing_data_terms_q())
        if self.value() == "stated":
            return queryset.exclude(missing_data_terms_q())
        return queryset


class RegionsFilter(admin.SimpleListFilter):
    title = "regions"
    parameter_name = "regions"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("missing", "Not stated")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(regions=[])
        return queryset
