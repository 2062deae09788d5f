"""The cost model of SPEC §4: API price × tokens against self-hosted GPUs.

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

from .rules import CURVE_MAX_TOKENS, CURVE_MIN_TOKENS, CURVE_POINTS_PER_DECADE
from .types import CatalogueModel, EngineSettings, Offer

TOKENS_PER_PRICE_UNIT = 1_000_000.0


class SelfHostingPlan(NamedTuple):
    gpus_per_replica: int
    replica_tokens_per_month: float
    """What one replica serves in a month at the target utilisation."""
    replica_monthly_cost_usd: float


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
    """None when the model has no weights or no known parameter count."""
    if not model.has_weights or model.parameters_total_b is None:
        return None
    bytes_per_parameter = model.weight_bytes_per_parameter or settings.bytes_per_parameter
    memory_gb = model.parameters_total_b * bytes_per_parameter * settings.memory_overhead
    gpus = valid_gpu_count(memory_gb / settings.gpu_memory_gb)
    active_b = model.parameters_active_b or model.parameters_total_b
    speed_up = min(
        settings.max_throughput_scale,
        settings.throughput_reference_active_b / active_b,
    )
    tokens_per_hour = gpus * settings.tokens_per_gpu_hour * speed_up
    return SelfHostingPlan(
        gpus_per_replica=gpus,
        replica_tokens_per_month=(
            tokens_per_hour * settings.hours_per_month * settings.target_utilisation
        ),
        replica_monthly_cost_usd=(gpus * settings.gpu_hourly_price_usd * settings.hours_per_month),
    )


def replicas_needed(plan: SelfHostingPlan, monthly_tokens: float) -> int:
    return max(1, math.ceil(monthly_tokens / plan.replica_tokens_per_month))


def self_hosted_monthly_cost(plan: SelfHostingPlan, monthly_tokens: float) -> float:
    replicas = max(1, math.ceil(monthly_tokens / plan.replica_tokens_per_month))
    return replicas * plan.replica_monthly_cost_usd


def supported_monthly_cost(
    plan: SelfHostingPlan, monthly_tokens: float, usd_per_gpu_year: float, sla: bool
) -> float:
    """Self-hosting under a support subscription priced per GPU and year; an
    SLA needs a second replica to fail over to."""
    replicas = replicas_needed(plan, monthly_tokens)
    if sla:
        replicas = max(2, replicas)
    per_replica = plan.replica_monthly_cost_usd + plan.gpus_per_replica * usd_per_gpu_year / 12.0
    return replicas * per_replica


def self_hosted_monthly_costs(
    plans: Sequence[SelfHostingPlan], monthly_tokens: float
) -> list[float]:
    """`self_hosted_monthly_cost` for many plans at once (same arithmetic)."""
    ceil = math.ceil
    return [
        max(1, ceil(monthly_tokens / plan.replica_tokens_per_month)) * plan.replica_monthly_cost_usd
        for plan in plans
    ]


def break_even_tokens(price_per_mtok: float, plan: SelfHostingPlan) -> float | None:
    """The monthly volume at which self-hosting first costs no more than the API.

    Below it the API is cheaper. Within one replica's capacity the self-hosted
    cost is flat (F) while the API cost grows linearly (r × V), so the lines
    first cross at V = F / r, if that is within the replica's capacity C. If
    it is not, r × C < F: a full replica costs more than the tokens it serves
    would through the API, at every number of replicas, so there is no
    break-even.
    """
    if price_per_mtok <= 0:
        return None
    tokens = plan.replica_monthly_cost_usd / price_per_mtok * TOKENS_PER_PRICE_UNIT
    return tokens if tokens <= plan.replica_tokens_per_month else None


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


def format_price(price: float) -> str:
    """0.05 → '0.05', 0.017 → '0.017', 2.5 → '2.50'."""
    text = f"{price:.3f}"
    return text[:-1] if text.endswith("0") else text


def format_usd(amount: float) -> str:
    return f"${amount:,.0f}" if amount >= 100 else f"${amount:,.2f}"


def format_tokens(tokens: float) -> str:
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g} {unit}"
    return f"{tokens:.0f}"


def describe_api(offer: Offer, settings: EngineSettings) -> str:
    host = offer.host_name
    name = host if host.lower().endswith("api") else f"{host} API"
    if offer.input_price_per_mtok is None or offer.output_price_per_mtok is None:
        return f"{name} (no price listed)"
    share = round(settings.input_token_share * 100)
    return (
        f"{name} at ${format_price(offer.input_price_per_mtok)}/"
        f"${format_price(offer.output_price_per_mtok)} per M tokens "
        f"({share}% input)"
    )


def describe_supported(
    offer: Offer, plan: SelfHostingPlan | None, replicas: int, settings: EngineSettings
) -> str:
    base = describe_self_hosted(plan, replicas, settings)
    price = offer.subscription_usd_per_gpu_year
    subscription = (
        "subscription price not published"
        if price is None
        else f"{format_usd(price)} per GPU a year"
    )
    return f"{base}, supported by {offer.host_name} ({subscription})"


def describe_self_hosted(
    plan: SelfHostingPlan | None, replicas: int, settings: EngineSettings
) -> str:
    if plan is None:
        return "self-hosted (parameter count unknown, so no cost estimate)"
    gpus = plan.gpus_per_replica * replicas
    text = (
        f"self-hosted: {gpus} × GPU at ${format_price(settings.gpu_hourly_price_usd)}"
        f"/h × {settings.hours_per_month:g} h"
    )
    if replicas > 1:
        text += f" ({replicas} replicas of {plan.gpus_per_replica} GPUs)"
    return text
