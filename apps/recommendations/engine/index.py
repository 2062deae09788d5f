"""What the verdict needs from the catalogue without a pass over every model.

`CatalogueIndex` answers, for any set of requirements, whether each side has
an eligible (model, route) pair, its cheapest eligible cost and its best
eligible capability, so the sensitivity analysis can re-run the verdict
dozens of times over a large catalogue. `PreparedCatalogue` holds a snapshot
with its per-model facts and this index, built once.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from .constraints import Requirements
from .costs import SelfHostingPlan, self_hosted_monthly_costs, supported_monthly_cost
from .eligibility import Assessment, PassCache
from .factors import ROUTE_RULES
from .facts import RETIRED, ModelFacts, prepare
from .types import CatalogueModel, EngineSettings, ExcludedModel, Side

# --- side summaries without a pass over the catalogue ----------------------------


@dataclass(frozen=True, slots=True)
class SideSummary:
    available: bool
    best_cost_usd: float | None
    """The cheapest eligible model's estimated monthly cost (priced ones)."""
    best_capability: float | None
    """The highest capability score among eligible models (scored ones)."""


NO_MODEL = SideSummary(available=False, best_cost_usd=None, best_capability=None)

_NO_SCORE = float("-inf")


class _Entries:
    """Ways to run the models of one side and licence profile, one way each:
    priced ones sorted by cost with the best capability so far, and whether
    unpriced ones exist (they count only when there is no budget)."""

    __slots__ = ("costs", "best_capability", "has_unpriced", "unpriced_capability")

    def __init__(self, priced: list[tuple[float, float]], unpriced: Sequence[float]) -> None:
        priced.sort(key=itemgetter(0))
        self.costs = [cost for cost, _capability in priced]
        self.best_capability = list(accumulate((item[1] for item in priced), max))
        self.has_unpriced = bool(unpriced)
        self.unpriced_capability = max(unpriced, default=_NO_SCORE)


@dataclass(slots=True)
class _Accumulator:
    available: bool = False
    best_cost: float | None = None
    best_capability: float = _NO_SCORE

    def add(self, entries: _Entries, budget: float | None, scale: float) -> None:
        """Fold in one group; its costs times ``scale`` are monthly costs (API
        prices are per M tokens, self-hosted costs are monthly already)."""
        costs = entries.costs
        if budget is None:
            within = len(costs)
            if entries.has_unpriced:
                self.available = True
                self.best_capability = max(self.best_capability, entries.unpriced_capability)
        else:
            within = bisect_right(costs, budget, key=lambda value: value * scale)
        if within:
            self.available = True
            cheapest = costs[0] * scale
            if self.best_cost is None or cheapest < self.best_cost:
                self.best_cost = cheapest
            self.best_capability = max(self.best_capability, entries.best_capability[within - 1])

    def summary(self) -> SideSummary:
        return SideSummary(
            available=self.available,
            best_cost_usd=self.best_cost,
            best_capability=(None if self.best_capability == _NO_SCORE else self.best_capability),
        )


_SupportedGroup = tuple[list[tuple[SelfHostingPlan, float, float]], list[float]]


class CatalogueIndex:
    """Per side, licence profile and way of running: sorted costs.

    A side's summary under some requirements is then a handful of binary
    searches, whatever the size of the catalogue. Self-hosted costs depend on
    the volume through the number of replicas, so they are sorted once per
    volume asked for.
    """

    def __init__(self, facts: Sequence[ModelFacts]) -> None:
        # API offers: per (side, licence profile), per offer class, the priced
        # (price, capability) pairs and the capabilities of unpriced offers.
        api: dict[tuple[Side, int], dict[int, tuple[list[tuple[float, float]], list[float]]]] = {}
        # Self-hosted: per licence profile, each distinct plan with the best
        # capability among its models (one cost per plan and volume).
        plans: dict[int, dict[SelfHostingPlan, float]] = {}
        self_unpriced: dict[int, list[float]] = {}
        # Vendor-supported self-hosting: per (side, licence profile, offer
        # class), (plan, subscription per GPU-year, capability) and unpriced.
        supported: dict[tuple[Side, int, int], _SupportedGroup] = {}
        for model, side, bits, offers, plan, *_rest in facts:
            capability = model.capability_score
            score = _NO_SCORE if capability is None else capability
            if offers:
                by_class = api.get((side, bits))
                if by_class is None:
                    by_class = api[side, bits] = {}
                for offer in offers:
                    if offer.on_premises:
                        group = supported.setdefault((side, bits, offer.offer_class), ([], []))
                        price = offer.offer.subscription_usd_per_gpu_year
                        if plan is None or price is None:
                            group[1].append(score)
                        else:
                            group[0].append((plan, price, score))
                        continue
                    lists = by_class.get(offer.offer_class)
                    if lists is None:
                        lists = by_class[offer.offer_class] = ([], [])
                    if offer.price_per_mtok is None:
                        lists[1].append(score)
                    else:
                        lists[0].append((offer.price_per_mtok, score))
            if side == "open":
                planned = plans.get(bits)
                if planned is None:
                    planned = plans[bits] = {}
                if plan is None:
                    self_unpriced.setdefault(bits, []).append(score)
                elif planned.get(plan, _NO_SCORE) <= score:
                    planned[plan] = score
        self._api = {
            (side, offer_class, bits): _Entries(priced, unpriced)
            for (side, bits), by_class in sorted(api.items())
            for offer_class, (priced, unpriced) in sorted(by_class.items())
        }
        self._plans = {bits: sorted(planned.items()) for bits, planned in sorted(plans.items())}
        self._self_unpriced = self_unpriced
        self._supported = supported
        self._supported_at: dict[tuple[Side, int, int, float, bool], _Entries] = {}
        self._self_hosted_at: dict[tuple[int, float], _Entries] = {}
        self._summaries: dict[tuple[object, ...], dict[Side, SideSummary]] = {}

    def summaries(self, requirements: Requirements) -> dict[Side, SideSummary]:
        mask = requirements.licence_mask
        classes = requirements.allowed_offer_classes
        tokens = requirements.monthly_tokens
        budget = requirements.budget_usd
        sla = requirements.sla
        key = (mask, classes, requirements.self_hosting_allowed, tokens, budget, sla)
        cached = self._summaries.get(key)
        if cached is not None:
            return cached
        sides: dict[Side, _Accumulator] = {
            "open": _Accumulator(),
            "closed": _Accumulator(),
        }
        scale = tokens / 1_000_000.0
        for (side, offer_class, bits), entries in self._api.items():
            if not bits & mask and offer_class in classes:
                sides[side].add(entries, budget, scale)
        for side, bits, offer_class in self._supported:
            if not bits & mask and offer_class in classes:
                entries = self._supported_entries(side, bits, offer_class, tokens, sla)
                sides[side].add(entries, budget, 1.0)
        if requirements.self_hosting_allowed:
            for bits in self._plans:
                if not bits & mask:
                    sides["open"].add(self._self_hosted_entries(bits, tokens), budget, 1.0)
        result: dict[Side, SideSummary] = {
            side: accumulator.summary() for side, accumulator in sides.items()
        }
        self._summaries[key] = result
        return result

    def _supported_entries(
        self, side: Side, bits: int, offer_class: int, tokens: float, sla: bool
    ) -> _Entries:
        key = (side, bits, offer_class, tokens, sla)
        entries = self._supported_at.get(key)
        if entries is None:
            priced, unpriced = self._supported[side, bits, offer_class]
            entries = _Entries(
                [
                    (supported_monthly_cost(plan, tokens, price, sla), capability)
                    for plan, price, capability in priced
                ],
                unpriced,
            )
            self._supported_at[key] = entries
        return entries

    def _self_hosted_entries(self, bits: int, tokens: float) -> _Entries:
        entries = self._self_hosted_at.get((bits, tokens))
        if entries is None:
            plans = self._plans[bits]
            costs = self_hosted_monthly_costs([plan for plan, _capability in plans], tokens)
            entries = _Entries(
                [
                    (cost, capability)
                    for cost, (_plan, capability) in zip(costs, plans, strict=True)
                ],
                self._self_unpriced.get(bits, ()),
            )
            self._self_hosted_at[bits, tokens] = entries
        return entries


class PreparedCatalogue:
    """A catalogue snapshot with its per-model facts and index, built once.

    `recommend` prepares the catalogue itself on every call; a caller that
    keeps one snapshot for many recommendations (say, per catalogue version)
    can prepare it once with `prepare_catalogue` and pass this instead. It is
    never changed by use beyond filling its caches, so it can be shared.
    """

    __slots__ = (
        "assessed",
        "cache",
        "facts",
        "index",
        "lock",
        "offer_classes",
        "self_hostable",
        "settings",
    )

    def __init__(self, catalogue: Sequence[CatalogueModel], settings: EngineSettings) -> None:
        self.settings = settings
        self.facts = prepare(catalogue, settings)
        self.index = CatalogueIndex(self.facts)
        # How many offers of each class, and how many models could be
        # self-hosted, among models that are not retired: what the fit rules
        # remove is counted from these, not from a pass over every model.
        classes: Counter[int] = Counter()
        self_hostable = 0
        for item in self.facts:
            if item.licence_bits & RETIRED:
                continue
            classes.update(offer.offer_class for offer in item.offers)
            self_hostable += item.side == "open"
        self.offer_classes = classes
        self.self_hostable = self_hostable
        # Shared by every `assess` over this catalogue; keys hold id()s of
        # plans this object keeps alive, so they stay valid.
        self.cache = PassCache()
        # The last passes of every model against a set of requirements (see
        # recommend._assessed); the lists are never changed once stored.
        self.lock = threading.Lock()
        self.assessed: OrderedDict[Requirements, tuple[list[Assessment], list[ExcludedModel]]] = (
            OrderedDict()
        )

    def removed_routes(self, requirements: Requirements) -> dict[str, int]:
        """Per fit rule (`ROUTE_RULES` key), the (model, route) pairs it removes."""
        removed: Counter[str] = Counter()
        for offer_class, count in self.offer_classes.items():
            for rule in requirements.failed_rules(offer_class):
                removed[rule] += count
        for rule in requirements.self_hosting_failed_rules():
            removed[rule] += self.self_hostable
        return {key: removed[key] for key in ROUTE_RULES if removed[key]}

    def __len__(self) -> int:
        return len(self.facts)
