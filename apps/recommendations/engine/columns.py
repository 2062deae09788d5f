"""The prepared catalogue as columns, for the pass over every model.

A pass (`eligibility.assess_split`) asks the same few questions of every
model: does its licence fail, which of its offers do the route rules allow,
what does each allowed way of running it cost at the volume, which is the
cheapest, is that within budget. Asked one model at a time in Python that is
a few microseconds a model, most of the engine's time at 10,000 models; as
array operations over these columns it is a few hundred microseconds, and
only the models' results are built one by one.

Each offer sits in a slot (its position among the model's offers); a model
with fewer offers than the widest has empty slots, whose class is -1 (never
allowed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from .costs import SelfHostingPlan
from .facts import ModelFacts

if TYPE_CHECKING:
    from .eligibility import Assessment

EMPTY_SLOT = -1

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]


def _objects(values: Sequence[object]) -> ObjectArray:
    """A one-dimensional array of the values as they are (tuples stay items)."""
    array = np.empty(len(values), dtype=object)
    for at, value in enumerate(values):
        array[at] = value
    return array


class EligibleRows(NamedTuple):
    """The eligible models of a pass as rows of the columns, with the way
    each would be run (what ranking them needs)."""

    columns: Columns
    rows: IntArray
    cost: FloatArray
    """Monthly cost of the way it would be run (NaN: no price)."""
    slot: IntArray
    """The offer it would be run on, when not self-hosted."""
    self_hosted: BoolArray
    on_premises: BoolArray
    """Run on a vendor-supported self-hosting subscription."""


class Eligible(list["Assessment"]):
    """The eligible models' assessments, with the same models as rows of
    the catalogue's columns (`rows`), for ranking them in bulk."""

    __slots__ = ("rows",)

    def __init__(self, assessments: Iterable[Assessment], rows: EligibleRows) -> None:
        super().__init__(assessments)
        self.rows = rows


class Columns:
    """One row per model, in the models' order."""

    __slots__ = (
        "capability_scores",
        "facts",
        "is_open",
        "licence_at",
        "licence_bits",
        "licence_count",
        "names",
        "offer_classes",
        "offer_count",
        "offer_width",
        "offers",
        "on_premises",
        "plan_at",
        "plans",
        "premises_at",
        "premises_keys",
        "priced",
        "prices",
        "slug_order",
        "slugs",
        "support_values",
        "training_values",
        "values",
    )

    def __init__(self, models: Sequence[ModelFacts]) -> None:
        count = len(models)
        width = max((len(facts.offers) for facts in models), default=0) or 1
        self.licence_bits: IntArray = np.fromiter(
            (facts.licence_bits for facts in models), dtype=np.int64, count=count
        )
        self.is_open: BoolArray = np.fromiter(
            (facts.side == "open" for facts in models), dtype=np.bool_, count=count
        )
        self.facts: ObjectArray = _objects(models)
        self.slugs: ObjectArray = _objects([facts.model.slug for facts in models])
        self.names: ObjectArray = _objects([facts.model.name for facts in models])
        licences: dict[str, int] = {}
        self.licence_at: IntArray = np.fromiter(
            (licences.setdefault(facts.model.licence.name, len(licences)) for facts in models),
            dtype=np.int64,
            count=count,
        )
        self.licence_count = max(1, len(licences))
        self.values: FloatArray = np.array(
            [facts.values for facts in models], dtype=np.float64
        ).reshape(count, 4)
        """`ModelFacts.values`: openness position, capability value,
        fine-tuning value, status factor."""
        self.capability_scores: FloatArray = np.array(
            [
                np.nan if facts.model.capability_score is None else facts.model.capability_score
                for facts in models
            ],
            dtype=np.float64,
        )
        self.offer_count: IntArray = np.fromiter(
            (len(facts.offers) for facts in models), dtype=np.int64, count=count
        )
        self.offer_width = width
        self.offers: ObjectArray = np.full((count, width), None, dtype=object)
        classes = [[EMPTY_SLOT] * width for _ in range(count)]
        prices = [[np.nan] * width for _ in range(count)]
        on_premises = [[False] * width for _ in range(count)]
        support_values = [[0.0] * width for _ in range(count)]
        training_values = [[0.0] * width for _ in range(count)]
        premises_at = [[EMPTY_SLOT] * width for _ in range(count)]
        # Plans are shared by models of one size: each distinct plan (by
        # identity, as the costs are cached) and each distinct subscription
        # on a plan is costed once per pass, then spread to its rows.
        plans: dict[int, int] = {}
        self.plans: list[SelfHostingPlan] = []
        premises: dict[tuple[int, float | None], int] = {}
        self.premises_keys: list[tuple[SelfHostingPlan | None, float | None]] = []
        plan_at = [EMPTY_SLOT] * count
        for row, facts in enumerate(models):
            plan = facts.plan
            if plan is not None:
                at = plans.get(id(plan))
                if at is None:
                    at = plans[id(plan)] = len(self.plans)
                    self.plans.append(plan)
                plan_at[row] = at
            for slot, item in enumerate(facts.offers):
                self.offers[row, slot] = item
                support_values[row][slot] = item.support_value
                training_values[row][slot] = item.training_value
                classes[row][slot] = item.offer_class
                if item.on_premises:
                    on_premises[row][slot] = True
                    price = item.offer.subscription_usd_per_gpu_year
                    key = (id(plan), price)
                    found = premises.get(key)
                    if found is None:
                        found = premises[key] = len(self.premises_keys)
                        self.premises_keys.append((plan, price))
                    premises_at[row][slot] = found
                elif item.price_per_mtok is not None:
                    prices[row][slot] = item.price_per_mtok
        self.offer_classes: IntArray = np.array(classes, dtype=np.int64).reshape(count, width)
        self.prices: FloatArray = np.array(prices, dtype=np.float64).reshape(count, width)
        """Per slot, an API offer's blended price (NaN: none, or unpriced)."""
        self.priced: BoolArray = ~np.isnan(self.prices)
        self.support_values: FloatArray = np.array(support_values, dtype=np.float64).reshape(
            count, width
        )
        self.training_values: FloatArray = np.array(training_values, dtype=np.float64).reshape(
            count, width
        )
        """Per slot, what the offer alone contributes to fit (`OfferFacts`)."""
        self.on_premises: BoolArray = np.array(on_premises, dtype=np.bool_).reshape(count, width)
        self.premises_at: IntArray = np.array(premises_at, dtype=np.int64).reshape(count, width)
        self.plan_at: IntArray = np.array(plan_at, dtype=np.int64)
        self.slug_order: IntArray = np.array(
            sorted(range(count), key=lambda row: models[row].model.slug), dtype=np.int64
        )
        """The rows in slug order."""
