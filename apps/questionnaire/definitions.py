"""The questionnaire, as the questionnaire app sees it.

The sections, questions, options, help texts and hints are defined once, in
the decision engine (apps/recommendations/engine/questionnaire.py), beside
the rules that read the answers; this module only re-exports those very
objects so forms, views, templates and tests keep one import path. Plain
Python, no Django.
"""

from __future__ import annotations

from apps.recommendations.engine.questions import (
    IMPORTANCE_OPTIONS,
    QUESTIONS,
    QUESTIONS_BY_SLUG,
    SECTION_COUNT,
    SECTION_OF_QUESTION,
    SECTIONS,
    SECTIONS_BY_NUMBER,
    UNSURE,
    UNSURE_HINT,
    UNSURE_HINT_FIGURE,
    UNSURE_LABEL,
    Option,
    Question,
    QuestionKind,
    Section,
    get_section,
    is_asked,
)

__all__ = [
    "IMPORTANCE_OPTIONS",
    "QUESTIONS",
    "QUESTIONS_BY_SLUG",
    "SECTIONS",
    "SECTIONS_BY_NUMBER",
    "SECTION_COUNT",
    "SECTION_OF_QUESTION",
    "UNSURE",
    "UNSURE_HINT",
    "UNSURE_HINT_FIGURE",
    "UNSURE_LABEL",
    "Option",
    "Question",
    "QuestionKind",
    "Section",
    "get_section",
    "is_asked",
]
