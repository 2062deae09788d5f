from __future__ import annotations

from django import forms

from apps.questionnaire.definitions import QUESTIONS, get_section
from apps.questionnaire.forms import ERROR_UNKNOWN_OPTION, FIELD_BUILDERS, SectionForm


def test_every_question_kind_has_a_field_builder():
    assert {question.kind for question in QUESTIONS} <= FIELD_BUILDERS.keys()


def test_the_form_has_one_radio_field_per_question_named_by_its_slug():
    section = get_section(5)
    form = SectionForm(section=section)

    assert list(form.fields) == list(section.slugs)
    for question in section.questions:
        field = form.fields[question.slug]
        assert isinstance(field, forms.ChoiceField)
        assert isinstance(field.widget, forms.RadioSelect)
        assert [key for key, _ in field.choices] == list(question.keys)
        assert field.required


def test_saved_answers_become_initial_values_and_stale_keys_are_dropped():
    form = SectionForm(
        section=get_section(1),
        answers={"use_case": "code", "organisation": "retired-key", "budget": "small"},
    )

    assert form.initial == {"use_case": "code"}


def test_a_tampered_value_is_an_error_with_a_plain_message():
    form = SectionForm(
        {"use_case": "code", "organisation": "sme", "monthly_volume": "<script>"},
        section=get_section(1),
    )

    assert not form.is_valid()
    assert form.errors["monthly_volume"] == [ERROR_UNKNOWN_OPTION]
    assert form.error_summary == [("monthly_volume_0", ERROR_UNKNOWN_OPTION)]


def test_fields_from_other_pages_are_not_part_of_the_cleaned_data():
    form = SectionForm(
        {"budget": "small", "cost_model": "fixed", "use_case": "code", "x": "y"},
        section=get_section(3),
    )

    assert form.is_valid()
    assert form.cleaned_data == {"budget": "small", "cost_model": "fixed"}
