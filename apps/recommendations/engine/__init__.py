"""The decision engine of "Open or Closed": plain Python, no Django.

``recommend(answers, catalogue)`` weighs questionnaire answers
against a catalogue snapshot and returns a `Recommendation`.
`method_rules()` describes every rule for the public method page.
"""

from __future__ import annotations

from .factors import FACTOR_KEYS, FACTORS, FACTORS_BY_KEY, Factor
from .index import PreparedCatalogue
from .method_rules import method_rules
from .questions import (
    IMPORTANCE_KEYS,
    QUESTIONS,
    QUESTIONS_BY_SLUG,
    SECTIONS,
    UNKNOWN_OPTION,
    UNKNOWN_QUESTION,
    UNSURE,
    Option,
    Question,
    Section,
    validate_answers,
)
from .recommend import DEFAULT_SETTINGS, InvalidAnswersError, prepare_catalogue, recommend
from .rules import ENGINE_VERSION
from .types import (
    Answers,
    Assumption,
    CatalogueModel,
    CostComparison,
    CostOption,
    CostPoint,
    EngineSettings,
    ExcludedModel,
    FactorResult,
    Flip,
    GpuPrice,
    LicenceTerms,
    Offer,
    PlanPart,
    Recommendation,
    ShortlistItem,
    ThroughputEvidence,
    WeightOverride,
    check_columns,
    checked_in_bulk,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "ENGINE_VERSION",
    "FACTORS",
    "FACTORS_BY_KEY",
    "FACTOR_KEYS",
    "IMPORTANCE_KEYS",
    "QUESTIONS",
    "QUESTIONS_BY_SLUG",
    "SECTIONS",
    "UNKNOWN_OPTION",
    "UNKNOWN_QUESTION",
    "UNSURE",
    "Answers",
    "Assumption",
    "CatalogueModel",
    "CostComparison",
    "CostOption",
    "CostPoint",
    "EngineSettings",
    "ExcludedModel",
    "Factor",
    "FactorResult",
    "Flip",
    "GpuPrice",
    "InvalidAnswersError",
    "LicenceTerms",
    "Offer",
    "PlanPart",
    "Option",
    "PreparedCatalogue",
    "Question",
    "Recommendation",
    "Section",
    "ShortlistItem",
    "ThroughputEvidence",
    "WeightOverride",
    "check_columns",
    "checked_in_bulk",
    "method_rules",
    "prepare_catalogue",
    "recommend",
    "validate_answers",
]
