"""Self-hosting planned on the curated cost evidence.

For each GPU type with a price and with throughput measured for the model's
size class:

* memory per replica: weights at the model's native precision (× 1.1 for
  the runtime) plus the KV cache for the stated concurrency and context
  (when the architecture gives its bytes per token; otherwise 20% headroom);
* GPUs per replica: the smallest valid tensor-parallel size that holds it
  (1, 2, 4, 8, then whole nodes of 8);
* output rate per GPU: the median of the rows measured at an interactive
  latency for that size class, GPU and precision (rows measured on the model
  itself, where there are any, before others of its class); rows measured at maximum
  (offline) rate count at ``interactive_share_of_max``; rows measured on
  lighter weights than the model's are scaled down by the ratio of bytes per
  parameter (decoding is bound by memory bandwidth) and said so, never up;
* a replica's monthly capacity in all tokens: its output rate × seconds a
  month ÷ the output share of the traffic ÷ the peak factor (replicas are
  sized for the peak, not the average);
* its cost: GPUs × the median hourly price for that GPU at the chosen kind
  of provider × hours a month. The band takes the cheapest and dearest
  listed price with the highest and lowest measured rate.
"""

from __future__ import annotations

import statistics

from .costs import GpuPlan, SelfHostingPlan, plan_of, valid_gpu_count
from .settings import RUNTIME_OVERHEAD, UNKNOWN_KV_HEADROOM
from .types import CatalogueModel, EngineSettings, GpuPrice, ThroughputEvidence

SECONDS_PER_HOUR = 3_600.0
# Upper bounds of active parameters (billions) per size class, as the
# throughput evidence is filed (apps/catalogue/models/evidence.py).
SIZE_CLASSES = (("xs", 4.0), ("s", 15.0), ("m", 40.0), ("l", 100.0))
BYTES_PER_PARAMETER = {
    "fp32": 4.0,
    "bf16": 2.0,
    "fp16": 2.0,
    "fp8": 1.0,
    "int8": 1.0,
    "mxfp4": 0.53,
    "nvfp4": 0.56,
    "int4": 0.5,
}


def size_class_for(active_b: float) -> str:
    for size_class, upper in SIZE_CLASSES:
        if active_b <= upper:
            return size_class
    return "xl"


def memory_needed_gb(model: CatalogueModel, settings: EngineSettings) -> float:
    total_b = model.parameters_total_b or 0.0
    bytes_per_parameter = model.weight_bytes_per_parameter or settings.bytes_per_parameter
    weights_gb = total_b * bytes_per_parameter
    if model.kv_bytes_per_token:
        kv_gb = model.kv_bytes_per_token * settings.context_tokens * settings.concurrency / 1e9
        return weights_gb * RUNTIME_OVERHEAD + kv_gb
    return weights_gb * UNKNOWN_KV_HEADROOM


def _rates(
    rows: list[ThroughputEvidence], model: CatalogueModel, settings: EngineSettings
) -> tuple[list[float], list[str], str]:
    """Interactive output tokens/s per GPU from the rows, the rows used, and
    how they were read: rows measured on this very model first, then rows of
    its precision, then any of its size class."""
    precision = model.native_precision
    rows = [row for row in rows if row.model == model.slug] or rows
    own = [row for row in rows if row.precision == precision] or rows
    interactive = [row for row in own if row.interactive]
    used = interactive or own
    share = 1.0 if interactive else settings.interactive_share_of_max
    wanted = BYTES_PER_PARAMETER.get(precision)
    rates = []
    scaled = False
    for row in used:
        rate = row.output_tokens_per_s_per_gpu * share
        measured = BYTES_PER_PARAMETER.get(row.precision)
        if wanted and measured and measured < wanted:
            # Measured on lighter weights than this model's: slower here.
            # (Never scaled up: heavier measured weights stay a floor.)
            rate *= measured / wanted
            scaled = True
        rates.append(rate)
    how = (
        "measured at an interactive latency"
        if interactive
        else (
            f"measured at maximum rate, counted at {settings.interactive_share_of_max:.0%} "
            "for interactive use"
        )
    )
    if scaled:
        lighter = sorted(
            {
                row.precision.upper()
                for row in used
                if BYTES_PER_PARAMETER.get(row.precision, 0) < (wanted or 0)
            }
        )
        how += f", {'/'.join(lighter)} rows scaled to {precision.upper() or 'BF16'}"
    return rates, [row.slug for row in used], how


def _option(
    model: CatalogueModel,
    price: GpuPrice,
    rows: list[ThroughputEvidence],
    settings: EngineSettings,
    scaled_from: str = "",
) -> GpuPlan | None:
    if scaled_from:
        rows = [row for row in rows if row.active_b]  # only these can be scaled
        if not rows:
            return None
    rates, used, how = _rates(rows, model, settings)
    if not rates:
        return None
    if scaled_from:
        # Decoding is bound by memory bandwidth: scale by active parameters.
        active_b = model.parameters_active_b or model.parameters_total_b or 1.0
        measured = [row.active_b for row in rows if row.active_b]
        factor = statistics.median(measured) / active_b
        rates = [rate * min(1.0, factor) for rate in rates]
        how += (
            f", scaled from the {scaled_from.upper()} size class by active parameters "
            f"({statistics.median(measured):g} B measured, {active_b:g} B here)"
        )
    gpus = valid_gpu_count(memory_needed_gb(model, settings) / price.memory_gb)
    output_share = 1.0 - settings.input_token_share
    seconds = settings.hours_per_month * SECONDS_PER_HOUR

    def capacity(rate: float) -> float:
        return rate * gpus * seconds / output_share / settings.peak_factor

    return GpuPlan(
        gpu=price.gpu,
        gpu_name=price.name,
        gpus_per_replica=gpus,
        replica_tokens_per_month=capacity(statistics.median(rates)),
        replica_monthly_cost_usd=gpus * price.usd_per_hour * settings.hours_per_month,
        replica_tokens_low=capacity(min(rates)),
        replica_tokens_high=capacity(max(rates)),
        usd_per_hour=price.usd_per_hour,
        usd_per_hour_low=price.usd_per_hour_low,
        usd_per_hour_high=price.usd_per_hour_high,
        evidence=tuple(used),
        basis=f"throughput {how} ({len(used)} evidence row{'s' if len(used) != 1 else ''}); "
        f"GPU price {price.source}".rstrip("; "),
    )


def evidence_plan(model: CatalogueModel, settings: EngineSettings) -> SelfHostingPlan | None:
    """None when no GPU type has both a price and throughput for the model's
    size class: the caller then falls back to the rule of thumb."""
    active_b = model.parameters_active_b or model.parameters_total_b
    if active_b is None:
        return None
    size_class = size_class_for(active_b)
    classes = [name for name, _upper in SIZE_CLASSES] + ["xl"]
    # The model's own class first; with no evidence there, the nearest
    # smaller class with evidence, scaled down by active parameters.
    for candidate in reversed(classes[: classes.index(size_class) + 1]):
        by_gpu: dict[str, list[ThroughputEvidence]] = {}
        for row in settings.throughput:
            if row.size_class == candidate:
                by_gpu.setdefault(row.gpu, []).append(row)
        scaled_from = "" if candidate == size_class else candidate
        options = []
        for price in settings.gpu_prices:
            rows = by_gpu.get(price.gpu)
            if rows:
                option = _option(model, price, rows, settings, scaled_from)
                if option is not None:
                    options.append(option)
        if options:
            return plan_of(tuple(options), settings.ops_monthly_usd)
    return None
