"""What the fit rules look at in each model of a catalogue snapshot,
worked out once per snapshot: its offers' classes (which fit rules each offer meets, as bits), what
its licence and status rule out, its
self-hosting plan and what it contributes to fit on its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .costs import SelfHostingPlan, blended_price_per_mtok, self_hosting_plan
from .model_values import (
    capability_value,
    fine_tuning_value,
    openness_position,
    support_value,
    training_value,
)
from .settings import DEPRECATED_FIT_FACTOR
from .types import CatalogueModel, EngineSettings, Offer, Route, Side

# Bits describing an offer: which fit rules it meets.
OFFER_HAS_REGIONS = 1
OFFER_HAS_SLA = 2
OFFER_TRAINS_ON_DATA = 4
OFFER_TERMS_UNKNOWN = 8
OFFER_FINE_TUNING = 16
OFFER_IN_EU = 32
OFFER_IN_UK = 64
OFFER_IN_US = 128
OFFER_ON_PREMISES = 256
"""A vendor-supported self-hosting subscription: the model runs on the
customer's own infrastructure, so data never reaches the vendor."""
OFFER_CLASSES = range(512)
REGION_BITS = {"eu": OFFER_IN_EU, "uk": OFFER_IN_UK, "us": OFFER_IN_US}

# Bits describing what a model's licence and status rule out.
RETIRED = 1
NO_COMMERCIAL_USE = 2
NO_MODIFICATION = 4
NO_REDISTRIBUTION = 8


def offer_class_of(offer: Offer) -> int:
    regions = offer.regions
    bits = (
        (OFFER_HAS_REGIONS if regions and regions != ("global",) else 0)
        | (OFFER_HAS_SLA if offer.sla else 0)
        | (OFFER_TRAINS_ON_DATA if offer.trains_on_customer_data else 0)
        | (0 if offer.data_terms_known else OFFER_TERMS_UNKNOWN)
        | (OFFER_FINE_TUNING if offer.fine_tuning_available else 0)
        | (OFFER_ON_PREMISES if offer.kind == "supported_self_hosting" else 0)
    )
    for region in regions:
        bits |= REGION_BITS.get(region, 0)
    return bits


# --- per-model facts, computed once per snapshot ----------------------------------
#
# These records are NamedTuples rather than frozen dataclasses: the engine
# builds several per catalogue model on every call, and a NamedTuple is about
# three times cheaper to build, which matters at 10,000 models.


class OfferFacts(NamedTuple):
    offer: Offer
    price_per_mtok: float | None
    """Blended USD per million tokens at the stated input share, or None."""
    offer_class: int
    """The OFFER_* bits, see `offer_class_of`."""
    on_premises: bool
    """A vendor-supported self-hosting subscription (`OFFER_ON_PREMISES`)."""
    support_value: float
    training_value: float
    """What the offer alone contributes to fit (see `model_values`)."""

    @property
    def route(self) -> Route:
        kind = self.offer.kind
        if kind == "vendor_api":
            return "vendor_api"
        if kind == "supported_self_hosting":
            return "supported_self_hosted"
        return "hosted_api"


class ModelFacts(NamedTuple):
    model: CatalogueModel
    side: Side
    licence_bits: int
    """RETIRED | NO_COMMERCIAL_USE | NO_MODIFICATION | NO_REDISTRIBUTION bits;
    the last two are set for every model without downloadable weights."""
    offers: tuple[OfferFacts, ...]
    plan: SelfHostingPlan | None
    values: tuple[float, float, float, float]
    """What fit needs of the model alone, worked out once: its openness
    position (-1 closed … +1), capability value, fine-tuning value and the
    factor its status keeps of its fit (1.0, or 0.8 when deprecated)."""
    offer_classes: tuple[int, ...]
    """Each offer's class, in order (what the fit rules look at)."""
    offer_profile: int
    """The same number for every model whose offers have the same classes
    (a cheap key for what the fit rules make of them)."""


def prepare(
    catalogue: Sequence[CatalogueModel], settings: EngineSettings
) -> tuple[ModelFacts, ...]:
    facts: list[ModelFacts] = []
    slugs: set[str] = set()
    # A plan depends only on the parameter counts: models of one size share it.
    plans: dict[tuple[object, ...], SelfHostingPlan | None] = {}
    profiles: dict[tuple[int, ...], int] = {}
    for model in catalogue:
        if model.slug in slugs:
            raise ValueError(f"the catalogue holds {model.slug!r} twice")
        slugs.add(model.slug)
        licence = model.licence
        has_weights = model.access != "api_only"
        licence_bits = (
            (RETIRED if model.status == "retired" else 0)
            | (0 if licence.commercial_use else NO_COMMERCIAL_USE)
            | (0 if has_weights and licence.modification else NO_MODIFICATION)
            | (0 if has_weights and licence.redistribution else NO_REDISTRIBUTION)
        )
        offers = tuple(
            [
                OfferFacts(
                    offer,
                    blended_price_per_mtok(offer, settings),
                    offer_class := offer_class_of(offer),
                    bool(offer_class & OFFER_ON_PREMISES),
                    support_value(offer),
                    training_value(offer),
                )
                for offer in model.offers
            ]
        )
        classes = tuple([item.offer_class for item in offers])
        plan = None
        if has_weights:
            size = (
                model.parameters_total_b,
                model.parameters_active_b,
                model.weight_bytes_per_parameter,
                model.native_precision,
                model.kv_bytes_per_token,
            )
            if size in plans:
                plan = plans[size]
            else:
                plan = plans[size] = self_hosting_plan(model, settings)
        facts.append(
            ModelFacts(
                model,
                "open" if has_weights else "closed",
                licence_bits,
                offers,
                plan,
                (
                    openness_position(model),
                    capability_value(model),
                    fine_tuning_value(model),
                    DEPRECATED_FIT_FACTOR if model.status == "deprecated" else 1.0,
                ),
                classes,
                profiles.setdefault(classes, len(profiles)),
            )
        )
    return tuple(facts)
