"""Admin for keeping the catalogue current: models.dev mappings and the
changes a sync proposes (accept or reject, one by one or in bulk)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from apps.catalogue.models import ModelsDevMapping, ProposedChange
from apps.catalogue.sync import (
    ProposalError,
    proposal_accept,
    proposal_mark_added,
    proposal_reject,
)


@admin.register(ModelsDevMapping)
class ModelsDevMappingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "model", "offer", "ignored"]
    list_filter = ["models_dev_provider", "ignored"]
    list_select_related = ["model", "offer"]
    search_fields = ["models_dev_provider", "models_dev_model", "model__name", "model__slug"]
    autocomplete_fields = ["model", "offer"]


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    list_display = [
        "summary_text",
        "kind",
        "field",
        "current",
        "proposed",
        "source_date",
        "source_older_than_fact",
        "status",
    ]
    list_filter = ["status", "kind", "field", "source_older_than_fact", "source_date"]
    list_select_related = ["model", "offer"]
    search_fields = ["source_key", "summary", "model__name", "offer__host_name"]
    actions = ["accept", "reject", "mark_added"]
    readonly_fields = [
        "kind",
        "model",
        "offer",
        "field",
        "current_value",
        "proposed_value",
        "source_key",
        "source_name",
        "source_link",
        "source_date",
        "source_older_than_fact",
        "summary",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "add_model_link",
    ]
    exclude = ["fingerprint", "source_url"]
    list_per_page = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # proposals come from `manage.py sync_catalogue`

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a rejected proposal must be remembered

    @admin.display(description="proposal", ordering="source_key")
    def summary_text(self, proposal: ProposedChange) -> str:
        return proposal.summary or str(proposal)

    @admin.display(description="now")
    def current(self, proposal: ProposedChange) -> str:
        return "—" if proposal.current_value is None else str(proposal.current_value)

    @admin.display(description="proposed")
    def proposed(self, proposal: ProposedChange) -> str:
        if proposal.kind == ProposedChange.Kind.NEW_MODEL:
            return "new model"
        return str(proposal.proposed_value)

    @admin.display(description="source")
    def source_link(self, proposal: ProposedChange) -> str:
        return format_html('<a href="{}">{}</a>', proposal.source_url, proposal.source_url)

    @admin.display(description="add this model")
    def add_model_link(self, proposal: ProposedChange) -> str:
        if proposal.kind != ProposedChange.Kind.NEW_MODEL or not proposal.proposed_value:
            return "—"
        value = proposal.proposed_value
        initial = {"name": value.get("name", ""), "context_window": value.get("context_window", "")}
        url = f"{reverse('admin:catalogue_aimodel_add')}?{urlencode(initial)}"
        return format_html(
            '<a href="{}">Add {} to the catalogue</a>, then mark this proposal added.',
            url,
            value.get("name", ""),
        )

    def _decide(self, request: HttpRequest, queryset: QuerySet, decide, verb: str) -> None:  # type: ignore[no-untyped-def]
        done, refused = 0, []
        for proposal in queryset.select_related("model", "offer"):
            try:
                decide(proposal=proposal, user=request.user)
                done += 1
            except ProposalError as error:
                refused.append(f"{proposal}: {error}")
            except Exception as error:  # a value the field refuses, e.g. a negative price
                refused.append(f"{proposal}: {error}")
        if done:
            self.message_user(
                request, f"{done} proposal{'s' if done != 1 else ''} {verb}.", messages.SUCCESS
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Accept: apply the proposed values", permissions=["change"])
    def accept(self, request: HttpRequest, queryset: QuerySet[ProposedChange]) -> None:
        self._decide(request, queryset, proposal_accept, "accepted and applied")

    @admin.action(description="Reject: keep the catalogue's values", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[ProposedChange]) -> None:
        self._decide(request, queryset, proposal_reject, "rejected")

    @admin.action(description="Mark new models as added by hand", permissions=["change"])
    def mark_added(self, request: HttpRequest, queryset: QuerySet[ProposedChange]) -> None:
        self._decide(
            request,
            queryset.filter(kind=ProposedChange.Kind.NEW_MODEL),
            proposal_mark_added,
            "marked added",
        )
