"""The one screen a manager can act on, at the top of the result page.

Verdict and route in a sentence, confidence, the top pick with its monthly
cost, the three reasons that weighed most, what would change the answer and
the next steps. Everything here is read from the frozen recommendation; the
full reasoning follows on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.recommendations import engine
from apps.recommendations.presenters import ResultView

REASONS_SHOWN = 3
CHANGES_SHOWN = 3

ROUTE_PHRASES = {
    "vendor_api": "through {provider}'s own API",
    "hosted_api": "through {host}'s hosted API",
    "self_hosted": "on your own GPUs, run by your engineers",
    "supported_self_hosted": "on your own servers with {host}'s support",
}
VERDICT_OPENINGS = {
    "open": "Go open",
    "closed": "Go closed",
    "hybrid": "Use both",
}
FLIP_OUTCOMES = {
    "open": "the verdict would be open.",
    "closed": "the verdict would be closed.",
    "hybrid": "the verdict would be hybrid.",
    "none": "nothing in the catalogue would fit.",
}
ROUTE_CHECKS = {
    "vendor_api": (
        "Confirm with {provider} in writing: data retention, no training on your data, the "
        "regions that process it, and the price at your volume."
    ),
    "hosted_api": (
        "Confirm with {host} in writing: data retention, no training on your data, the "
        "regions that process it, and the price at your volume."
    ),
    "self_hosted": (
        "Check that your team can run GPU servers for {name}: the cost assumes "
        "the GPUs and the share of an engineer's time shown under costs."
    ),
    "supported_self_hosted": (
        "Ask {host} for a quote and its support terms (response times, SLA) for running "
        "{name} on your servers."
    ),
}


@dataclass(frozen=True)
class TopPick:
    slug: str
    name: str
    provider: str
    side: str
    route: str
    route_phrase: str
    monthly_cost_usd: float | None
    cost_basis: str


@dataclass(frozen=True)
class Reason:
    key: str
    label: str
    lean_words: str
    contribution: float
    text: str


@dataclass(frozen=True)
class Summary:
    sentence: str
    confidence: str
    confidence_key: str
    top_pick: TopPick | None
    reasons: tuple[Reason, ...]
    changes: tuple[str, ...]
    """What would change the answer, in words (single answers that flip it,
    or for ``none`` the smallest relaxations)."""
    next_steps: tuple[str, ...] = field(default=())


def _route_phrase(item: engine.ShortlistItem) -> str:
    return ROUTE_PHRASES[item.route].format(
        provider=item.provider, host=item.host_name or item.provider
    )


def top_pick_item(recommendation: engine.Recommendation) -> engine.ShortlistItem | None:
    """The shortlisted entry the summary leads with: the best fit, except in
    a hybrid plan, which names its own first part (the hardest work) and
    leads with it, so the top pick never contradicts the plan's sentence."""
    if not recommendation.shortlist:
        return None
    if recommendation.verdict == "hybrid" and recommendation.plan and not recommendation.close_call:
        first = recommendation.plan[0]
        same_model = [item for item in recommendation.shortlist if item.slug == first.slug]
        for item in same_model:
            if item.route == first.route:
                return item
        if same_model:
            return same_model[0]
    return recommendation.shortlist[0]


def _top_pick(recommendation: engine.Recommendation) -> TopPick | None:
    item = top_pick_item(recommendation)
    if item is None:
        return None
    return TopPick(
        slug=item.slug,
        name=item.name,
        provider=item.provider,
        side=item.side,
        route=item.route,
        route_phrase=_route_phrase(item),
        monthly_cost_usd=item.monthly_cost_usd,
        cost_basis=item.cost_basis,
    )


def _sentence(recommendation: engine.Recommendation, pick: TopPick | None) -> str:
    if recommendation.verdict == "none" or pick is None:
        return (
            "Nothing in the catalogue can be run in a way that meets every requirement you "
            "gave; the smallest changes that would give a shortlist are below."
        )
    if recommendation.close_call:
        return (
            f"A close call between an open and a closed plan; the best fit is {pick.name} "
            f"{pick.route_phrase}."
        )
    if recommendation.verdict == "hybrid" and len(recommendation.plan) >= 2:
        parts = [f"{part.name} {part.route_words} for {part.work}" for part in recommendation.plan]
        return "Use both: " + "; ".join(parts) + "."
    opening = VERDICT_OPENINGS[recommendation.verdict]
    return f"{opening}: {pick.name} {pick.route_phrase}."


# The factor table's last sentence ("It favours open models (+1.00).")
# repeats the lean the summary shows in words.
_LEAN_SENTENCE = re.compile(r"\s*It (?:favours|leans|is)[^.]*\([+-−]?\d+\.\d+\)\.$")


def _short_reason(label: str, explanation: str) -> str:
    text = _LEAN_SENTENCE.sub("", explanation).strip()
    if text.startswith(label + " "):
        text = text[len(label) + 1 :]
    return text


def _reasons(view: ResultView) -> tuple[Reason, ...]:
    weighed = [row for row in view.factors if row.weight and abs(row.contribution) >= 0.005]
    return tuple(
        Reason(
            key=row.key,
            label=row.label,
            lean_words=row.lean_words,
            contribution=row.contribution,
            text=_short_reason(row.label, row.explanation),
        )
        for row in weighed[:REASONS_SHOWN]
    )


def _changes(view: ResultView) -> tuple[str, ...]:
    recommendation = view.recommendation
    if recommendation.verdict == "none":
        return tuple(
            f"{relaxation.eligible:,} way{'s' if relaxation.eligible != 1 else ''} to run a "
            f"model would fit if you changed: "
            + " and ".join(_change_words(change) for change in relaxation.changes)
            for relaxation in recommendation.relaxations[:CHANGES_SHOWN]
        )
    return tuple(
        f"If “{flip.question}” were {flip.to_label} (not {flip.from_label}): "
        + FLIP_OUTCOMES[flip.new_verdict]
        for flip in view.flips[:CHANGES_SHOWN]
    )


def _change_words(change: tuple[str, str, str]) -> str:
    from apps.recommendations.presenters import option_label, question_text

    slug, before, after = change
    return (
        f"“{question_text(slug)}” from {option_label(slug, before)} to {option_label(slug, after)}"
    )


def _next_steps(
    recommendation: engine.Recommendation, view: ResultView, licence_duties: tuple[str, ...]
) -> tuple[str, ...]:
    steps: list[str] = []
    if recommendation.verdict == "none":
        steps.append("Decide with your team which requirement you can relax, then re-run.")
    top = top_pick_item(recommendation)
    for item in [top] if top is not None else []:
        steps.append(
            ROUTE_CHECKS[item.route].format(
                provider=item.provider, host=item.host_name or item.provider, name=item.name
            )
        )
    steps.extend(licence_duties)
    if view.assumptions:
        questions = ", ".join(f"“{question}”" for question, _ in view.assumptions[:3])
        more = len(view.assumptions) - 3
        steps.append(
            f"Find out the answers you did not know ({questions}"
            + (f" and {more} more" if more > 0 else "")
            + "): they are assumptions here."
        )
    if recommendation.confidence == "low":
        steps.append(
            "Confidence is low: test the top two picks on your own tasks before you commit."
        )
    return tuple(steps)


def summarise(view: ResultView, *, licence_duties: tuple[str, ...] = ()) -> Summary:
    """The one-screen summary of a presented recommendation.

    `licence_duties` are the licence checklist's duties for the top pick, in
    words, listed among the next steps."""
    recommendation = view.recommendation
    pick = _top_pick(recommendation)
    return Summary(
        sentence=_sentence(recommendation, pick),
        confidence=view.confidence,
        confidence_key=recommendation.confidence,
        top_pick=pick,
        reasons=_reasons(view),
        changes=_changes(view),
        next_steps=_next_steps(recommendation, view, licence_duties),
    )
