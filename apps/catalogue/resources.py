"""django-import-export resources: the catalogue as CSV / JSON, one file per table.

Import order: providers, licences, models (with their openness columns),
offers. Rows are matched by slug (offers by model + kind + host), unchanged
rows are skipped, every row is validated with the model's own `clean()`, and
a file with any bad row imports nothing.

List fields (modalities, sources, regions…) are one cell with items
separated by " | ", so items may contain commas.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from apps.catalogue.loading import (
    LICENCE_KEYS,
    MODEL_KEYS,
    OFFER_KEYS,
    PROVIDER_KEYS,
)
from apps.catalogue.models import (
    OPENNESS_DIMENSIONS,
    AIModel,
    Licence,
    Offer,
    OpennessAssessment,
    Provider,
)

LIST_SEPARATOR = " | "


class ListWidget(widgets.Widget):
    """A list as "a | b | c" in a cell; also accepts a real list (JSON files)."""

    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        return [item.strip() for item in str(value).split(LIST_SEPARATOR.strip()) if item.strip()]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return LIST_SEPARATOR.join(str(item) for item in value or [])


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """Looks a related row up by slug and says clearly when there is none."""

    def __init__(self, model: type, **kwargs: Any) -> None:
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value: Any, row: dict | None = None, **kwargs: Any) -> Any:
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            raise ValueError(
                f"There is no {self.model._meta.verbose_name} with the slug “{value}”."
            ) from error


def list_field(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=ListWidget())


class CatalogueResource(resources.ModelResource):
    """Settings every catalogue resource shares."""

    class Meta:
        abstract = True
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class ProviderResource(CatalogueResource):
    class Meta(CatalogueResource.Meta):
        model = Provider
        fields = ["slug", *PROVIDER_KEYS]


class LicenceResource(CatalogueResource):
    obligations = list_field("obligations")

    class Meta(CatalogueResource.Meta):
        model = Licence
        fields = ["slug", *LICENCE_KEYS]


OPENNESS_COLUMNS = {
    **{f"openness_{field}": field for field, _label in OPENNESS_DIMENSIONS},
    "openness_source_url": "source_url",
    "openness_sources": "sources",
    "openness_as_of": "as_of",
    "openness_notes": "notes",
}


def _openness_field(column: str, attribute: str) -> fields.Field:
    widget: widgets.Widget
    if attribute == "sources":
        widget = ListWidget()
    elif attribute == "as_of":
        widget = widgets.DateWidget()
    else:
        widget = widgets.CharWidget()
    return fields.Field(attribute=f"openness__{attribute}", column_name=column, widget=widget)


class AIModelResource(CatalogueResource):
    """One row per model, its openness assessment in `openness_*` columns."""

    provider = fields.Field(
        attribute="provider", column_name="provider", widget=SlugForeignKeyWidget(Provider)
    )
    licence = fields.Field(
        attribute="licence", column_name="licence", widget=SlugForeignKeyWidget(Licence)
    )
    modalities_input = list_field("modalities_input")
    modalities_output = list_field("modalities_output")
    sources = list_field("sources")
    openness_score = fields.Field(
        attribute="openness__score", column_name="openness_score", readonly=True
    )
    openness_weights = _openness_field("openness_weights", "weights")
    openness_training_code = _openness_field("openness_training_code", "training_code")
    openness_training_data = _openness_field("openness_training_data", "training_data")
    openness_data_documentation = _openness_field(
        "openness_data_documentation", "data_documentation"
    )
    openness_model_card = _openness_field("openness_model_card", "model_card")
    openness_paper = _openness_field("openness_paper", "paper")
    openness_evaluation = _openness_field("openness_evaluation", "evaluation")
    openness_source_url = _openness_field("openness_source_url", "source_url")
    openness_sources = _openness_field("openness_sources", "sources")
    openness_as_of = _openness_field("openness_as_of", "as_of")
    openness_notes = _openness_field("openness_notes", "notes")

    class Meta(CatalogueResource.Meta):
        model = AIModel
        # The launch file's columns, then publication state and openness.
        fields = [
            "slug",
            "provider",
            "licence",
            *MODEL_KEYS,
            "is_published",
            "is_synthetic",
            *OPENNESS_COLUMNS,
            "openness_score",
        ]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return AIModel.objects.select_related("provider", "licence", "openness")

    @staticmethod
    def _row_has_openness(row: dict) -> bool:
        return any(row.get(column) not in (None, "") for column in OPENNESS_COLUMNS)

    def import_instance(self, instance: AIModel, row: dict, **kwargs: Any) -> None:
        openness = getattr(instance, "openness", None)
        if openness is None and self._row_has_openness(row):
            instance.openness = openness = OpennessAssessment()
        if openness is not None:
            openness._stored_values = _openness_values(openness) if openness.pk else None
        super().import_instance(instance, row, **kwargs)

    def import_field(
        self, field: fields.Field, instance: AIModel, row: dict, is_m2m: bool = False, **kwargs: Any
    ):  # type: ignore[no-untyped-def]
        if (
            field.attribute
            and field.attribute.startswith("openness__")
            and getattr(instance, "openness", None) is None
        ):
            return None  # no openness columns in this row and none stored: nothing to set
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(
        self,
        instance: AIModel,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:  # type: ignore[override]
        errors: dict[str, Any] = {}
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        openness = getattr(instance, "openness", None)
        if openness is not None:
            try:
                openness.full_clean(
                    exclude=["model"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                by_attribute = {attribute: column for column, attribute in OPENNESS_COLUMNS.items()}
                for name, messages in error.message_dict.items():
                    errors.setdefault(by_attribute.get(name, f"openness_{name}"), []).extend(
                        messages
                    )
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance: AIModel, row: dict, **kwargs: Any) -> None:
        openness = getattr(instance, "openness", None)
        if openness is None or not self._row_has_openness(row):
            return
        if openness.pk is not None and openness._stored_values == _openness_values(openness):
            return  # no history row for an unchanged assessment
        openness.model = instance
        openness.save()


def _openness_values(openness: OpennessAssessment) -> dict[str, Any]:
    return {attribute: getattr(openness, attribute) for attribute in OPENNESS_COLUMNS.values()}


class OfferResource(CatalogueResource):
    model = fields.Field(
        attribute="model", column_name="model", widget=SlugForeignKeyWidget(AIModel)
    )
    regions = list_field("regions")
    certifications = list_field("certifications")

    class Meta(CatalogueResource.Meta):
        model = Offer
        import_id_fields = ["model", "kind", "host_name"]
        fields = [*import_id_fields, *OFFER_KEYS]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Offer.objects.select_related("model")
