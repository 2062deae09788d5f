"""One form class for every questionnaire page, built from definitions.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms

from apps.questionnaire.definitions import Question, QuestionKind, Section, is_asked

ERROR_UNKNOWN_OPTION = "Select one of the answers listed"


class HintedRadioSelect(forms.RadioSelect):
    """Radios whose options may carry a hint, linked with aria-describedby.

    The page template renders each option itself (to place the hint under the
    label); this widget only adds ``hint`` to each option and the
    ``aria-describedby`` attribute to the input Django renders.
    """

    def __init__(self, *, hints: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hints = dict(hints)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(value, "")
        if option["hint"] and option["attrs"].get("id"):
            option["hint_id"] = f"{option['attrs']['id']}-hint"
            option["attrs"]["aria-describedby"] = option["hint_id"]
        return option


def _radio_field(question: Question) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=question.text,
        choices=[(option.key, option.label) for option in question.options],
        widget=HintedRadioSelect(hints={option.key: option.hint for option in question.options}),
        error_messages={"required": question.error, "invalid_choice": ERROR_UNKNOWN_OPTION},
    )


# Both kinds are one choice among radios today; a new kind (say, a number)
# gets its own builder here rather than an if/elif in the form.
FIELD_BUILDERS: Mapping[QuestionKind, Callable[[Question], forms.Field]] = {
    "choice": _radio_field,
    "importance": _radio_field,
}


class SectionForm(forms.Form):
    """The questions of one section, one field per question named by its slug.

    Fields that are not questions of this section are ignored: the view never
    sees them and nothing else is saved.
    """

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        section: Section,
        answers: Mapping[str, str] | None = None,
    ) -> None:
        answers = answers or {}
        initial = {
            question.slug: answers[question.slug]
            for question in section.questions
            if question.option(answers.get(question.slug, "")) is not None
        }
        # Radio ids are "<slug>_<index>": the error summary links to "<slug>_0".
        super().__init__(data, initial=initial, auto_id="%s")
        self.section = section
        for question in section.questions:
            self.fields[question.slug] = FIELD_BUILDERS[question.kind](question)
            if question.asked_if is not None:
                # Required only when asked: see clean().
                self.fields[question.slug].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for question in self.section.questions:
            if question.asked_if is None:
                continue
            if not is_asked(question, cleaned):
                cleaned.pop(question.slug, None)  # not asked: never saved
            elif not cleaned.get(question.slug) and question.slug not in self.errors:
                self.add_error(question.slug, question.error)
        return cleaned

    @property
    def questions(self) -> list[tuple[Question, forms.BoundField]]:
        """Each question with its bound field, in page order, for the template."""
        return [(question, self[question.slug]) for question in self.section.questions]

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """``(first radio id, message)`` per question in error, in page order."""
        return [
            (f"{question.slug}_0", str(self.errors[question.slug][0]))
            for question in self.section.questions
            if question.slug in self.errors
        ]
