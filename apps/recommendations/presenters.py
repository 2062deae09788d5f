"""A Recommendation, in words and shapes a person reads on the result page."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.questionnaire.definitions import QUESTIONS_BY_SLUG, UNSURE, UNSURE_LABEL
from apps.recommendations import engine
from apps.recommendations.charts import CostChart, FactorChart, cost_chart, factor_chart

VERDICT_HEADLINES = {
    "open": "Go with open-source models",
    "closed": "Go with closed-source models",
    "hybrid": "Use a hybrid: open and closed models side by side",
    "none": "Nothing in the catalogue fits all of your needs",
}
VERDICT_SENTENCES = {
    "open": (
        "Your answers favour models whose weights you can download, inspect, run and adapt "
        "yourself."
    ),
    "closed": "Your answers favour models offered as a managed service by their vendor.",
    "hybrid": (
        "Your needs pull in both directions: use open models where you need control or "
        "customisation, and closed ones where you need specialised features and support — "
        "or buy an open model with a vendor's support contract."
    ),
    "none": (
        "No model in our catalogue can be run in a way that meets every requirement you "
        "gave. Below: what removed each model and route, and the smallest changes to your "
        "answers that would give a shortlist."
    ),
}
CLOSE_CALL_HEADLINE = "A close call: an open and a closed plan fit about equally"
CLOSE_CALL_SENTENCE = (
    "Nothing in your answers pulls clearly one way, so we do not invent a split. Here are "
    "the best plan on each side; the answers listed under “what would change this” decide "
    "between them."
)
ROUTE_LABELS = {
    "vendor_api": "Vendor API",
    "hosted_api": "Hosted API",
    "self_hosted": "Self-hosted",
    "supported_self_hosted": "Self-hosted with vendor support",
}
CONFIDENCE_WORDS = {
    "low": "Low confidence",
    "medium": "Medium confidence",
    "high": "High confidence",
}
WEIGHT_LABELS = ("0 — ignore", "1 — a little", "2 — important", "3 — must-have")


def question_text(slug: str) -> str:
    question = QUESTIONS_BY_SLUG.get(slug)
    return question.text if question else slug


def option_label(slug: str, key: str) -> str:
    if key == UNSURE:
        return UNSURE_LABEL
    question = QUESTIONS_BY_SLUG.get(slug)
    option = question.option(key) if question else None
    return option.label if option else key


def lean_words(lean: float) -> str:
    if lean >= 0.5:
        return "favours open"
    if lean > 0.05:
        return "leans open"
    if lean <= -0.5:
        return "favours closed"
    if lean < -0.05:
        return "leans closed"
    return "neutral"


@dataclass
class FactorRow:
    key: str
    label: str
    weight: int
    lean: float
    contribution: float
    explanation: str
    lean_words: str
    fed_by: list[str]
    answer_weight: int | None = None


@dataclass
class FlipNote:
    question: str
    slug: str
    from_label: str
    to_label: str
    new_verdict: str
    new_score: float


@dataclass
class ResultView:
    recommendation: engine.Recommendation
    headline: str
    sentence: str
    confidence: str
    factors: list[FactorRow]
    chart: FactorChart
    costs: CostChart | None
    flips: list[FlipNote]
    assumptions: list[tuple[str, str]]
    obligations: list[tuple[str, list[str]]]
    answers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def score_text(self) -> str:
        return f"{self.recommendation.score:+.2f}"


def present(
    recommendation: engine.Recommendation, answers: dict[str, str] | None = None
) -> ResultView:
    overrides = {o.factor: o for o in recommendation.weight_overrides}
    rows = [
        FactorRow(
            key=f.key,
            label=engine.FACTORS_BY_KEY[f.key].label,
            weight=f.weight,
            lean=f.lean,
            contribution=f.contribution,
            explanation=f.explanation,
            lean_words=lean_words(f.lean),
            fed_by=[question_text(slug) for slug in f.fed_by],
            answer_weight=overrides[f.key].answer_weight if f.key in overrides else None,
        )
        for f in recommendation.factors
    ]
    rows.sort(key=lambda row: (-abs(row.contribution), -row.weight, row.key))
    costs = recommendation.costs
    chart = cost_chart(
        [
            (p.monthly_tokens, p.api_cost_usd, p.self_hosted_cost_usd, p.same_model_api_cost_usd)
            for p in costs.curve
        ],
        break_even_tokens=costs.break_even_tokens,
        volume_tokens=costs.monthly_tokens,
        same_break_even_tokens=costs.same_model_break_even_tokens,
    )
    flips = [
        FlipNote(
            question=question_text(flip.question),
            slug=flip.question,
            from_label=option_label(flip.question, flip.from_key),
            to_label=option_label(flip.question, flip.to_key),
            new_verdict=flip.new_verdict,
            new_score=flip.new_score,
        )
        for flip in recommendation.sensitivity
    ]
    return ResultView(
        recommendation=recommendation,
        headline=CLOSE_CALL_HEADLINE
        if recommendation.close_call
        else VERDICT_HEADLINES[recommendation.verdict],
        sentence=CLOSE_CALL_SENTENCE
        if recommendation.close_call
        else VERDICT_SENTENCES[recommendation.verdict],
        confidence=CONFIDENCE_WORDS[recommendation.confidence],
        factors=rows,
        chart=factor_chart([(row.key, row.label, row.contribution) for row in rows]),
        costs=chart,
        flips=flips,
        assumptions=[(question_text(a.question), a.text) for a in recommendation.assumptions],
        obligations=[
            (item.name, list(item.obligations))
            for item in recommendation.shortlist
            if item.obligations
        ],
        answers=[
            (question_text(slug), option_label(slug, key)) for slug, key in (answers or {}).items()
        ],
    )
