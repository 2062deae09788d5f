"""What differs between two recommendations: the frozen one and today's."""

from __future__ import annotations

from dataclasses import dataclass

from apps.recommendations import engine


@dataclass(frozen=True)
class Changes:
    verdict_changed: bool
    score_change: float
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def any(self) -> bool:
        return (
            self.verdict_changed
            or bool(self.added or self.removed)
            or abs(self.score_change) >= 0.005
        )


def shortlist_changes(before: engine.Recommendation, after: engine.Recommendation) -> Changes:
    before_names = {item.slug: item.name for item in before.shortlist}
    after_names = {item.slug: item.name for item in after.shortlist}
    return Changes(
        verdict_changed=before.verdict != after.verdict,
        score_change=after.score - before.score,
        added=tuple(after_names[slug] for slug in after_names if slug not in before_names),
        removed=tuple(before_names[slug] for slug in before_names if slug not in after_names),
    )


@dataclass(frozen=True)
class FactorPair:
    label: str
    mine: float
    theirs: float


def factor_pairs(mine: engine.Recommendation, theirs: engine.Recommendation) -> list[FactorPair]:
    theirs_by_key = {factor.key: factor.contribution for factor in theirs.factors}
    return [
        FactorPair(
            label=engine.FACTORS_BY_KEY[factor.key].label,
            mine=factor.contribution,
            theirs=theirs_by_key.get(factor.key, 0.0),
        )
        for factor in mine.factors
    ]
