"""List fields stored as PostgreSQL jsonb arrays, with admin widgets a curator can use.

jsonb rather than ArrayField: ArrayField needs `django.contrib.postgres` in
INSTALLED_APPS, while jsonb arrays give the same `@>` containment filter and
GIN index with nothing extra installed.

`ChoiceListField` renders as a row of checkboxes (modalities, certifications);
`LinesListField` as a textarea with one item per line (sources, regions,
obligations), so items may contain commas.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class JsonGinIndex(models.Index):
    """A GIN index (jsonb_ops), so `field__contains=[value]` filters use it."""

    suffix = "gin"

    def create_sql(self, model, schema_editor, using="", **kwargs):  # type: ignore[no-untyped-def]
        return super().create_sql(model, schema_editor, using=" USING gin", **kwargs)


def _validate_list_of_strings(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("Enter a list of text values.", code="invalid_list")


class ChoiceListField(models.JSONField):
    """A list of choice keys, e.g. ["text", "image"]."""

    def __init__(
        self, *args: Any, item_choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        self.item_choices = list(item_choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        _validate_list_of_strings(value)
        if self.item_choices:
            allowed_values = [key for key, _label in self.item_choices]
            unknown = sorted(set(value) - set(allowed_values))
            if unknown:
                allowed = ", ".join(allowed_values)
                raise ValidationError(
                    f"Unknown value(s): {', '.join(unknown)}. Allowed: {allowed}.",
                    code="invalid_choice",
                )

    def formfield(self, **kwargs: Any) -> forms.Field:
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force a JSON text box; skip it.
        return super(models.JSONField, self).formfield(**defaults)


class LinesFormField(forms.Field):
    """One item per line; blank lines are ignored."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, item_field: forms.Field | None = None, **kwargs: Any) -> None:
        self.item_field = item_field or forms.CharField()
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if value in self.empty_values:
            return []
        lines = value if isinstance(value, list) else str(value).splitlines()
        items = [line.strip() for line in lines if str(line).strip()]
        errors = []
        cleaned = []
        for number, item in enumerate(items, start=1):
            try:
                cleaned.append(self.item_field.clean(item))
            except ValidationError as error:
                errors.append(
                    ValidationError(f"Line {number} ({item}): {' '.join(error.messages)}")
                )
        if errors:
            raise ValidationError(errors)
        return cleaned

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class LinesListField(models.JSONField):
    """A list of strings (or URLs, with `urls=True`)."""

    def __init__(self, *args: Any, urls: bool = False, **kwargs: Any) -> None:
        self.urls = urls
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        if self.urls:
            kwargs["urls"] = True
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        _validate_list_of_strings(value)
        if self.urls:
            url_field = forms.URLField()
            for item in value:
                try:
                    url_field.clean(item)
                except ValidationError as error:
                    raise ValidationError(
                        f"{item}: {' '.join(error.messages)}", code="invalid_url"
                    ) from error

    def formfield(self, **kwargs: Any) -> forms.Field:
        item_field = forms.URLField() if self.urls else forms.CharField()
        defaults = {
            "form_class": LinesFormField,
            "item_field": item_field,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        return super(models.JSONField, self).formfield(**defaults)
