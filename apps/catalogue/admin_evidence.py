"""Admin for the cost evidence: GPU types, GPU prices, throughput."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.catalogue.models import GPUPrice, GPUType, ThroughputEvidence


@admin.register(GPUType)
class GPUTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "vendor", "memory_gb", "as_of"]
    search_fields = ["name", "slug", "vendor"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(GPUPrice)
class GPUPriceAdmin(SimpleHistoryAdmin):
    list_display = [
        "gpu",
        "provider",
        "offering",
        "provider_kind",
        "pricing",
        "price_per_gpu_hour",
        "as_of",
    ]
    list_filter = ["provider_kind", "pricing", "gpu"]
    list_select_related = ["gpu"]
    search_fields = ["provider", "gpu__name", "region"]
    autocomplete_fields = ["gpu"]


@admin.register(ThroughputEvidence)
class ThroughputEvidenceAdmin(SimpleHistoryAdmin):
    list_display = [
        "model_measured",
        "size_class",
        "precision",
        "gpu",
        "gpus",
        "kind",
        "output_tokens_per_s_per_gpu",
        "per_user_tokens_per_s",
        "as_of",
    ]
    list_filter = ["size_class", "precision", "kind", "gpu"]
    list_select_related = ["gpu"]
    search_fields = ["model_measured", "engine", "slug"]
    autocomplete_fields = ["gpu", "catalogue_model"]
    prepopulated_fields = {"slug": ["model_measured"]}
