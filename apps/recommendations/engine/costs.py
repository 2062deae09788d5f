"""The cost model: API price × tokens against self-hosted GPUs.

API: ``tokens / 1 M × blended price``, the blend being the input share
(``EngineSettings.input_token_share``, 75% by default) of the input price
plus the rest of the output price.

Self-hosted: a replica needs enough GPUs to hold the weights
(``total parameters × bytes per parameter × overhead / GPU memory``, at
least one); its throughput scales with its GPUs and inversely with the active
parameters (see `EngineSettings`); replicas are added when the volume
exceeds what one replica serves at the target utilisation. Every replica's
GPUs are paid for every hour of the month.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from .formatting import format_price, format_usd
from .settings import CURVE_MAX_TOKENS, CURVE_MIN_TOKENS, CURVE_POINTS_PER_DECADE
from .types import CatalogueModel, EngineSettings, Offer

TOKENS_PER_PRICE_UNIT = 1_000_000.0


class GpuPlan(NamedTuple):
    """One way to build a replica: a GPU type, how many, and what it serves."""

    gpu: str
    gpu_name: str
    gpus_per_replica: int
    replica_tokens_per_month: float
    """What one replica serves in a month, leaving room for the peak."""
    replica_monthly_cost_usd: float
    replica_tokens_low: float
    replica_tokens_high: float
    usd_per_hour: float
    usd_per_hour_low: float
    usd_per_hour_high: float
    evidence: tuple[str, ...]
    """The throughput evidence rows used (slugs); empty for the rule of thumb."""
    basis: str
    """Where the throughput and price come from, in words."""


class SelfHostingPlan(NamedTuple):
    """How a model would be self-hosted: its cheapest GPU plan per token at
    full use first, then the others; a volume picks the cheapest of them."""

    gpus_per_replica: int
    replica_tokens_per_month: float
    replica_monthly_cost_usd: float
    options: tuple[GpuPlan, ...]
    fixed_monthly_usd: float
    """Operations labour, paid whatever the volume."""


def blended_price_per_mtok(offer: Offer, settings: EngineSettings) -> float | None:
    """USD per million tokens at the stated input/output split, or None."""
    if offer.input_price_per_mtok is None or offer.output_price_per_mtok is None:
        return None
    share = settings.input_token_share
    return share * offer.input_price_per_mtok + (1.0 - share) * offer.output_price_per_mtok


def api_monthly_cost(price_per_mtok: float, monthly_tokens: float) -> float:
    return price_per_mtok * (monthly_tokens / TOKENS_PER_PRICE_UNIT)


# Tensor parallelism splits a model over 1, 2, 4 or 8 GPUs of one node; past
# that, whole nodes of 8.
TENSOR_PARALLEL_SIZES = (1, 2, 4, 8)
GPUS_PER_NODE = 8


def valid_gpu_count(needed: float) -> int:
    """The smallest tensor-parallel size that holds ``needed`` GPUs' worth."""
    for size in TENSOR_PARALLEL_SIZES:
        if needed <= size:
            return size
    return math.ceil(needed / GPUS_PER_NODE) * GPUS_PER_NODE


def self_hosting_plan(model: CatalogueModel, settings: EngineSettings) -> SelfHostingPlan | None:
    """None when the model has no weights or no known parameter count; from
    the cost evidence when the settings carry it, else the rule of thumb."""
    if not model.has_weights or model.parameters_total_b is None:
        return None
    if settings.has_evidence:
        from .self_hosting import evidence_plan

        planned = evidence_plan(model, settings)
        if planned is not None:
            return planned
    bytes_per_parameter = model.weight_bytes_per_parameter or settings.bytes_per_parameter
    memory_gb = model.parameters_total_b * bytes_per_parameter * settings.memory_overhead
    gpus = valid_gpu_count(memory_gb / settings.gpu_memory_gb)
    active_b = model.parameters_active_b or model.parameters_total_b
    speed_up = min(
        settings.max_throughput_scale,
        settings.throughput_reference_active_b / active_b,
    )
    tokens_per_hour = gpus * settings.tokens_per_gpu_hour * speed_up
    capacity = tokens_per_hour * settings.hours_per_month * settings.target_utilisation
    price = settings.gpu_hourly_price_usd
    option = GpuPlan(
        gpu="",
        gpu_name=f"{settings.gpu_memory_gb:g} GB GPU",
        gpus_per_replica=gpus,
        replica_tokens_per_month=capacity,
        replica_monthly_cost_usd=gpus * price * settings.hours_per_month,
        replica_tokens_low=capacity,
        replica_tokens_high=capacity,
        usd_per_hour=price,
        usd_per_hour_low=price,
        usd_per_hour_high=price,
        evidence=(),
        basis=(
            "rule of thumb (no measured throughput for this model's size)"
            if settings.has_evidence
            else ""
        ),
    )
    return plan_of((option,), settings.ops_monthly_usd if settings.has_evidence else 0.0)


def plan_of(options: tuple[GpuPlan, ...], fixed_monthly_usd: float) -> SelfHostingPlan:
    """The plan, its options cheapest per token at full use first."""
    ordered = tuple(
        sorted(
            options,
            key=lambda o: (o.replica_monthly_cost_usd / o.replica_tokens_per_month, o.gpu),
        )
    )
    first = ordered[0]
    return SelfHostingPlan(
        gpus_per_replica=first.gpus_per_replica,
        replica_tokens_per_month=first.replica_tokens_per_month,
        replica_monthly_cost_usd=first.replica_monthly_cost_usd,
        options=ordered,
        fixed_monthly_usd=fixed_monthly_usd,
    )


def replicas_for(option: GpuPlan, monthly_tokens: float, capacity: float | None = None) -> int:
    return max(1, math.ceil(monthly_tokens / (capacity or option.replica_tokens_per_month)))


def cheapest_option(plan: SelfHostingPlan, monthly_tokens: float) -> tuple[GpuPlan, int, float]:
    """The GPU plan, replicas and monthly cost (labour included) at a volume."""
    best: tuple[GpuPlan, int, float] | None = None
    for option in plan.options:
        replicas = replicas_for(option, monthly_tokens)
        cost = replicas * option.replica_monthly_cost_usd + plan.fixed_monthly_usd
        if best is None or cost < best[2]:
            best = (option, replicas, cost)
    assert best is not None
    return best


def self_hosted_band(plan: SelfHostingPlan, monthly_tokens: float) -> tuple[float, float]:
    """Low and high monthly cost: the cheapest and dearest listed GPU price
    with the highest and lowest measured throughput."""
    low = high = math.inf
    for option in plan.options:
        mid_price = option.usd_per_hour
        per_replica = option.replica_monthly_cost_usd
        low_replica = per_replica * option.usd_per_hour_low / mid_price
        high_replica = per_replica * option.usd_per_hour_high / mid_price
        low = min(
            low, replicas_for(option, monthly_tokens, option.replica_tokens_high) * low_replica
        )
        high = min(
            high, replicas_for(option, monthly_tokens, option.replica_tokens_low) * high_replica
        )
    return low + plan.fixed_monthly_usd, high + plan.fixed_monthly_usd


def replicas_needed(plan: SelfHostingPlan, monthly_tokens: float) -> int:
    return cheapest_option(plan, monthly_tokens)[1]


def self_hosted_monthly_cost(plan: SelfHostingPlan, monthly_tokens: float) -> float:
    return cheapest_option(plan, monthly_tokens)[2]


def supported_monthly_cost(
    plan: SelfHostingPlan, monthly_tokens: float, usd_per_gpu_year: float, sla: bool
) -> float:
    """Self-hosting under a support subscription priced per GPU and year; an
    SLA needs a second replica to fail over to."""
    return supported_choice(plan, monthly_tokens, usd_per_gpu_year, sla)[2]


def supported_choice(
    plan: SelfHostingPlan, monthly_tokens: float, usd_per_gpu_year: float, sla: bool
) -> tuple[GpuPlan, int, float]:
    """The GPU plan, replicas and monthly cost under a support subscription."""
    best: tuple[GpuPlan, int, float] | None = None
    for option in plan.options:
        replicas = replicas_for(option, monthly_tokens)
        if sla:
            replicas = max(2, replicas)
        per_replica = (
            option.replica_monthly_cost_usd + option.gpus_per_replica * usd_per_gpu_year / 12.0
        )
        cost = replicas * per_replica + plan.fixed_monthly_usd
        if best is None or cost < best[2]:
            best = (option, replicas, cost)
    assert best is not None
    return best


def self_hosted_monthly_costs(
    plans: Sequence[SelfHostingPlan], monthly_tokens: float
) -> list[float]:
    """`self_hosted_monthly_cost` for many plans at once."""
    return [self_hosted_monthly_cost(plan, monthly_tokens) for plan in plans]


def break_even_tokens(price_per_mtok: float, plan: SelfHostingPlan) -> float | None:
    """The monthly volume at which self-hosting first costs no more than the API.

    Below it the API is cheaper. With ``n`` replicas of cost R, capacity C and
    a fixed labour cost F, the self-hosted cost is flat (n R + F) while the API
    cost grows linearly (p V), so they first cross at V = (n R + F) / p for
    the smallest n with n (p C − R) ≥ F. If p C ≤ R, a full replica costs
    more than the tokens it serves would through the API: no break-even with
    that GPU plan. The earliest crossing over the plan's options is the
    cheapest-plan curve's.
    """
    if price_per_mtok <= 0:
        return None
    price = price_per_mtok / TOKENS_PER_PRICE_UNIT
    fixed = plan.fixed_monthly_usd
    crossings = []
    for option in plan.options:
        cost, capacity = option.replica_monthly_cost_usd, option.replica_tokens_per_month
        margin = price * capacity - cost
        if margin <= 0:
            if fixed == 0 and margin == 0:
                crossings.append(capacity)
            continue
        replicas = max(1, math.ceil(fixed / margin)) if fixed else 1
        crossings.append((replicas * cost + fixed) / price)
    return min(crossings, default=None)


def curve_volumes(*extra: float) -> tuple[float, ...]:
    """Log-spaced monthly volumes for the cost chart, plus ``extra`` ones."""
    decades = math.log10(CURVE_MAX_TOKENS / CURVE_MIN_TOKENS)
    steps = round(decades * CURVE_POINTS_PER_DECADE)
    volumes = {
        float(f"{CURVE_MIN_TOKENS * 10 ** (step / CURVE_POINTS_PER_DECADE):.6g}")
        for step in range(steps + 1)
    }
    volumes.update(volume for volume in extra if volume > 0)
    return tuple(sorted(volumes))


# --- plain-text descriptions -------------------------------------------------


def describe_api(offer: Offer, settings: EngineSettings) -> str:
    host = offer.host_name
    name = host if host.lower().endswith("api") else f"{host} API"
    if offer.input_price_per_mtok is None or offer.output_price_per_mtok is None:
        return f"{name} (no price listed)"
    share = round(settings.input_token_share * 100)
    text = (
        f"{name} at ${format_price(offer.input_price_per_mtok)}/"
        f"${format_price(offer.output_price_per_mtok)} per M tokens "
        f"({share}% input)"
    )
    return f"{text}, listed prices as of {offer.as_of}" if offer.as_of else text


def describe_supported(
    offer: Offer,
    plan: SelfHostingPlan | None,
    settings: EngineSettings,
    monthly_tokens: float,
    sla: bool,
) -> str:
    price = offer.subscription_usd_per_gpu_year
    if plan is None or price is None:
        base = describe_self_hosted(plan, 1, settings)
    else:
        # The GPU plan the subscription's cost was worked out on.
        option, replicas, _cost = supported_choice(plan, monthly_tokens, price, sla)
        base = describe_self_hosted(plan, replicas, settings, option=option)
    subscription = (
        "subscription price not published"
        if price is None
        else f"{format_usd(price)} per GPU a year"
    )
    if offer.as_of:
        subscription += f", as of {offer.as_of}"
    return f"{base}, supported by {offer.host_name} ({subscription})"


def describe_self_hosted(
    plan: SelfHostingPlan | None,
    replicas: int,
    settings: EngineSettings,
    monthly_tokens: float = 0.0,
    option: GpuPlan | None = None,
) -> str:
    """With ``monthly_tokens``, the GPU plan and replicas that volume picks;
    with ``option``, that plan at ``replicas``; else the plan's first."""
    if plan is None:
        return "self-hosted (parameter count unknown, so no cost estimate)"
    if option is None and monthly_tokens:
        option, replicas, _cost = cheapest_option(plan, monthly_tokens)
    elif option is None:
        option = plan.options[0]
    gpus = option.gpus_per_replica * replicas
    if option.gpu:
        price = option.usd_per_hour
        text = (
            f"self-hosted: {gpus} × {option.gpu_name} at about ${format_price(price)}/h "
            f"× {settings.hours_per_month:g} h"
        )
    else:
        text = (
            f"self-hosted: {gpus} × GPU at ${format_price(settings.gpu_hourly_price_usd)}"
            f"/h × {settings.hours_per_month:g} h"
        )
    if replicas > 1:
        text += f" ({replicas} replicas of {option.gpus_per_replica} GPUs)"
    if plan.fixed_monthly_usd:
        text += f", plus {format_usd(plan.fixed_monthly_usd)} a month of operations labour"
    if option.basis:
        text += f"; {option.basis}"
    return text
