"""What it takes to run one model yourself (SPEC §5, model page): the GPU
type, GPUs per replica, replicas and monthly cost with its band at three
volumes, beside the model's cheapest API offer at the same volumes, from the
same cost model and evidence the recommendations use."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from apps.recommendations import engine
from apps.recommendations.engine.costs import (
    api_monthly_cost,
    blended_price_per_mtok,
    cheapest_option,
    self_hosted_band,
    self_hosting_plan,
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


def self_hosting_rows(model_pk: int) -> list[SelfHostingRow]:
    """Empty when the model has no weights or no parameter count."""
    from django.conf import settings as django_settings

    from apps.catalogue.models import AIModel
    from apps.recommendations.snapshot import _read, engine_settings

    built = _read(
        AIModel.objects.filter(pk=model_pk),
        timezone.localdate(),
        django_settings.CATALOGUE_CAPABILITY_INDEX,
    )
    model = built.get(model_pk)
    if model is None:
        return []
    settings = engine_settings()
    plan = self_hosting_plan(model, settings)
    if plan is None:
        return []
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


def labour_text(settings: engine.EngineSettings | None = None) -> str:
    from apps.recommendations.snapshot import engine_settings

    settings = settings or engine_settings()
    return f"{settings.ops_fte:g} of an engineer at ${settings.ops_usd_per_fte_month:,.0f} a month"
