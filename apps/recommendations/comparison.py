"""What differs between two recommendations, and between two people's answers.

`recheck` compares a frozen result with today's recalculation and sorts what
changed by its cause: the catalogue (a model retired or gone, a price that
moved, a model that is new) or the method (a new engine version).
`answer_rows` lines two people's answers up question by question."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from apps.questionnaire.definitions import SECTIONS, Question, is_asked
from apps.recommendations import engine
from apps.recommendations.engine.formatting import format_usd
from apps.recommendations.presenters import option_label

# A monthly cost that moved by less than this share is "the same price".
REPRICE_SHARE = 0.01


@dataclass(frozen=True)
class CatalogueChange:
    kind: str
    """``retired``, ``gone``, ``repriced``, ``new_model`` or ``now_shortlisted``."""
    slug: str
    text: str


@dataclass(frozen=True)
class FactorMove:
    key: str
    label: str
    before: float
    after: float


@dataclass(frozen=True)
class Recheck:
    verdict_before: str
    verdict_after: str
    score_before: float
    score_after: float
    engine_before: str
    engine_after: str
    catalogue_changes: tuple[CatalogueChange, ...]
    removed: tuple[str, ...]
    """Names of models on the frozen shortlist and not on today's."""
    added: tuple[str, ...]
    factor_moves: tuple[FactorMove, ...]
    """Factors whose contribution moved most, largest first (at most three)."""

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after

    @property
    def method_changed(self) -> bool:
        return self.engine_before != self.engine_after

    @property
    def any(self) -> bool:
        return (
            self.verdict_changed
            or self.method_changed
            or bool(self.catalogue_changes or self.added or self.removed)
            or abs(self.score_after - self.score_before) >= 0.005
        )

    @property
    def causes(self) -> tuple[str, ...]:
        """Why the result moved, in words: catalogue, method, both or neither."""
        causes = []
        if self.catalogue_changes:
            causes.append("catalogue")
        if self.method_changed:
            causes.append("method")
        return tuple(causes)


def recheck(
    before: engine.Recommendation,
    after: engine.Recommendation,
    *,
    frozen_at: datetime,
    today_models: Mapping[str, engine.CatalogueModel],
    added_since: Collection[str] = (),
) -> Recheck:
    """Sort what changed between the frozen result and today's by its cause.

    `today_models` is today's catalogue by slug; `added_since` the slugs of
    models added to the catalogue after the result was frozen."""
    changes: list[CatalogueChange] = []
    after_items = {(item.slug, item.route): item for item in after.shortlist}
    for item in before.shortlist:
        model = today_models.get(item.slug)
        if model is None:
            changes.append(
                CatalogueChange("gone", item.slug, f"{item.name} is no longer in the catalogue.")
            )
            continue
        if model.status == "retired":
            changes.append(CatalogueChange("retired", item.slug, f"{item.name} has been retired."))
            continue
        today = after_items.get((item.slug, item.route))
        if (
            today is not None
            and item.monthly_cost_usd is not None
            and today.monthly_cost_usd is not None
            and abs(today.monthly_cost_usd - item.monthly_cost_usd)
            > REPRICE_SHARE * max(item.monthly_cost_usd, 1.0)
        ):
            changes.append(
                CatalogueChange(
                    "repriced",
                    item.slug,
                    f"{item.name} costs about {format_usd(today.monthly_cost_usd)} a month "
                    f"at your volume, against {format_usd(item.monthly_cost_usd)} then.",
                )
            )
    before_slugs = {item.slug for item in before.shortlist}
    for item in after.shortlist:
        if item.slug in before_slugs:
            continue
        if item.slug in added_since:
            changes.append(
                CatalogueChange("new_model", item.slug, f"{item.name} is new in the catalogue.")
            )
    before_names = {item.slug: item.name for item in before.shortlist}
    after_names = {item.slug: item.name for item in after.shortlist}
    before_factors = {factor.key: factor.contribution for factor in before.factors}
    moves = [
        FactorMove(
            key=factor.key,
            label=engine.FACTORS_BY_KEY[factor.key].label,
            before=before_factors.get(factor.key, 0.0),
            after=factor.contribution,
        )
        for factor in after.factors
        if abs(factor.contribution - before_factors.get(factor.key, 0.0)) >= 0.005
    ]
    moves.sort(key=lambda move: -abs(move.after - move.before))
    return Recheck(
        verdict_before=before.verdict,
        verdict_after=after.verdict,
        score_before=before.score,
        score_after=after.score,
        engine_before=before.engine_version,
        engine_after=after.engine_version,
        catalogue_changes=tuple(changes),
        removed=tuple(name for slug, name in before_names.items() if slug not in after_names),
        added=tuple(name for slug, name in after_names.items() if slug not in before_names),
        factor_moves=tuple(moves[:3]),
    )


@dataclass(frozen=True)
class AnswerRow:
    slug: str
    question: str
    section: int
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


def answer_rows(mine: Mapping[str, str], theirs: Mapping[str, str]) -> list[AnswerRow]:
    """Two people's answers, question by question in questionnaire order.

    A question asked of only one of them (it depends on another answer)
    reads "not asked" for the other."""
    rows = []
    for section in SECTIONS:
        for question in section.questions:
            if not (is_asked(question, mine) or is_asked(question, theirs)):
                continue
            rows.append(
                AnswerRow(
                    slug=question.slug,
                    question=question.text,
                    section=section.number,
                    mine=_answer_words(question, mine),
                    theirs=_answer_words(question, theirs),
                )
            )
    return rows


NOT_ASKED = "not asked"
NOT_ANSWERED = "not answered"


def _answer_words(question: Question, answers: Mapping[str, str]) -> str:
    if not is_asked(question, answers):
        return NOT_ASKED
    key = answers.get(question.slug)
    return option_label(question.slug, key) if key else NOT_ANSWERED
