"""What a question of the questionnaire is: its kind, its options (with
hints and "I don't know"), its section, when it is asked and what an
unknown answer is taken to mean.

Plain Python, no Django: `questions.py` holds the questionnaire itself, and
the questionnaire app's forms, views and templates read these very objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

type QuestionKind = Literal["choice", "importance"]

UNSURE = "unsure"
UNSURE_LABEL = "I don't know"
UNSURE_HINT = "We'll treat this as neutral and list it as an assumption you can check."
UNSURE_HINT_FIGURE = "We'll use a typical figure and list it as an assumption you can check."

IMPORTANCE_KEYS: tuple[str, ...] = ("none", "low", "high", "critical")

UNKNOWN_QUESTION = "This is not a question of the questionnaire."
UNKNOWN_OPTION = "This is not one of the options of this question."


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    """Stored in the database and used as the form value: never changes
    without a migration of stored answers."""
    label: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    slug: str
    """Stored in the database and used as the form field's name."""
    section: int
    kind: QuestionKind
    text: str
    """The question as the fieldset's legend: plain language, ends with "?"."""
    help: str
    """Why the question matters: the trade-off its answer feeds."""
    error: str
    """Shown when the question is left unanswered (GOV.UK style: "Select …")."""
    options: tuple[Option, ...]
    """Every option in order, ending with ``unsure`` where it is offered."""
    unknown_means: str
    """What the engine takes an ``unsure`` (or missing) answer to mean, listed
    among the result's assumptions and on the method page."""
    asked_if: tuple[str, str] | None = None
    """(question slug, option key): asked only after that answer; otherwise
    the engine counts it as ``unsure`` (see `is_asked`)."""

    keys: tuple[str, ...] = field(init=False)
    """Every accepted key, in order, ending with ``unsure`` where allowed."""
    option_keys: tuple[str, ...] = field(init=False)
    """The keys of the real options, in order, without ``unsure``."""
    allows_unsure: bool = field(init=False)
    importance: bool = field(init=False)
    """An importance question: none · low · high · critical (weights 0–3)."""

    def __post_init__(self) -> None:
        keys = tuple(option.key for option in self.options)
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.slug}: an option key is given twice")
        if UNSURE in keys[:-1]:
            raise ValueError(f"{self.slug}: 'I don't know' must be the last option")
        # Frozen: the derived fields are worked out once, here.
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "option_keys", tuple(key for key in keys if key != UNSURE))
        object.__setattr__(self, "allows_unsure", UNSURE in keys)
        object.__setattr__(self, "importance", self.kind == "importance")

    @property
    def neutral_key(self) -> str:
        """What a missing answer counts as: ``unsure``, or ``no`` for licences."""
        return UNSURE if self.allows_unsure else "no"

    @property
    def factors(self) -> tuple[str, ...]:
        """The keys of the factors an answer to this question can feed, in
        the order of the factors (from the factor modules, which are the one
        place that says so)."""
        from .factors import FACTORS_BY_QUESTION

        return FACTORS_BY_QUESTION[self.slug]

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
    section: int,
    text: str,
    help: str,
    error: str,
    options: tuple[Option, ...],
    unknown_means: str,
    unsure: Option | None = None,
    asked_if: tuple[str, str] | None = None,
) -> Question:
    """A single-choice question; ``unsure`` (if given) is offered last."""
    return Question(
        slug=slug,
        section=section,
        kind="choice",
        text=text,
        help=help,
        error=error,
        options=options + ((unsure,) if unsure else ()),
        unknown_means=unknown_means,
        asked_if=asked_if,
    )


IMPORTANCE_OPTIONS: tuple[Option, ...] = (
    Option("none", "Not important"),
    Option("low", "Nice to have"),
    Option("high", "Important"),
    Option(
        "critical", "Critical — a must-have", "We treat it as one of your firmest requirements."
    ),
)


def importance_question(
    slug: str, *, section: int, text: str, help: str, error: str, unknown_means: str
) -> Question:
    """How much one factor matters: none · low · high · critical, or unsure."""
    return Question(
        slug=slug,
        section=section,
        kind="importance",
        text=text,
        help=help,
        error=error,
        options=(*IMPORTANCE_OPTIONS, unsure_option()),
        unknown_means=unknown_means,
    )


def is_asked_after(asked_if: tuple[str, str] | None, answers: Mapping[str, object]) -> bool:
    return asked_if is None or answers.get(asked_if[0]) == asked_if[1]
