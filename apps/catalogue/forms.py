from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from apps.catalogue.models import Access, LicenceKind, Modality, ProblemReport
from apps.catalogue.selectors import Sort, providers_with_published_models


def _any(label: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", label), *choices]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters. Always bound to request.GET; every field is optional,
    and a field that does not validate is ignored (the view says so)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, family or provider",
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    sort = forms.ChoiceField(label="Sort by", choices=Sort.CHOICES, required=False)
    access = forms.ChoiceField(
        label="Access", choices=_any("Any access", Access.choices), required=False
    )
    licence_kind = forms.ChoiceField(
        label="Licence kind", choices=_any("Any licence", LicenceKind.choices), required=False
    )
    provider = forms.ModelChoiceField(
        label="Provider",
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label="Any provider",
    )
    modality = forms.ChoiceField(
        label="Modality",
        choices=_any("Any modality", Modality.choices),
        required=False,
        help_text="Accepted or produced",
    )
    self_hostable = forms.BooleanField(label="Self-hostable (downloadable weights)", required=False)
    commercial_use = forms.BooleanField(label="Licence allows commercial use", required=False)
    include_retired = forms.BooleanField(
        label="Include retired models",
        required=False,
        help_text="Shut down by their provider; kept here for the record",
    )
    max_price = forms.DecimalField(
        label="Maximum output price",
        required=False,
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=4,
        help_text="USD per 1M output tokens, cheapest offer",
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers_with_published_models()

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `catalogue_models`, leaving out fields that did not validate."""
        self.is_valid()
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            # `is`, not `in`: a maximum price of 0 is a filter, though 0 == False.
            if value is not None and value is not False and value != ""
        }
        values.setdefault("sort", Sort.NAME)
        return values

    def ignored(self) -> list[str]:
        """One sentence per filter that was ignored because its value was not valid."""
        return [
            f"We ignored “{self.fields[name].label}”: {' '.join(errors)}"
            for name, errors in self.errors.items()
        ]


class ProblemReportForm(forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["what_is_wrong", "source_url", "email"]
        labels = {
            "what_is_wrong": "What is wrong?",
            "source_url": "Where can we check the correct fact?",
            "email": "Your email address (optional)",
        }
        help_texts = {
            "what_is_wrong": (
                "For example: “The output price on Example Cloud is now $0.60 per 1M tokens.”"
            ),
            "source_url": (
                "A link to the provider's page or another source that shows it, starting with https://"
            ),
            "email": (
                "Only if you are happy for a curator to ask you a question about it. "
                "We never publish it."
            ),
        }
        error_messages = {
            "what_is_wrong": {
                "required": "Enter what is wrong with this entry",
                "max_length": "What is wrong must be 2,000 characters or fewer",
            },
            "source_url": {
                "required": "Enter a link to the source that shows the correct fact",
                "invalid": "Enter a link in the correct format, like https://example.com/pricing",
            },
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 4}),
            "source_url": forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }
