"""Synthetic catalogue entries for benchmarks: valid, published, clearly marked.

Every generated model has `is_synthetic=True` and a name starting with
"Synthetic", an openness assessment and one to three offers. Rows are
written with bulk_create (no per-row history: they are not curated facts).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.catalogue.models import (
    Access,
    AIModel,
    Certification,
    Licence,
    LicenceKind,
    Offer,
    OfferKind,
    Openness,
    OpennessAssessment,
    Provider,
    ProviderKind,
    SupportLevel,
)
from apps.catalogue.summary import catalogue_summaries_refresh

SYNTHETIC_PREFIX = "Synthetic"
SOURCE_URL = "https://example.org/synthetic-benchmark-data"
BATCH_SIZE = 2000
PROVIDER_COUNT = 12
FAMILIES = [
    "Aurora",
    "Basalt",
    "Cirrus",
    "Delta",
    "Ember",
    "Fjord",
    "Garnet",
    "Halo",
    "Iris",
    "Juniper",
]
REGIONS = ["us", "eu", "uk", "sg", "global"]


def _synthetic_providers() -> list[Provider]:
    providers = []
    for number in range(1, PROVIDER_COUNT + 1):
        provider, _created = Provider.objects.get_or_create(
            slug=f"synthetic-provider-{number:02d}",
            defaults={
                "name": f"{SYNTHETIC_PREFIX} Provider {number:02d}",
                "country": "Nowhere",
                "kind": ProviderKind.values[number % len(ProviderKind.values)],
                "website": SOURCE_URL,
                "source_url": SOURCE_URL,
            },
        )
        providers.append(provider)
    return providers


def _synthetic_licences() -> dict[str, Licence]:
    licences = {}
    for kind in LicenceKind:
        commercial = kind not in (LicenceKind.NON_COMMERCIAL,)
        licence, _created = Licence.objects.get_or_create(
            slug=f"synthetic-{kind.value.replace('_', '-')}",
            defaults={
                "name": f"{SYNTHETIC_PREFIX} {kind.label} licence",
                "url": SOURCE_URL,
                "kind": kind,
                "commercial_use": commercial,
                "modification": kind != LicenceKind.PROPRIETARY,
                "redistribution": kind != LicenceKind.PROPRIETARY,
                "attribution_required": kind
                in (LicenceKind.COPYLEFT, LicenceKind.OPEN_WEIGHTS_RESTRICTED),
                "user_cap": 700_000_000 if kind == LicenceKind.OPEN_WEIGHTS_RESTRICTED else None,
                "osi_approved": kind in (LicenceKind.PERMISSIVE, LicenceKind.COPYLEFT),
                "obligations": ["Keep the licence notice."]
                if kind != LicenceKind.PROPRIETARY
                else [],
                "source_url": SOURCE_URL,
                "as_of": timezone.localdate(),
            },
        )
        licences[kind] = licence
    return licences


def _price(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


@transaction.atomic
def catalogue_generate(*, count: int, seed: int | None = None) -> int:
    """Add `count` synthetic published models with openness and offers; return how many."""
    if count <= 0:
        return 0
    rng = random.Random(seed)
    run = secrets.token_hex(3) if seed is None else f"{seed:06x}"[-6:]
    # A seeded run can be repeated: skip the numbers it already created.
    already = AIModel.objects.filter(slug__startswith=f"synthetic-{run}-").count()
    today = timezone.localdate()
    providers = _synthetic_providers()
    licences = _synthetic_licences()
    open_kinds = [
        LicenceKind.PERMISSIVE,
        LicenceKind.COPYLEFT,
        LicenceKind.OPEN_WEIGHTS_RESTRICTED,
        LicenceKind.NON_COMMERCIAL,
    ]

    models: list[AIModel] = []
    for number in range(already + 1, already + count + 1):
        access = rng.choice(Access.values)
        family = rng.choice(FAMILIES)
        total = Decimal(rng.choice([1, 3, 7, 8, 14, 32, 70, 120, 405, 671]))
        moe = rng.random() < 0.3
        score = Decimal(str(round(rng.uniform(20, 95), 1))) if rng.random() < 0.85 else None
        retired = rng.random() < 0.05
        stale = rng.random() < 0.1
        facts_date = today - dt.timedelta(
            days=rng.randint(200, 400) if stale else rng.randint(0, 90)
        )
        models.append(
            AIModel(
                slug=f"synthetic-{run}-{number:06d}",
                name=f"{SYNTHETIC_PREFIX} {family} {total}B #{run}-{number}",
                family=f"{SYNTHETIC_PREFIX} {family}",
                provider=rng.choice(providers),
                licence=licences[
                    LicenceKind.PROPRIETARY if access == Access.API_ONLY else rng.choice(open_kinds)
                ],
                release_date=today - dt.timedelta(days=rng.randint(30, 900)),
                access=access,
                parameters_total_b=None if access == Access.API_ONLY else total,
                parameters_active_b=(total / 8).quantize(Decimal("0.001"))
                if moe and access != Access.API_ONLY
                else None,
                context_window=rng.choice([8192, 32768, 128000, 200000, 1000000]),
                modalities_input=rng.choice(
                    [["text"], ["text", "image"], ["text", "image", "audio"], ["text", "pdf"]]
                ),
                modalities_output=rng.choice(
                    [["text"], ["text"], ["text", "image"], ["text", "audio"]]
                ),
                capability_score=score,
                capability_benchmark="Synthetic benchmark" if score is not None else "",
                capability_source_kind=rng.choice(AIModel.CapabilitySourceKind.values),
                capability_source_url=SOURCE_URL if score is not None else "",
                capability_index=settings.CATALOGUE_CAPABILITY_INDEX if score is not None else "",
                capability_as_of=today if score is not None else None,
                fine_tuning_available=rng.choice([True, False, None]),
                status=AIModel.Status.RETIRED if retired else AIModel.Status.ACTIVE,
                retirement_date=today - dt.timedelta(days=10) if retired else None,
                lifecycle_source_url=SOURCE_URL if retired else "",
                sources=[SOURCE_URL],
                facts_as_of=facts_date,
                last_verified=facts_date,
                curator_notes="Synthetic entry generated for benchmarks.",
                is_published=True,
                is_synthetic=True,
            )
        )
    AIModel.objects.bulk_create(models, batch_size=BATCH_SIZE)

    openness: list[OpennessAssessment] = []
    offers: list[Offer] = []
    for model in models:
        levels = Openness.values
        weights = (
            Openness.CLOSED
            if model.access == Access.API_ONLY
            else rng.choice([Openness.OPEN, Openness.PARTIAL])
        )
        openness.append(
            OpennessAssessment(
                model=model,
                weights=weights,
                training_code=rng.choice(levels),
                training_data=Openness.OPEN
                if model.access == Access.OPEN_SOURCE
                else rng.choice(levels),
                data_documentation=rng.choice(levels),
                model_card=rng.choice(levels),
                paper=rng.choice(levels),
                evaluation=rng.choice(levels),
                source_url=SOURCE_URL,
                sources=[SOURCE_URL],
                as_of=model.facts_as_of,
            )
        )
        kinds = (
            [OfferKind.VENDOR_API, OfferKind.CLOUD_MARKETPLACE]
            if model.access == Access.API_ONLY
            else [OfferKind.THIRD_PARTY_HOST, OfferKind.CLOUD_MARKETPLACE]
        )
        for offer_number in range(rng.randint(1, 3)):
            kind = kinds[0] if offer_number == 0 else rng.choice(kinds)
            input_price = _price(rng, 0.05, 15)
            support = rng.choice(SupportLevel.values)
            offers.append(
                Offer(
                    model=model,
                    kind=kind,
                    host_name=f"{SYNTHETIC_PREFIX} Host {offer_number + 1}",
                    url=SOURCE_URL,
                    input_price_per_mtok=input_price,
                    output_price_per_mtok=input_price * rng.choice([1, 2, 3, 4, 5]),
                    regions=rng.sample(REGIONS, rng.randint(1, 3)),
                    data_retention=rng.choice(["None", "30 days", "Until deleted"]),
                    trains_on_customer_data=rng.choice([False, False, True, None]),
                    certifications=rng.sample(Certification.values, rng.randint(0, 3)),
                    support_level=support,
                    sla=support == SupportLevel.ENTERPRISE,
                    source_url=SOURCE_URL,
                    as_of=model.facts_as_of,
                )
            )
    OpennessAssessment.objects.bulk_create(openness, batch_size=BATCH_SIZE)
    Offer.objects.bulk_create(offers, batch_size=BATCH_SIZE)
    catalogue_summaries_refresh(model_ids=[model.pk for model in models])
    return len(models)
