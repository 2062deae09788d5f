"""What a question of the questionnaire is: its kind, options (with hints
and "I don't know"), the section it belongs to, and when it is asked.

Plain Python, no Django; `definitions.py` holds the questionnaire itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from apps.recommendations.engine.questions import ASKED_ONLY_IF

type QuestionKind = Literal["choice", "importance"]

UNSURE = "unsure"
UNSURE_LABEL = "I don't know"
UNSURE_HINT = "We'll treat this as neutral and list it as an assumption you can check."
UNSURE_HINT_FIGURE = "We'll use a typical figure and list it as an assumption you can check."


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    slug: str
    kind: QuestionKind
    text: str
    """The question as the fieldset's legend: plain language, ends with "?"."""
    help: str
    """Why the question matters: the trade-off its answer feeds."""
    error: str
    """Shown when the question is left unanswered (GOV.UK style: "Select …")."""
    options: tuple[Option, ...]
    asked_if: tuple[str, str] | None = None
    """(question slug, option key): asked only after that answer; see
    `is_asked`. Taken from the engine, which ignores the answer otherwise."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    @property
    def allows_unsure(self) -> bool:
        return UNSURE in self.keys

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True, slots=True)
class Section:
    slug: str
    number: int
    title: str
    intro: str
    questions: tuple[Question, ...]

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(question.slug for question in self.questions)


def unsure_option(hint: str = UNSURE_HINT) -> Option:
    return Option(UNSURE, UNSURE_LABEL, hint)


def choice_question(
    slug: str,
    *,
    text: str,
    help: str,
    error: str,
    options: tuple[Option, ...],
    unsure: Option | None = None,
) -> Question:
    """A single-choice question; ``unsure`` (if given) is offered last."""
    return Question(
        slug=slug,
        kind="choice",
        text=text,
        help=help,
        error=error,
        options=options + ((unsure,) if unsure else ()),
        asked_if=ASKED_ONLY_IF.get(slug),
    )


IMPORTANCE_OPTIONS: tuple[Option, ...] = (
    Option("none", "Not important"),
    Option("low", "Nice to have"),
    Option("high", "Important"),
    Option(
        "critical", "Critical — a must-have", "We treat it as one of your firmest requirements."
    ),
)


def importance_question(slug: str, *, text: str, help: str, error: str) -> Question:
    """How much one factor matters: none · low · high · critical, or unsure."""
    return Question(
        slug=slug,
        kind="importance",
        text=text,
        help=help,
        error=error,
        options=(*IMPORTANCE_OPTIONS, unsure_option()),
    )


def is_asked(question: Question, answers: Mapping[str, str]) -> bool:
    """Whether the answers so far ask this question (data_region only when
    data must stay in one jurisdiction)."""
    condition = question.asked_if
    return condition is None or answers.get(condition[0]) == condition[1]
