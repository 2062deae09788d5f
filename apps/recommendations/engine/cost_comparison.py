"""The cost comparison on the result page: the best-fitting API option
against the best-fitting self-hosted one, and that self-hosted model through
its own cheapest API, over a range of monthly volumes with the break-evens.
"""

from __future__ import annotations

from .costs import (
    api_monthly_cost,
    break_even_tokens,
    curve_volumes,
    describe_api,
    describe_self_hosted,
    self_hosted_monthly_cost,
)
from .formatting import format_tokens, format_usd
from .shortlist import Ranking
from .types import CostComparison, CostOption, CostPoint, EngineSettings


def compare_costs(
    ranking: Ranking, monthly_tokens: float, settings: EngineSettings
) -> CostComparison:
    """The best-fitting API option against the best-fitting self-hosted one."""
    best_api = ranking.best_api
    best_self = ranking.best_self_hosted
    api_option = api_price = None
    if best_api is not None and best_api.assessment.best_api is not None:
        offer, cost = best_api.assessment.best_api
        api_price = offer.price_per_mtok
        model = best_api.assessment.facts.model
        api_option = CostOption(
            slug=model.slug,
            name=model.name,
            monthly_cost_usd=round(cost, 2),
            cost_basis=describe_api(offer.offer, settings),
            deployment="api",
        )
    self_option = plan = None
    same_option = same_price = None
    if best_self is not None:
        plan = best_self.assessment.facts.plan
        model = best_self.assessment.facts.model
        self_cost = best_self.assessment.self_hosting_cost_usd
        if plan is not None and self_cost is not None:
            self_option = CostOption(
                slug=model.slug,
                name=model.name,
                monthly_cost_usd=round(self_cost, 2),
                cost_basis=describe_self_hosted(
                    plan,
                    1,
                    settings,
                    monthly_tokens,  # the volume picks GPUs and replicas
                ),
                deployment="self_hosted",
            )
            hosted = best_self.assessment.best_api
            if hosted is not None:
                same_price = hosted[0].price_per_mtok
                same_option = CostOption(
                    slug=model.slug,
                    name=model.name,
                    monthly_cost_usd=round(hosted[1], 2),
                    cost_basis=describe_api(hosted[0].offer, settings),
                    deployment="api",
                )

    def at(price: float | None, volume: float) -> float | None:
        return None if price is None else round(api_monthly_cost(price, volume), 2)

    curve = tuple(
        CostPoint(
            monthly_tokens=volume,
            api_cost_usd=at(api_price, volume),
            self_hosted_cost_usd=(
                None
                if plan is None or self_option is None
                else round(self_hosted_monthly_cost(plan, volume), 2)
            ),
            same_model_api_cost_usd=at(same_price, volume),
        )
        for volume in curve_volumes(monthly_tokens)
    )
    break_even = (
        break_even_tokens(api_price, plan)
        if api_price is not None and plan is not None and self_option is not None
        else None
    )
    same_break_even = (
        break_even_tokens(same_price, plan)
        if same_price is not None and plan is not None and self_option is not None
        else None
    )
    return CostComparison(
        monthly_tokens=monthly_tokens,
        best_api=api_option,
        best_self_hosted=self_option,
        curve=curve,
        break_even_tokens=break_even,
        explanation=_cost_explanation(api_option, self_option, break_even, monthly_tokens)
        + _same_model_sentence(same_option, same_break_even),
        same_model_api=same_option,
        same_model_break_even_tokens=same_break_even,
    )


def _same_model_sentence(same: CostOption | None, break_even: float | None) -> str:
    if same is None:
        return ""
    text = (
        f" The same model, {same.name}, through its cheapest API ({same.cost_basis}) "
        f"costs about {format_usd(same.monthly_cost_usd or 0.0)} a month"
    )
    if break_even is None:
        return text + "; at no volume is running it yourself cheaper."
    return text + f"; running it yourself pays off above about {format_tokens(break_even)}."


def _cost_explanation(
    api: CostOption | None,
    self_hosted: CostOption | None,
    break_even: float | None,
    monthly_tokens: float,
) -> str:
    volume = f"{format_tokens(monthly_tokens)} tokens a month"
    if api is None and self_hosted is None:
        return "No eligible model has a cost estimate, so there is nothing to compare."
    if self_hosted is None:
        assert api is not None
        return (
            f"At {volume}, the best-fitting API option, {api.name} "
            f"({api.cost_basis}), costs about "
            f"{format_usd(api.monthly_cost_usd or 0.0)} a month. No eligible "
            "model can be self-hosted and priced under your constraints, so "
            "there is no break-even to show."
        )
    if api is None:
        return (
            f"At {volume}, self-hosting the best-fitting model, "
            f"{self_hosted.name} ({self_hosted.cost_basis}), costs about "
            f"{format_usd(self_hosted.monthly_cost_usd or 0.0)} a month. No "
            "eligible API offer has a price under your constraints, so there "
            "is no break-even to show."
        )
    text = (
        f"At {volume}, the best-fitting API option, {api.name} ({api.cost_basis}), "
        f"costs about {format_usd(api.monthly_cost_usd or 0.0)} a month; "
        f"self-hosting {self_hosted.name} ({self_hosted.cost_basis}) about "
        f"{format_usd(self_hosted.monthly_cost_usd or 0.0)}. "
    )
    if break_even is None:
        return text + (
            "Self-hosting never gets cheaper: a full replica costs more than "
            "the tokens it can serve would cost through the API."
        )
    return text + (
        f"The lines cross at about {format_tokens(break_even)} tokens a month: "
        "below that the API is cheaper, above it self-hosting is (each extra "
        "replica adds a step that can briefly favour the API again)."
    )
