"""What it takes to run one model yourself: the GPU
type, GPUs per replica, replicas and monthly cost with its band at three
volumes, beside the model's cheapest API offer at the same volumes, from the
same cost model and evidence the recommendations use."""

from __future__ import annotations

from dataclasses import dataclass

from apps.recommendations.engine.costs import (
    api_monthly_cost,
    blended_price_per_mtok,
    cheapest_option,
    self_hosted_band,
)

VOLUMES = (100_000_000.0, 1_000_000_000.0, 10_000_000_000.0)
API_KINDS = ("vendor_api", "cloud_marketplace", "third_party_host")


@dataclass(frozen=True, slots=True)
class SelfHostingRow:
    monthly_tokens: float
    gpu: str
    gpu_name: str
    gpus_per_replica: int
    replicas: int
    monthly_cost_usd: float
    low_usd: float
    high_usd: float
    basis: str
    evidence: tuple[str, ...]
    api_cost_usd: float | None
    api_host: str


def self_hosting_rows(slug: str) -> list[SelfHostingRow]:
    """From the engine's cached snapshot (its plan for this model is already
    worked out); empty when the model has no weights or no parameter count,
    or is not published."""
    from apps.recommendations.snapshot import current_snapshot

    snapshot = current_snapshot()
    facts = snapshot.facts_by_slug.get(slug)
    if facts is None or facts.plan is None:
        return []
    model, plan, settings = facts.model, facts.plan, snapshot.settings
    priced = [
        (price, offer)
        for offer in model.offers
        if offer.kind in API_KINDS
        and (price := blended_price_per_mtok(offer, settings)) is not None
    ]
    cheapest_api = min(priced, key=lambda item: item[0], default=None)
    rows = []
    for volume in VOLUMES:
        option, replicas, cost = cheapest_option(plan, volume)
        low, high = self_hosted_band(plan, volume)
        rows.append(
            SelfHostingRow(
                monthly_tokens=volume,
                gpu=option.gpu,
                gpu_name=option.gpu_name,
                gpus_per_replica=option.gpus_per_replica,
                replicas=replicas,
                monthly_cost_usd=round(cost, 2),
                low_usd=round(low, 2),
                high_usd=round(high, 2),
                basis=option.basis,
                evidence=option.evidence,
                api_cost_usd=(
                    None
                    if cheapest_api is None
                    else round(api_monthly_cost(cheapest_api[0], volume), 2)
                ),
                api_host="" if cheapest_api is None else cheapest_api[1].host_name,
            )
        )
    return rows
