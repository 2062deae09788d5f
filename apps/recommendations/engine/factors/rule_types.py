"""The shapes of the rules a factor module declares (see `factors/`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from ..types import Side

Favours = Literal["open", "closed", "depends"]


@dataclass(frozen=True, slots=True)
class Factor:
    """One decision factor: a trade-off of the source article."""

    key: str
    label: str
    favours: Favours
    meaning: str
    article_section: str
    lean_from_catalogue: bool = False
    """Cost and capability: the catalogue decides the lean, answers only
    how much the factor counts."""


@dataclass(frozen=True, slots=True)
class Pull:
    """One answer's pull on the factor of the module that declares it:
    weight 0–3, lean -1 (closed) … +1 (open), or None for a factor whose
    lean comes from the catalogue. ``reason`` completes the sentence "this
    factor counts because …"."""

    weight: int
    lean: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A `Pull` with the factor it pulls on, as the engine reads it."""

    factor: str
    weight: int
    lean: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class ImportanceRule:
    """An importance question sets one factor's weight (none 0 … critical 3)."""

    question: str
    factor: str
    lean: float | None
    topic: str


@dataclass(frozen=True, slots=True)
class MustHave:
    """A must-have pulls the verdict to one side: while a must-have of one
    side is active, the verdict cannot be the other side (at most hybrid).

    ``when`` lists answers that must all be given. ``factor`` marks a
    must-have that comes from a ``critical`` importance: it lapses if that
    factor's weight is lowered below 3 on the result page. ``side`` is None
    when the catalogue decides the side (capability)."""

    key: str
    when: tuple[tuple[str, str], ...]
    side: Side | None
    factor: str | None
    text: str


@dataclass(frozen=True, slots=True)
class HardConstraint:
    """Removes models or routes; active when ``question`` has one of
    ``options`` (always when None). `constraints.py` applies it."""

    key: str
    question: str | None
    options: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class FactorRules:
    """Everything that decides one factor, declared in its own module."""

    factor: Factor
    rationale: str
    """Why the factor's rules are what they are (the method page)."""
    pulls: Mapping[str, Mapping[str, Pull]] = field(default_factory=lambda: MappingProxyType({}))
    """Question slug → option key → the answer's pull on this factor."""
    importance: ImportanceRule | None = None
    must_haves: tuple[MustHave, ...] = ()
    constraints: tuple[HardConstraint, ...] = ()
    route_rules: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Fit rules that remove (model, route) pairs, key → the rule in words."""
