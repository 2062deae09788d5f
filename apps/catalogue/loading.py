"""Load catalogue data (schema_version 2, or the launch schema 1) into the database.

Upserts by slug (offers by model + kind + host; GPU prices by GPU + provider +
pricing + region; models.dev mappings by their id), in one transaction, and
saves only what changed, so loading the same file twice writes nothing and
records no history. A key missing from a row leaves that field as it is, so
a schema-1 file does not blank the facts schema 2 added. Nothing is deleted:
an entry removed from the file stays until a curator deletes it. New models
are published; a model a curator has unpublished stays unpublished.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db import models as db_models

from apps.catalogue.models import (
    AIModel,
    GPUPrice,
    GPUType,
    Licence,
    ModelsDevMapping,
    Offer,
    OpennessAssessment,
    Provider,
    ThroughputEvidence,
)
from apps.catalogue.summary import summaries_deferred

SCHEMA_VERSION = 2
READABLE_SCHEMA_VERSIONS = (1, 2)

PROVIDER_KEYS = ["name", "country", "kind", "website", "source_url"]
LICENCE_KEYS = [
    "spdx_id",
    "name",
    "url",
    "kind",
    "commercial_use",
    "modification",
    "redistribution",
    "attribution_required",
    "acceptable_use_policy_url",
    "user_cap",
    "osi_approved",
    "obligations",
    "clauses",
    "service_counts_as_distribution",
    "notes",
    "source_url",
    "as_of",
]
MODEL_KEYS = [
    "name",
    "family",
    "release_date",
    "access",
    "parameters_total_b",
    "parameters_active_b",
    "context_window",
    "max_output_tokens",
    "knowledge_cutoff",
    "native_precision",
    "checkpoint_size_gb",
    "num_layers",
    "num_attention_heads",
    "num_kv_heads",
    "head_dim",
    "kv_cache_bytes_per_token",
    "architecture_source_url",
    "modalities_input",
    "modalities_output",
    "capability_score",
    "capability_benchmark",
    "capability_source_kind",
    "capability_source_url",
    "capability_index",
    "capability_as_of",
    "capability_note",
    "other_benchmarks",
    "fine_tuning_available",
    "status",
    "retirement_date",
    "lifecycle_source_url",
    "sources",
    "facts_as_of",
    "last_verified",
    "curator_notes",
]
OPENNESS_KEYS = [
    "weights",
    "training_code",
    "training_data",
    "data_documentation",
    "model_card",
    "paper",
    "evaluation",
    "source_url",
    "sources",
    "as_of",
    "notes",
]
OFFER_KEYS = [
    "url",
    "api_model_id",
    "input_price_per_mtok",
    "cached_input_price_per_mtok",
    "output_price_per_mtok",
    "long_context_threshold_tokens",
    "long_context_input_price_per_mtok",
    "long_context_output_price_per_mtok",
    "price_basis",
    "subscription_price_usd",
    "subscription_unit",
    "regions",
    "data_retention",
    "trains_on_customer_data",
    "zero_data_retention",
    "data_terms_source_url",
    "fine_tuning_available",
    "certifications",
    "support_level",
    "sla",
    "status",
    "shutdown_date",
    "lifecycle_source_url",
    "source_url",
    "as_of",
    "notes",
]
GPU_TYPE_KEYS = ["name", "vendor", "memory_gb", "source_url", "as_of", "notes"]
GPU_PRICE_KEYS = ["provider_kind", "price_per_gpu_hour", "includes", "source_url", "as_of", "notes"]
THROUGHPUT_KEYS = [
    "model_measured",
    "size_class",
    "params_total_b",
    "params_active_b",
    "precision",
    "gpus",
    "engine",
    "workload",
    "kind",
    "output_tokens_per_s_per_gpu",
    "per_user_tokens_per_s",
    "source_url",
    "as_of",
    "notes",
]
MAPPING_KEYS = ["ignored", "notes"]


class CatalogueDataError(Exception):
    """The data could not be loaded; nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    withheld: Counter[str] = field(default_factory=Counter)
    KINDS = {
        "provider": "providers",
        "licence": "licences",
        "model": "models",
        "openness": "openness",
        "offer": "offers",
        "gpu_type": "GPU types",
        "gpu_price": "GPU prices",
        "throughput": "throughput rows",
        "mapping": "models.dev mappings",
    }

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def summary(self) -> str:
        kinds = self.KINDS
        parts = [
            f"{plural}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            + (f", {self.kept[kind]} kept as curated" if self.kept[kind] else "")
            + (f", {self.withheld[kind]} not re-added" if self.withheld[kind] else "")
            for kind, plural in kinds.items()
        ]
        return "; ".join(parts)


def _coerce(model_class: type[db_models.Model], key: str, value: Any) -> Any:
    """A JSON value as the model field holds it (dates, decimals, "" for null text)."""
    model_field = model_class._meta.get_field(key)
    if value is None:
        if isinstance(model_field, db_models.JSONField):
            return []
        if (
            isinstance(model_field, db_models.CharField | db_models.TextField)
            and not model_field.null
        ):
            return ""
        return None
    if isinstance(model_field, db_models.DateField):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError as error:
            raise ValidationError({key: f"“{value}” is not a date (YYYY-MM-DD)."}) from error
    if isinstance(model_field, db_models.DecimalField):
        try:
            return Decimal(str(value))
        except InvalidOperation as error:
            raise ValidationError({key: f"“{value}” is not a number."}) from error
    return value


def _values(
    model_class: type[db_models.Model], row: dict[str, Any], keys: list[str]
) -> dict[str, Any]:
    values = {}
    errors: dict[str, list[str]] = {}
    for key in keys:
        if key not in row:
            continue
        try:
            values[key] = _coerce(model_class, key, row.get(key))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return values


def _differs(instance: db_models.Model, name: str, value: Any) -> bool:
    model_field = instance._meta.get_field(name)
    if name == model_field.attname and name != model_field.name:  # a key given as `x_id`
        return getattr(instance, name) != value
    if model_field.is_relation:  # compare keys: no query for the related row
        return getattr(instance, model_field.attname) != value.pk
    return getattr(instance, name) != value


def _save_row(instance: db_models.Model, values: dict[str, Any], *, is_new: bool) -> str:
    """Apply values; validate and save only when something differs."""
    changed = [name for name, value in values.items() if is_new or _differs(instance, name, value)]
    if not is_new and not changed:
        return "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    # Fields and clean() rules here; the table's CHECK constraints are left to
    # the database (validating each in Python costs three queries, and a load
    # has thousands), and a violation is reported for this row.
    # Related rows come from this load's own lookups, so their existence is
    # not queried again either.
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=relations, validate_unique=is_new, validate_constraints=False)
    update_fields = None
    if not is_new:
        update_fields = [instance._meta.get_field(name).attname for name in changed]
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            update_fields.append("updated_at")
    try:
        with transaction.atomic():  # a savepoint: the load goes on to report other rows
            instance.save(update_fields=update_fields)
    except IntegrityError as error:
        raise ValidationError(f"breaks a catalogue rule: {error}".strip()) from error
    return "created" if is_new else "updated"


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


@dataclass
class _RemovedKeys:
    providers: set[str] = field(default_factory=set)
    licences: set[str] = field(default_factory=set)
    models: set[str] = field(default_factory=set)
    openness: set[int] = field(default_factory=set)
    offers: set[tuple[int, str, str]] = field(default_factory=set)


def _removed_keys() -> _RemovedKeys:
    def slugs(model_class: type[db_models.Model]) -> set[str]:
        ever = set(model_class.history.values_list("slug", flat=True))
        return ever - set(model_class.objects.values_list("slug", flat=True))

    offer_fields = ("model_id", "kind", "host_name")
    return _RemovedKeys(
        providers=slugs(Provider),
        licences=slugs(Licence),
        models=slugs(AIModel),
        openness=set(OpennessAssessment.history.values_list("model_id", flat=True))
        - set(OpennessAssessment.objects.values_list("model_id", flat=True)),
        offers=set(Offer.history.values_list(*offer_fields))
        - set(Offer.objects.values_list(*offer_fields)),
    )


def catalogue_load(*, data: dict[str, Any], only_new: bool = False) -> LoadResult:
    """Upsert everything in `data`; raise CatalogueDataError (writing nothing) on any bad entry.

    With `only_new`, add only entries the catalogue has never had and leave
    every existing row as it is, so curators' edits survive (what `make run`
    does on every start). An entry a curator deleted or renamed has history
    under its old key, so it is not added back."""
    if not isinstance(data, dict) or data.get("schema_version") not in READABLE_SCHEMA_VERSIONS:
        found = data.get("schema_version") if isinstance(data, dict) else None
        readable = " or ".join(str(version) for version in READABLE_SCHEMA_VERSIONS)
        raise CatalogueDataError([f"schema_version must be {readable}, found {found!r}."])

    result = LoadResult()
    errors: list[str] = []

    def record(kind: str, outcome: str) -> None:
        getattr(result, outcome)[kind] += 1

    def _save(
        instance: db_models.Model, values: dict[str, Any], *, is_new: bool, gone: bool = False
    ) -> str:
        if only_new and not is_new:
            return "kept"
        if only_new and gone:
            return "withheld"
        return _save_row(instance, values, is_new=is_new)

    def upsert_by_slug(
        model_class: type[db_models.Model], kind: str, keys: list[str], gone_slugs: set[str]
    ) -> dict[str, db_models.Model]:
        """Providers and licences: upsert each row by slug; return them by slug."""
        by_slug = {instance.slug: instance for instance in model_class.objects.all()}
        for index, row in enumerate(data.get(f"{kind}s", [])):
            slug = row.get("slug")
            try:
                values = _values(model_class, row, keys)
                instance = by_slug.get(slug)
                is_new = instance is None
                instance = instance or model_class(slug=slug)
                outcome = _save(instance, values, is_new=is_new, gone=slug in gone_slugs)
                record(kind, outcome)
                if outcome != "withheld":
                    by_slug[slug] = instance
            except ValidationError as error:
                errors.append(f"{kind}s[{index}] ({slug}): {_describe(error)}")
        return by_slug

    with transaction.atomic(), summaries_deferred():
        # Keys that existed once (they have history) but are gone now.
        gone = _removed_keys() if only_new else _RemovedKeys()
        providers = upsert_by_slug(Provider, "provider", PROVIDER_KEYS, gone.providers)
        licences = upsert_by_slug(Licence, "licence", LICENCE_KEYS, gone.licences)

        rows = data.get("models", [])
        slugs = [row.get("slug") for row in rows]
        existing = {
            m.slug: m
            for m in AIModel.objects.filter(slug__in=slugs)
            .select_related("openness")
            .prefetch_related("offers")
        }
        for index, row in enumerate(rows):
            slug = row.get("slug")
            where = f"models[{index}] ({slug})"
            provider = providers.get(row.get("provider"))
            licence = licences.get(row.get("licence"))
            if (
                only_new
                and slug not in existing
                and (
                    slug in gone.models
                    or row.get("provider") in gone.providers
                    or row.get("licence") in gone.licences
                )
            ):
                record("model", "withheld")
                continue
            if provider is None or licence is None:
                missing = "provider" if provider is None else "licence"
                errors.append(f"{where}: unknown {missing} “{row.get(missing)}”.")
                continue
            try:
                values = _values(AIModel, row, MODEL_KEYS)
                if "capability_source_kind" in row and not row["capability_source_kind"]:
                    # The open data names no source kind for a model without
                    # a score; the stored one stays as it is.
                    values.pop("capability_source_kind", None)
                values.update(provider=provider, licence=licence)
                model = existing.get(slug)
                is_new = model is None
                model = model or AIModel(slug=slug, is_published=True)
                record("model", _save(model, values, is_new=is_new))
            except ValidationError as error:
                errors.append(f"{where}: {_describe(error)}")
                continue

            if row.get("openness"):
                try:
                    values = _values(OpennessAssessment, row["openness"], OPENNESS_KEYS)
                    openness = getattr(model, "openness", None) if not is_new else None
                    is_new_openness = openness is None
                    openness = openness or OpennessAssessment()
                    openness.model = model
                    record(
                        "openness",
                        _save(
                            openness,
                            values,
                            is_new=is_new_openness,
                            gone=not is_new and model.pk in gone.openness,
                        ),
                    )
                except ValidationError as error:
                    errors.append(f"{where} openness: {_describe(error)}")

            offers = {} if is_new else {(o.kind, o.host_name): o for o in model.offers.all()}
            for offer_index, offer_row in enumerate(row.get("offers", [])):
                key = (offer_row.get("kind"), offer_row.get("host_name"))
                try:
                    values = _values(Offer, offer_row, OFFER_KEYS)
                    offer = offers.get(key)
                    is_new_offer = offer is None
                    offer = offer or Offer(kind=key[0], host_name=key[1] or "")
                    offer.model = model
                    was_removed = not is_new and (model.pk, *key) in gone.offers
                    record("offer", _save(offer, values, is_new=is_new_offer, gone=was_removed))
                    offers[key] = offer
                except ValidationError as error:
                    errors.append(f"{where} offers[{offer_index}] ({key[1]}): {_describe(error)}")

        _load_evidence(data, _save, record, errors)
        _load_mappings(data, _save, record, errors)
        if errors:
            raise CatalogueDataError(errors)  # leaving the atomic block rolls everything back
    return result


def _load_evidence(data: dict[str, Any], save: Any, record: Any, errors: list[str]) -> None:
    """GPU types, GPU prices and throughput rows (cost evidence)."""
    gpus = {gpu.slug: gpu for gpu in GPUType.objects.all()}
    for index, row in enumerate(data.get("gpu_types", [])):
        slug = row.get("slug")
        try:
            values = _values(GPUType, row, GPU_TYPE_KEYS)
            gpu = gpus.get(slug)
            instance = gpu or GPUType(slug=slug)
            record("gpu_type", save(instance, values, is_new=gpu is None))
            gpus[slug] = instance
        except ValidationError as error:
            errors.append(f"gpu_types[{index}] ({slug}): {_describe(error)}")

    prices = {
        (price.gpu_id, price.provider, price.offering, price.pricing, price.region): price
        for price in GPUPrice.objects.all()
    }
    for index, row in enumerate(data.get("gpu_prices", [])):
        gpu = gpus.get(row.get("gpu"))
        where = f"gpu_prices[{index}] ({row.get('gpu')} at {row.get('provider')})"
        if gpu is None:
            errors.append(f"{where}: unknown GPU “{row.get('gpu')}”.")
            continue
        key = (gpu.pk, row.get("provider") or "", row.get("offering") or "")
        key = (*key, row.get("pricing") or "on_demand", row.get("region") or "")
        try:
            values = _values(GPUPrice, row, GPU_PRICE_KEYS)
            price = prices.get(key)
            new = GPUPrice(gpu=gpu, provider=key[1], offering=key[2], pricing=key[3], region=key[4])
            record("gpu_price", save(price or new, values, is_new=price is None))
            prices[key] = price or new
        except ValidationError as error:
            errors.append(f"{where}: {_describe(error)}")

    rows = {row.slug: row for row in ThroughputEvidence.objects.all()}
    models_by_slug = dict(AIModel.objects.values_list("slug", "pk"))
    for index, row in enumerate(data.get("throughput", [])):
        slug = row.get("slug")
        where = f"throughput[{index}] ({slug})"
        gpu = gpus.get(row.get("gpu"))
        if gpu is None:
            errors.append(f"{where}: unknown GPU “{row.get('gpu')}”.")
            continue
        try:
            values = _values(ThroughputEvidence, row, THROUGHPUT_KEYS)
            values["gpu"] = gpu
            if "catalogue_model" in row:
                values["catalogue_model_id"] = models_by_slug.get(row["catalogue_model"])
            existing = rows.get(slug)
            record(
                "throughput",
                save(existing or ThroughputEvidence(slug=slug), values, is_new=existing is None),
            )
        except ValidationError as error:
            errors.append(f"{where}: {_describe(error)}")


def _load_mappings(data: dict[str, Any], save: Any, record: Any, errors: list[str]) -> None:
    """models.dev id → catalogue model (and offer), for `sync_catalogue`."""
    rows = data.get("models_dev_mappings", [])
    if not rows:
        return
    existing = {
        (m.models_dev_provider, m.models_dev_model): m for m in ModelsDevMapping.objects.all()
    }
    models = {m.slug: m for m in AIModel.objects.prefetch_related("offers")}
    for index, row in enumerate(rows):
        key = (row.get("provider") or "", row.get("model_id") or "")
        where = f"models_dev_mappings[{index}] ({key[0]}/{key[1]})"
        model = models.get(row.get("model")) if row.get("model") else None
        if row.get("model") and model is None:
            errors.append(f"{where}: unknown model “{row.get('model')}”.")
            continue
        offer = None
        if model is not None and row.get("offer_host"):
            offer = next((o for o in model.offers.all() if o.host_name == row["offer_host"]), None)
            if offer is None:
                errors.append(f"{where}: {model.slug} has no offer on “{row['offer_host']}”.")
                continue
        try:
            values = _values(ModelsDevMapping, row, MAPPING_KEYS)
            values.update(
                model_id=model.pk if model else None, offer_id=offer.pk if offer else None
            )
            mapping = existing.get(key)
            new = ModelsDevMapping(models_dev_provider=key[0], models_dev_model=key[1])
            record("mapping", save(mapping or new, values, is_new=mapping is None))
        except ValidationError as error:
            errors.append(f"{where}: {_describe(error)}")
