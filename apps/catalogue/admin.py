"""The curators' admin: search, filters, inlines, import/export, history, review flags."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from apps.catalogue.admin_filters import (
    CapabilityFilter,
    DataTermsFilter,
    DatedNeedsReviewFilter,
    LicenceKindFilter,
    ModalityFilter,
    ModelNeedsReviewFilter,
    RegionsFilter,
    ShutdownSoonFilter,
)
from apps.catalogue.dashboard import (
    related_history,
)
from apps.catalogue.models import (
    REVIEW_AFTER_DAYS,
    AIModel,
    Licence,
    LifecycleStatus,
    Offer,
    OpennessAssessment,
    ProblemReport,
    Provider,
    ReportStatus,
)
from apps.catalogue.resources import (
    AIModelResource,
    LicenceResource,
    OfferResource,
    ProviderResource,
)
from apps.catalogue.services import models_mark_verified


class CatalogueAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Import/export plus change history; a file with any bad row imports nothing."""

    formats = [base_formats.CSV, base_formats.JSON]

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


# --- Providers and licences ----------------------------------------------------


@admin.register(Provider)
class ProviderAdmin(CatalogueAdmin):
    resource_classes = [ProviderResource]
    list_display = ["name", "kind", "country", "model_count", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "country"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provider]:
        return super().get_queryset(request).annotate(model_count=Count("models"))

    @admin.display(description="models", ordering="model_count")
    def model_count(self, provider: Provider) -> int:
        return provider.model_count  # type: ignore[attr-defined]


@admin.register(Licence)
class LicenceAdmin(CatalogueAdmin):
    resource_classes = [LicenceResource]
    list_display = [
        "name",
        "kind",
        "spdx_id",
        "commercial_use",
        "osi_approved",
        "user_cap",
        "as_of",
        "needs_review",
    ]
    list_filter = [
        "kind",
        "commercial_use",
        "modification",
        "redistribution",
        "osi_approved",
        DatedNeedsReviewFilter,
    ]
    search_fields = ["name", "slug", "spdx_id"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "spdx_id", "kind", "url", "osi_approved"]}),
        (
            "What it allows",
            {
                "fields": [
                    "commercial_use",
                    "modification",
                    "redistribution",
                    "attribution_required",
                    "acceptable_use_policy_url",
                    "user_cap",
                    "obligations",
                ]
            },
        ),
        (
            "Clauses the licence checklist quotes",
            {"fields": ["clauses", "service_counts_as_distribution"]},
        ),
        ("Provenance", {"fields": ["source_url", "as_of", "notes"]}),
    ]

    @admin.display(boolean=True, description="needs review")
    def needs_review(self, licence: Licence) -> bool:
        return licence.needs_review


# --- Models --------------------------------------------------------------------


class OpennessInline(admin.StackedInline):
    model = OpennessAssessment
    can_delete = False
    min_num = 0
    max_num = 1
    extra = 1
    readonly_fields = ["score"]
    fields = [
        ("weights", "training_code", "training_data", "data_documentation"),
        ("model_card", "paper", "evaluation", "score"),
        "source_url",
        "sources",
        "as_of",
        "notes",
    ]


OFFER_FIELDS = [
    ("kind", "host_name", "url"),
    ("api_model_id", "price_basis"),
    ("input_price_per_mtok", "cached_input_price_per_mtok", "output_price_per_mtok"),
    (
        "long_context_threshold_tokens",
        "long_context_input_price_per_mtok",
        "long_context_output_price_per_mtok",
    ),
    ("subscription_price_usd", "subscription_unit"),
    ("support_level", "sla", "fine_tuning_available"),
    ("data_retention", "trains_on_customer_data", "zero_data_retention"),
    "data_terms_source_url",
    "regions",
    "certifications",
    ("status", "shutdown_date", "lifecycle_source_url"),
    ("source_url", "as_of"),
    "notes",
]


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0
    fields = OFFER_FIELDS


@admin.register(AIModel)
class AIModelAdmin(CatalogueAdmin):
    resource_classes = [AIModelResource]
    # Key columns only, so the list fits a 1280 px screen with the filters.
    list_display = [
        "name",
        "provider",
        "access",
        "status_today",
        "capability",
        "cheapest_live_price",
        "needs_review",
        "is_published",
    ]
    list_filter = [
        "access",
        LicenceKindFilter,
        "provider",
        ModalityFilter,
        ModelNeedsReviewFilter,
        ShutdownSoonFilter,
        CapabilityFilter,
        "status",
        "is_published",
        "is_synthetic",
    ]
    object_history_template = "admin/catalogue/aimodel/object_history.html"
    list_select_related = ["provider", "licence", "openness"]
    search_fields = ["name", "slug", "family", "provider__name"]
    search_help_text = "Search by name, slug, family or provider."
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["provider", "licence"]
    readonly_fields = ["review_state", "created_at", "updated_at"]
    inlines = [OpennessInline, OfferInline]
    actions = ["mark_verified_today", "publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "family", "provider", "licence", "access", "is_published"]},
        ),
        (
            "Facts",
            {
                "fields": [
                    "release_date",
                    ("parameters_total_b", "parameters_active_b"),
                    ("context_window", "max_output_tokens", "knowledge_cutoff"),
                    "modalities_input",
                    "modalities_output",
                    "fine_tuning_available",
                ]
            },
        ),
        (
            "Running it yourself",
            {
                "fields": [
                    ("native_precision", "checkpoint_size_gb"),
                    ("num_layers", "num_attention_heads", "num_kv_heads", "head_dim"),
                    "kv_cache_bytes_per_token",
                    "architecture_source_url",
                ]
            },
        ),
        (
            "Capability",
            {
                "fields": [
                    ("capability_score", "capability_index", "capability_as_of"),
                    "capability_benchmark",
                    "capability_source_kind",
                    "capability_source_url",
                    "capability_note",
                    "other_benchmarks",
                ]
            },
        ),
        ("Lifecycle", {"fields": ["status", "retirement_date", "lifecycle_source_url"]}),
        (
            "Provenance",
            {
                "fields": [
                    "sources",
                    "facts_as_of",
                    "last_verified",
                    "review_state",
                    "curator_notes",
                    "is_synthetic",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AIModel]:
        return (
            super()
            .get_queryset(request)
            .with_review_state()
            .with_min_output_price()
            .with_status_today()
        )

    @admin.display(description="status today", ordering="status_today")
    def status_today(self, model: AIModel) -> str:
        status = getattr(model, "status_today", model.status)
        label = LifecycleStatus(status).label
        if model.retirement_date and status != LifecycleStatus.RETIRED:
            return f"{label}, shuts down {model.retirement_date:%d %b %Y}"
        return label

    @admin.display(description="capability", ordering="capability_score")
    def capability(self, model: AIModel) -> str:
        if model.capability_score is None:
            return "none"
        return f"{model.capability_score:.1f}"

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> Any:
        """The model's history, with its offers' and openness changes (edited
        inline on the model's page) listed below it."""
        extra_context = {**(extra_context or {}), "related_changes": related_history(object_id)}
        return super().history_view(request, object_id, extra_context=extra_context)

    @admin.display(description="licence kind", ordering="licence__kind")
    def licence_kind(self, model: AIModel) -> str:
        return model.licence.get_kind_display()

    @admin.display(boolean=True, description="review", ordering="needs_review")
    def needs_review(self, model: AIModel) -> bool:
        return bool(getattr(model, "needs_review", False))

    @admin.display(description="openness", ordering="openness__score")
    def openness_score(self, model: AIModel) -> str:
        openness = getattr(model, "openness", None)
        return f"{openness.score:.2f}" if openness is not None else "–"

    @admin.display(description="from $/1M out", ordering="min_output_price")
    def cheapest_live_price(self, model: AIModel) -> str:
        price = getattr(model, "min_output_price", None)
        return f"{price:.2f}" if price is not None else "–"

    @admin.display(description="review state")
    def review_state(self, model: AIModel) -> str:
        if model.pk is None:
            return "–"
        if getattr(model, "needs_review", False):
            return format_html(
                "<strong>Needs review</strong>: a fact is older than {} days "
                "and nobody has verified the model since.",
                REVIEW_AFTER_DAYS,
            )
        return "Up to date"

    @admin.action(description="Mark selected models verified today", permissions=["change"])
    def mark_verified_today(self, request: HttpRequest, queryset: QuerySet[AIModel]) -> None:
        count = models_mark_verified(models=queryset)
        plural = "s" if count != 1 else ""
        day = f"{timezone.localdate():%d %B %Y}"
        self.message_user(
            request, f"Marked {count} model{plural} verified on {day}.", messages.SUCCESS
        )

    @admin.action(description="Publish selected models", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[AIModel]) -> None:
        self._set_published(request, queryset, published=True)

    @admin.action(description="Unpublish selected models (back to draft)", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[AIModel]) -> None:
        self._set_published(request, queryset, published=False)

    def _set_published(
        self, request: HttpRequest, queryset: QuerySet[AIModel], *, published: bool
    ) -> None:
        count = 0
        # One save each, so the change history says who published what.
        for model in AIModel.objects.filter(
            pk__in=queryset.values("pk"), is_published=not published
        ):
            model.is_published = published
            model.save(update_fields=["is_published", "updated_at"])
            count += 1
        state = "published" if published else "moved back to draft"
        self.message_user(
            request, f"{count} model{'s' if count != 1 else ''} {state}.", messages.SUCCESS
        )


@admin.register(OpennessAssessment)
class OpennessAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["model", "score", "weights", "training_code", "training_data", "as_of"]
    list_filter = [
        "weights",
        "training_code",
        "training_data",
        "data_documentation",
        DatedNeedsReviewFilter,
    ]
    list_select_related = ["model"]
    search_fields = ["model__name", "model__slug"]
    autocomplete_fields = ["model"]
    readonly_fields = ["score"]


@admin.register(Offer)
class OfferAdmin(CatalogueAdmin):
    resource_classes = [OfferResource]
    list_display = [
        "model",
        "host_name",
        "kind",
        "price_in",
        "price_out",
        "status",
        "shutdown_date",
        "has_terms",
        "as_of",
    ]
    list_filter = [
        "kind",
        "status",
        DataTermsFilter,
        RegionsFilter,
        ShutdownSoonFilter,
        "support_level",
        "trains_on_customer_data",
        "zero_data_retention",
        DatedNeedsReviewFilter,
        ("model__provider", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["model"]
    search_fields = ["model__name", "model__slug", "host_name", "api_model_id"]
    autocomplete_fields = ["model"]
    fields = ["model", *OFFER_FIELDS]

    @admin.display(description="$/1M in", ordering="input_price_per_mtok")
    def price_in(self, offer: Offer) -> str:
        return "–" if offer.input_price_per_mtok is None else f"{offer.input_price_per_mtok:.2f}"

    @admin.display(description="$/1M out", ordering="output_price_per_mtok")
    def price_out(self, offer: Offer) -> str:
        if offer.subscription_price_usd is not None:
            return f"{offer.subscription_price_usd:,.0f}/{offer.get_subscription_unit_display()}"
        return "–" if offer.output_price_per_mtok is None else f"{offer.output_price_per_mtok:.2f}"

    @admin.display(boolean=True, description="data terms")
    def has_terms(self, offer: Offer) -> bool:
        return offer.has_data_terms and bool(offer.regions)

    @admin.display(boolean=True, description="needs review")
    def needs_review(self, offer: Offer) -> bool:
        return offer.needs_review


# --- Corrections queue ---------------------------------------------------------


@admin.register(ProblemReport)
class ProblemReportAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "model_link", "summary", "status"]
    list_filter = ["status", "created_at"]
    list_select_related = ["model"]
    search_fields = ["model__name", "what_is_wrong", "source_url"]
    readonly_fields = ["model", "what_is_wrong", "source_link", "email", "created_at"]
    fields = [
        "model",
        "what_is_wrong",
        "source_link",
        "email",
        "created_at",
        "status",
        "resolution_note",
    ]
    actions = ["mark_resolved"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports come from the public form

    @admin.display(description="model", ordering="model__name")
    def model_link(self, report: ProblemReport) -> str:
        url = reverse("admin:catalogue_aimodel_change", args=[report.model_id])
        return format_html('<a href="{}">{}</a>', url, report.model.name)

    @admin.display(description="what is wrong")
    def summary(self, report: ProblemReport) -> str:
        text = report.what_is_wrong
        return text if len(text) <= 90 else f"{text[:87]}…"

    @admin.display(description="source")
    def source_link(self, report: ProblemReport) -> str:
        return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', report.source_url)

    @admin.action(description="Mark selected reports resolved", permissions=["change"])
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[ProblemReport]) -> None:
        count = 0
        for report in queryset.filter(status=ReportStatus.OPEN):
            report.status = ReportStatus.RESOLVED
            report.save(update_fields=["status"])
            count += 1
        self.message_user(
            request, f"{count} report{'s' if count != 1 else ''} marked resolved.", messages.SUCCESS
        )


# The app list on every page would squeeze the catalogue's wide change lists
# off a 1280 px screen; the front page and breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False

# Cost evidence and freshness register their own admins.
from apps.catalogue import admin_evidence, admin_freshness  # noqa: E402, F401
