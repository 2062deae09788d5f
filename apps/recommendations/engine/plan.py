"""Hybrid as a plan: which part of the work goes to which model
and route, derived from the answers that pull each way; a near-zero score
with nothing pulling one way is a close call between two single-side plans.
"""

from __future__ import annotations

from collections.abc import Mapping

from .eligibility import Assessment
from .rules import ROUTE_WORDS
from .scoring import Decision, contribution_of
from .shortlist import Ranking
from .types import PlanPart, Route, Side

# The part of the work a factor (or must-have) pulling one way argues for.
WORK: Mapping[tuple[str, Side], str] = {
    ("data_control", "open"): "the work on data that must stay under your control",
    ("transparency", "open"): "the work that must be open to inspection and audit",
    ("customisation", "open"): "the tasks you fine-tune or adapt",
    ("independence", "open"): "the core workloads you do not want tied to one vendor",
    ("community", "open"): "experiments and prototypes with community models",
    ("cost", "open"): "the high-volume routine requests, where an open model costs less",
    ("capability", "open"): "the hardest tasks (the most capable eligible model is open)",
    ("support_gap", "open"): "the work your own team runs and supports",
    ("capability", "closed"): "the hardest tasks, where the most capable model matters",
    ("vendor_support", "closed"): "the work that needs vendor support and an SLA",
    ("quality_control", "closed"): "the customer-facing work that needs a finished, tested product",
    ("standardisation", "closed"): "the shared assistant that many teams use the same way",
    ("security", "closed"): "the public-facing, abuse-prone uses",
    ("support_gap", "closed"): "the work your team could not operate itself",
    ("cost", "closed"): "the low-volume or bursty work, where paying per use is cheaper",
}
# Work that is about keeping control goes to a route you run yourselves
# when the answers allow one: data sent to an API is not under your control.
OWN_ROUTE_WORK = frozenset({"data_control", "customisation", "transparency", "independence"})
MUST_HAVE_FACTOR = {
    "own_infrastructure": "data_control",
    "modify": "customisation",
    "redistribution": "customisation",
    "managed_sla": "vendor_support",
}


def _pull(decision: Decision, side: Side) -> str | None:
    """The factor pulling hardest towards a side: a must-have of that side
    first, then the largest contribution that way."""
    for must_have, must_side in decision.must_haves:
        if must_side == side:
            factor = must_have.factor or MUST_HAVE_FACTOR.get(must_have.key)
            if factor is not None and (factor, side) in WORK:
                return factor
    sign = 1.0 if side == "open" else -1.0
    order = [factor for factor, work_side in WORK if work_side == side]
    pulls = [
        (sign * contribution_of(state, decision.factors), -order.index(state.key), state.key)
        for state in decision.factors
        if sign * state.lean > 0 and state.weight > 0 and (state.key, side) in WORK
    ]
    # Equal pulls: the factor listed first in WORK (data before staffing).
    return max(pulls)[2] if pulls else None


def _own_route(ranking: Ranking, budget_usd: float | None) -> tuple[Assessment, Route] | None:
    """The best-ranked open model that can run on your own infrastructure
    under the answers: on its vendor-supported offer, or self-hosted within
    the budget (a model's cheapest route passed the budget; running it
    yourselves may cost far more)."""
    for ranked in ranking.top["open"]:
        assessment = ranked.assessment
        offer = assessment.deployment_offer
        if offer is None or offer.on_premises:
            return assessment, "self_hosted" if offer is None else offer.route
        cost = assessment.self_hosting_cost_usd
        if cost is not None and (budget_usd is None or cost <= budget_usd):
            return assessment, "self_hosted"
    return None


def hybrid_plan(decision: Decision, ranking: Ranking) -> tuple[tuple[PlanPart, ...], bool]:
    """(the plan, whether it is a close call rather than a split)."""
    if decision.verdict != "hybrid":
        return (), False
    tops = {side: ranking.top[side][0] for side in ("open", "closed") if ranking.top[side]}
    if len(tops) < 2:
        return (), False
    pulls = {side: _pull(decision, side) for side in ("open", "closed")}
    close_call = pulls["open"] is None or pulls["closed"] is None
    parts = []
    for side in ("closed", "open"):
        factor = pulls[side]
        assessment = tops[side].assessment
        offer = assessment.deployment_offer
        route = "self_hosted" if offer is None else offer.route
        if side == "open" and factor in OWN_ROUTE_WORK and not close_call:
            own = _own_route(ranking, decision.requirements.budget_usd)
            if own is not None:
                assessment, route = own
        if factor == "capability" and not close_call:
            # The hardest tasks go to the most capable of the side's best fits
            # (the best-fitting one among equals).
            _score, _position, assessment = max(
                (
                    ranked.assessment.facts.model.capability_score or -1.0,
                    -position,
                    ranked.assessment,
                )
                for position, ranked in enumerate(ranking.top[side])
            )
            offer = assessment.deployment_offer
            route = "self_hosted" if offer is None else offer.route
        work = (
            f"everything, if you go {side}" if close_call or factor is None else WORK[factor, side]
        )
        cost = (
            assessment.self_hosting_cost_usd
            if route == "self_hosted" and assessment.deployment_offer is not None
            else assessment.monthly_cost_usd
        )
        parts.append(
            PlanPart(
                side=side,
                slug=assessment.facts.model.slug,
                name=assessment.facts.model.name,
                route=route,
                route_words=ROUTE_WORDS[route],
                work=work,
                monthly_cost_usd=cost,
            )
        )
    return tuple(parts), close_call
