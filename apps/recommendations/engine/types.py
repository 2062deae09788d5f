"""The engine's typed interface: frozen dataclasses in, frozen dataclasses out.

Inputs describe the catalogue (`CatalogueModel`, `LicenceTerms`, `Offer`) and
the cost assumptions (`EngineSettings`); answers are a plain mapping of
question slug to option key. The output is a `Recommendation`, which turns
into JSON types with `to_dict()` and back with `Recommendation.from_dict()`,
so a stored result can be rendered later exactly as its author saw it.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import math
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

Answers = Mapping[str, str]

Side = Literal["open", "closed"]
Verdict = Literal["open", "closed", "hybrid", "none"]
Confidence = Literal["low", "medium", "high"]
Deployment = Literal["api", "self_hosted"]
Access = Literal["open_source", "open_weights", "api_only"]
LicenceKind = Literal[
    "permissive", "copyleft", "open_weights_restricted", "non_commercial", "proprietary"
]
OfferKind = Literal["vendor_api", "cloud_marketplace", "third_party_host", "supported_self_hosting"]
Route = Literal["vendor_api", "hosted_api", "self_hosted", "supported_self_hosted"]
SupportLevel = Literal["community", "business", "enterprise"]
Status = Literal["active", "deprecated", "retired"]


_ALLOWED: dict[int, frozenset[str]] = {}


def _allowed(choices: Any) -> frozenset[str]:
    # Keyed by identity: hashing a `Literal` hashes all its values every time.
    allowed = _ALLOWED.get(id(choices))
    if allowed is None:
        allowed = _ALLOWED[id(choices)] = frozenset(get_args(choices))
    return allowed


def _check_choice(value: str, choices: Any, field_name: str) -> None:
    # Called for every offer of a 10,000-model snapshot: look the values up once.
    if value not in _allowed(choices):
        allowed = get_args(choices)
        raise ValueError(f"{field_name} must be one of {allowed}, not {value!r}")


def _check_range(value: float | None, low: float, high: float, field_name: str) -> None:
    if value is not None and not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{field_name} must be between {low} and {high}, not {value}")


def _check_positive(value: float | None, field_name: str) -> None:
    if value is not None and not (math.isfinite(value) and value > 0):
        raise ValueError(f"{field_name} must be a positive number, not {value}")


# Values checked column by column (`check_columns`) need no check per object:
# a 10,000-model snapshot builds 30,000 objects from rows whose distinct values
# are a few dozen.
_checked_in_bulk: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "checked_in_bulk", default=False
)


@contextlib.contextmanager
def checked_in_bulk() -> Iterator[None]:
    """Build catalogue objects without their per-object checks, in this
    thread only; the caller has passed every value through `check_columns`."""
    token = _checked_in_bulk.set(True)
    try:
        yield
    finally:
        _checked_in_bulk.reset(token)


def check_columns(cls: type, columns: Mapping[str, Iterable[Any]]) -> None:
    """Apply `cls`'s field checks to each distinct value of each column (a
    field name and all the values the rows give it); raises ValueError like
    the constructor would."""
    checks: Mapping[str, Callable[[Any], None]] = cls._FIELD_CHECKS  # type: ignore[attr-defined]
    for name, values in columns.items():
        check = checks.get(name)
        if check is not None:
            for value in set(values):
                check(value)


_UNCHECKED: dict[type, Callable[..., Any]] = {}


def unchecked_constructor[T](cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted dataclass `cls` that takes every
    field by keyword, with no defaults, and runs no check.

    For snapshots whose values have passed through `check_columns`: a frozen
    dataclass's `__init__` sets each field through `object.__setattr__` and
    then runs `__post_init__`, which at 30,000 objects is most of a snapshot's
    build; this sets the slots directly. The objects are the same as the
    constructor's (same type, equality, hash and repr)."""
    found = _UNCHECKED.get(cls)
    if found is not None:
        return found
    names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if not names or getattr(cls, "__slots__", None) != tuple(names):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    # As dataclasses itself does: one generated function, no loop per object.
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    source = (
        f"def build(*, {', '.join(names)}):\n"
        "    self = _new(_cls)\n"
        + "".join(f"    _set_{name}(self, {name})\n" for name in names)
        + "    return self\n"
    )
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, scope)  # the source holds field names only
    build: Callable[..., T] = scope["build"]
    build.__qualname__ = f"unchecked_constructor.<{cls.__name__}>"
    _UNCHECKED[cls] = build
    return build


def _run_checks(instance: Any, checks: Mapping[str, Callable[[Any], None]]) -> None:
    if _checked_in_bulk.get():
        return
    for name, check in checks.items():
        check(getattr(instance, name))


# --- catalogue snapshot -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LicenceTerms:
    slug: str
    name: str
    kind: LicenceKind
    commercial_use: bool
    modification: bool
    redistribution: bool
    attribution_required: bool = False
    acceptable_use_policy: bool = False
    user_cap: int | None = None
    obligations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_choice(self.kind, LicenceKind, "kind")
        if self.user_cap is not None and self.user_cap <= 0:
            raise ValueError("user_cap must be positive when set")


@dataclass(frozen=True, slots=True)
class Offer:
    kind: OfferKind
    host_name: str
    input_price_per_mtok: float | None
    output_price_per_mtok: float | None
    regions: tuple[str, ...] = ()
    sla: bool = False
    support_level: SupportLevel = "community"
    trains_on_customer_data: bool | None = None
    certifications: tuple[str, ...] = ()
    data_retention: str = ""
    """The offer's retention terms in words; empty when not stated."""
    fine_tuning_available: bool | None = None
    subscription_usd_per_gpu_year: float | None = None
    """For ``supported_self_hosting``: the support subscription per GPU and year."""
    as_of: str = ""
    """When its prices and terms were read at their source (ISO date)."""

    @property
    def data_terms_known(self) -> bool:
        """Both retention and training on customer data are stated."""
        return bool(self.data_retention) and self.trains_on_customer_data is not None

    _FIELD_CHECKS: typing.ClassVar[dict[str, Callable[[Any], None]]] = {
        "kind": lambda value: _check_choice(value, OfferKind, "kind"),
        "support_level": lambda value: _check_choice(value, SupportLevel, "support_level"),
        "input_price_per_mtok": lambda value: _check_range(
            value, 0.0, math.inf, "input_price_per_mtok"
        ),
        "output_price_per_mtok": lambda value: _check_range(
            value, 0.0, math.inf, "output_price_per_mtok"
        ),
        "subscription_usd_per_gpu_year": lambda value: _check_range(
            value, 0.0, math.inf, "subscription_usd_per_gpu_year"
        ),
    }

    def __post_init__(self) -> None:
        _run_checks(self, self._FIELD_CHECKS)


@dataclass(frozen=True, slots=True)
class CatalogueModel:
    """One model of the catalogue snapshot.

    A model whose access is not ``api_only`` has downloadable weights, so it
    can always be self-hosted; the engine prices that itself (there is no
    self-hosted `Offer`). ``open_source`` and ``open_weights`` models are the
    open side, ``api_only`` models the closed side.
    """

    slug: str
    name: str
    provider: str
    access: Access
    licence: LicenceTerms
    parameters_total_b: float | None = None
    parameters_active_b: float | None = None
    capability_score: float | None = None
    openness_score: float | None = None
    fine_tuning_available: bool | None = None
    status: Status = "active"
    offers: tuple[Offer, ...] = ()
    native_precision: str = ""
    """``bf16``, ``fp8``, ``mxfp4`` …: picks the matching throughput evidence."""
    kv_bytes_per_token: float | None = None
    """KV-cache bytes per token of context, when the architecture is known."""
    facts_stale: bool = False
    """Its facts are over 180 days old and not re-verified since."""
    weight_bytes_per_parameter: float | None = None
    """From the checkpoint's native precision (2 for BF16, 1 for FP8, about
    0.53 for MXFP4); None falls back to the settings' 16-bit default."""
    capability_estimated: bool = False
    """The capability score is the index's own estimate, not a measured run."""

    _FIELD_CHECKS: typing.ClassVar[dict[str, Callable[[Any], None]]] = {
        "access": lambda value: _check_choice(value, Access, "access"),
        "status": lambda value: _check_choice(value, Status, "status"),
        "parameters_total_b": lambda value: _check_positive(value, "parameters_total_b"),
        "parameters_active_b": lambda value: _check_positive(value, "parameters_active_b"),
        "capability_score": lambda value: _check_range(value, 0.0, 100.0, "capability_score"),
        "openness_score": lambda value: _check_range(value, 0.0, 1.0, "openness_score"),
        "weight_bytes_per_parameter": lambda value: _check_range(
            value, 0.1, 4.0, "weight_bytes_per_parameter"
        ),
    }

    def __post_init__(self) -> None:
        _run_checks(self, self._FIELD_CHECKS)

    @property
    def side(self) -> Side:
        return "closed" if self.access == "api_only" else "open"

    @property
    def has_weights(self) -> bool:
        return self.access != "api_only"


@dataclass(frozen=True, slots=True)
class GpuPrice:
    """One GPU type and what an hour of it costs at one kind of provider,
    from the curated price table (median and range of the listed prices)."""

    gpu: str
    """The GPU type's slug, as in `ThroughputEvidence.gpu`."""
    name: str
    memory_gb: float
    usd_per_hour: float
    usd_per_hour_low: float
    usd_per_hour_high: float
    source: str = ""
    """The price rows in words: providers and dates."""

    def __post_init__(self) -> None:
        _check_positive(self.memory_gb, "memory_gb")
        for name in ("usd_per_hour", "usd_per_hour_low", "usd_per_hour_high"):
            _check_positive(getattr(self, name), name)
        if not self.usd_per_hour_low <= self.usd_per_hour <= self.usd_per_hour_high:
            raise ValueError("a GPU price must lie within its range")


SizeClass = Literal["xs", "s", "m", "l", "xl"]


@dataclass(frozen=True, slots=True)
class ThroughputEvidence:
    """Measured serving throughput for one size class, precision and GPU."""

    slug: str
    size_class: SizeClass
    precision: str
    gpu: str
    output_tokens_per_s_per_gpu: float
    interactive: bool
    """Measured at an interactive latency (else at maximum, offline rate)."""
    source: str = ""
    model: str = ""
    """The catalogue slug of the model measured, when it is in the catalogue."""
    active_b: float | None = None
    """Active parameters (billions) of the model measured, when stated."""

    def __post_init__(self) -> None:
        _check_choice(self.size_class, SizeClass, "size_class")
        _check_positive(self.output_tokens_per_s_per_gpu, "output_tokens_per_s_per_gpu")


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Cost-model assumptions; every default is stated on the method page.

    With cost evidence (``gpu_prices`` and ``throughput``, from the curated
    tables), a self-hosted replica is planned per GPU type: weights at the
    model's native precision plus the KV cache for ``concurrency`` requests
    of ``context_tokens`` each, on a valid tensor-parallel number of GPUs;
    its output rate is the measured throughput for the model's size class,
    precision and GPU (rows measured at maximum rate count at
    ``interactive_share_of_max``); replicas are added for the peak load
    (average × ``peak_factor``). Operations labour (``ops_fte`` of an
    engineer at ``ops_usd_per_fte_month``) is added to every self-hosted
    route.

    Without evidence (a bare catalogue in tests), the rule of thumb: one
    80 GB GPU serving 8 B active parameters sustains about 18 M tokens an
    hour, scaled by GPUs and inversely by active parameters (at most 4×),
    at ``target_utilisation``.
    """

    gpu_hourly_price_usd: float = 2.50
    gpu_memory_gb: float = 80.0
    hours_per_month: float = 730.0
    bytes_per_parameter: float = 2.0
    memory_overhead: float = 1.2
    tokens_per_gpu_hour: float = 18_000_000.0
    throughput_reference_active_b: float = 8.0
    max_throughput_scale: float = 4.0
    target_utilisation: float = 0.5
    input_token_share: float = 0.75
    peak_factor: float = 3.0
    concurrency: float = 16.0
    context_tokens: float = 8_192.0
    interactive_share_of_max: float = 0.5
    ops_fte: float = 0.0
    ops_usd_per_fte_month: float = 15_000.0
    gpu_prices: tuple[GpuPrice, ...] = ()
    throughput: tuple[ThroughputEvidence, ...] = ()

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, tuple) or field.name == "ops_fte":
                continue
            _check_positive(value, field.name)
        _check_range(self.ops_fte, 0.0, 10.0, "ops_fte")
        _check_range(self.target_utilisation, 0.0, 1.0, "target_utilisation")
        _check_range(self.input_token_share, 0.0, 1.0, "input_token_share")
        _check_range(self.interactive_share_of_max, 0.0, 1.0, "interactive_share_of_max")
        if self.memory_overhead < 1.0:
            raise ValueError("memory_overhead must be at least 1.0")
        if self.peak_factor < 1.0:
            raise ValueError("peak_factor must be at least 1.0")

    @property
    def has_evidence(self) -> bool:
        return bool(self.gpu_prices and self.throughput)

    @property
    def ops_monthly_usd(self) -> float:
        return self.ops_fte * self.ops_usd_per_fte_month


# --- recommendation -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactorResult:
    """One decision factor: ``contribution = weight × lean / Σ weight``."""

    key: str
    weight: int
    lean: float
    contribution: float
    explanation: str
    fed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExcludedModel:
    slug: str
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShortlistItem:
    slug: str
    name: str
    provider: str
    side: Side
    fit: float
    reasons: tuple[str, ...]
    obligations: tuple[str, ...]
    monthly_cost_usd: float | None
    cost_basis: str
    deployment: Deployment
    host_name: str | None
    route: Route = "vendor_api"
    data_terms: str = ""
    """Retention and training terms on this route, in words."""
    regions: tuple[str, ...] = ()
    """Where data is processed on this route (``customer``: your own servers)."""


@dataclass(frozen=True, slots=True)
class PlanPart:
    """One side of a hybrid plan (or of a close call): which work goes to
    which model and route."""

    side: Side
    slug: str
    name: str
    route: Route
    route_words: str
    work: str
    monthly_cost_usd: float | None = None  # on this route (the shortlist's is the cheapest)


@dataclass(frozen=True, slots=True)
class RemovedRoutes:
    rule: str
    """The fit rule in words."""
    count: int


@dataclass(frozen=True, slots=True)
class Relaxation:
    """One or two answer changes that would give a shortlist when none fits."""

    changes: tuple[tuple[str, str, str], ...]
    """(question slug, from key, to key) for each change."""
    verdict: Verdict
    eligible: int
    """How many (model, route) pairs would then be eligible."""
    top_pick: str
    """The first of that shortlist: model name and route in words."""


@dataclass(frozen=True, slots=True)
class CostOption:
    slug: str
    name: str
    monthly_cost_usd: float | None
    cost_basis: str
    deployment: Deployment


@dataclass(frozen=True, slots=True)
class CostPoint:
    monthly_tokens: float
    api_cost_usd: float | None
    self_hosted_cost_usd: float | None
    same_model_api_cost_usd: float | None = None
    """The self-hosted model itself through its cheapest API offer."""


@dataclass(frozen=True, slots=True)
class CostComparison:
    monthly_tokens: float
    best_api: CostOption | None
    best_self_hosted: CostOption | None
    curve: tuple[CostPoint, ...]
    break_even_tokens: float | None
    explanation: str
    same_model_api: CostOption | None = None
    """The best self-hosted model through its cheapest eligible API offer."""
    same_model_break_even_tokens: float | None = None


@dataclass(frozen=True, slots=True)
class Assumption:
    question: str
    text: str


@dataclass(frozen=True, slots=True)
class Flip:
    question: str
    from_key: str
    to_key: str
    new_verdict: Verdict
    new_score: float


@dataclass(frozen=True, slots=True)
class WeightOverride:
    factor: str
    weight: int
    answer_weight: int


@dataclass(frozen=True, slots=True)
class Recommendation:
    engine_version: str
    score: float
    verdict: Verdict
    confidence: Confidence
    verdict_reasons: tuple[str, ...]
    factors: tuple[FactorResult, ...]
    excluded: tuple[ExcludedModel, ...]
    shortlist: tuple[ShortlistItem, ...]
    costs: CostComparison
    assumptions: tuple[Assumption, ...]
    sensitivity: tuple[Flip, ...]
    constraints: tuple[str, ...]
    weight_overrides: tuple[WeightOverride, ...]
    removed_routes: tuple[RemovedRoutes, ...] = ()
    """Per fit rule, how many (model, route) pairs it removed."""
    relaxations: tuple[Relaxation, ...] = ()
    """For verdict ``none``: the smallest answer changes that would give a shortlist."""
    plan: tuple[PlanPart, ...] = ()
    """For verdict ``hybrid``: the split of the work, closed part first."""
    close_call: bool = False
    """A hybrid with nothing pulling one way: two single-side plans, not a split."""

    def to_dict(self) -> dict[str, Any]:
        """Only JSON types: dicts, lists, str, int, float, bool and None."""
        encoded = _encode(self)
        assert isinstance(encoded, dict)
        return encoded

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recommendation:
        """Rebuild a recommendation stored with `to_dict()` (exact round trip)."""
        decoded = _decode(cls, data)
        assert isinstance(decoded, Recommendation)
        return decoded


# --- JSON conversion ----------------------------------------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a recommendation never holds an infinite or NaN number")
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = hints
    return hints


def _decode(annotation: Any, value: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        if value is None:
            return None
        (inner,) = (arg for arg in get_args(annotation) if arg is not type(None))
        return _decode(inner, value)
    if origin is Literal:
        if value not in get_args(annotation):
            raise ValueError(f"{value!r} is not one of {get_args(annotation)}")
        return value
    if origin is tuple:
        item_type = get_args(annotation)[0]
        return tuple(_decode(item_type, item) for item in value)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        hints = _hints(annotation)
        fields = dataclasses.fields(annotation)
        names = {field.name for field in fields}
        # Fields added since a result was stored have defaults and may be missing.
        required = {
            field.name
            for field in fields
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        }
        if not required <= set(value) <= names:
            raise ValueError(f"{annotation.__name__} needs the fields {sorted(required)}")
        return annotation(**{name: _decode(hints[name], value[name]) for name in sorted(value)})
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, not {value!r}")
        return float(value)
    if annotation in (int, str, bool):
        if type(value) is not annotation:
            raise ValueError(f"expected {annotation.__name__}, not {value!r}")
        return value
    raise TypeError(f"cannot decode {annotation!r}")
