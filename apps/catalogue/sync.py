"""Proposed changes from a published machine-readable catalogue (models.dev
`api.json`).

`sync_proposals` compares the source with the catalogue through the explicit
models.dev mappings and records each difference as a `ProposedChange`; it
never changes a fact. A difference already proposed — pending, accepted or
rejected — is not proposed again, so a curator's "no" is remembered.
`proposal_accept` applies one change with history; `proposal_reject` records
the refusal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.db import transaction
from django.utils import timezone

from apps.catalogue import lifecycle
from apps.catalogue.models import AIModel, ModelsDevMapping, Offer, ProposedChange

SOURCE_NAME = "models.dev"
NEW_MODEL_WINDOW_DAYS = 365
LONG_CONTEXT_THRESHOLD = 200_000  # models.dev's `context_over_200k`
MESSAGE_NOT_JSON = "{source} is not a models.dev api.json file: {error}"
MESSAGE_CANNOT_READ = "Could not read {source}: {error}"


class SyncSourceError(Exception):
    """The source could not be read or is not in the models.dev format."""


def read_source(source: str, *, timeout: float = 30.0) -> dict[str, Any]:
    """A models.dev `api.json` from a file path or an http(s) URL."""
    try:
        if urlparse(source).scheme in ("http", "https"):
            request = urllib.request.Request(source, headers={"User-Agent": "open-or-closed-sync"})
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                raw = response.read()
        else:
            raw = Path(source).read_bytes()
    except (OSError, ValueError) as error:
        raise SyncSourceError(MESSAGE_CANNOT_READ.format(source=source, error=error)) from error
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise SyncSourceError(MESSAGE_NOT_JSON.format(source=source, error=error)) from error
    if not isinstance(data, dict) or not all(
        isinstance(provider, dict) and isinstance(provider.get("models", {}), dict)
        for provider in data.values()
    ):
        error = "expected {provider id: {..., models: {model id: {...}}}}"
        raise SyncSourceError(MESSAGE_NOT_JSON.format(source=source, error=error))
    return data


@dataclass
class SyncResult:
    proposed: Counter[str] = field(default_factory=Counter)
    already_known: int = 0
    unmapped_entries: int = 0
    missing_in_source: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = sum(self.proposed.values())
        parts = [f"{total} new proposal{'s' if total != 1 else ''}"]
        parts += [f"{count} {kind}" for kind, count in sorted(self.proposed.items())]
        parts.append(f"{self.already_known} already proposed or decided before")
        if self.missing_in_source:
            parts.append(f"{len(self.missing_in_source)} mapped ids not in the source")
        return "; ".join(parts)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _offer_facts(entry: dict[str, Any]) -> dict[str, Any]:
    cost = entry.get("cost") or {}
    facts: dict[str, Any] = {
        "input_price_per_mtok": _decimal(cost.get("input")),
        "output_price_per_mtok": _decimal(cost.get("output")),
        "cached_input_price_per_mtok": _decimal(cost.get("cache_read")),
    }
    long_context = cost.get("context_over_200k")
    threshold = LONG_CONTEXT_THRESHOLD
    if not long_context and cost.get("tiers"):
        tier = min(cost["tiers"], key=lambda item: item.get("tier", {}).get("size", 0))
        long_context, threshold = tier, tier.get("tier", {}).get("size")
    if isinstance(long_context, dict) and threshold:
        facts["long_context_threshold_tokens"] = int(threshold)
        facts["long_context_input_price_per_mtok"] = _decimal(long_context.get("input"))
        facts["long_context_output_price_per_mtok"] = _decimal(long_context.get("output"))
    if entry.get("status") == "deprecated":
        facts["status"] = lifecycle.DEPRECATED
    return facts


def _model_facts(entry: dict[str, Any]) -> dict[str, Any]:
    limit = entry.get("limit") or {}
    facts: dict[str, Any] = {
        "context_window": limit.get("context"),
        "max_output_tokens": limit.get("output"),
        "knowledge_cutoff": entry.get("knowledge"),
    }
    release = entry.get("release_date") or ""
    if len(release) == 10:
        with contextlib.suppress(ValueError):
            facts["release_date"] = dt.date.fromisoformat(release)
    return facts


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def sync_proposals(*, data: dict[str, Any], source_url: str, source_date: dt.date) -> SyncResult:
    """Record every difference between `data` and the catalogue as a pending proposal."""
    result = SyncResult()
    mappings = list(
        ModelsDevMapping.objects.select_related("model", "offer").order_by(
            "models_dev_provider", "models_dev_model"
        )
    )
    known = set(ProposedChange.objects.values_list("fingerprint", flat=True))
    today = timezone.localdate()
    new: list[ProposedChange] = []

    def propose(**values: Any) -> None:
        fingerprint = values["fingerprint"]
        if fingerprint in known:
            result.already_known += 1
            return
        known.add(fingerprint)
        result.proposed[values["kind"] if values["kind"] == "new_model" else values["field"]] += 1
        new.append(
            ProposedChange(
                source_name=SOURCE_NAME, source_url=source_url, source_date=source_date, **values
            )
        )

    mapped_ids = {(m.models_dev_provider, m.models_dev_model) for m in mappings}
    for mapping in mappings:
        if mapping.ignored or mapping.model is None:
            continue
        key = f"{mapping.models_dev_provider}/{mapping.models_dev_model}"
        entry = (
            (data.get(mapping.models_dev_provider) or {})
            .get("models", {})
            .get(mapping.models_dev_model)
        )
        if entry is None:
            result.missing_in_source.append(key)
            continue
        offer = mapping.offer
        targets: list[tuple[AIModel | Offer, dict[str, Any], dt.date | None]] = []
        if offer is not None and lifecycle.status_on(offer.status, offer.shutdown_date, today) != (
            lifecycle.RETIRED
        ):
            targets.append((offer, _offer_facts(entry), offer.as_of))
        if offer is None or offer.kind == Offer.Kind.VENDOR_API:
            targets.append((mapping.model, _model_facts(entry), mapping.model.facts_as_of))
        for target, facts, fact_date in targets:
            for name, proposed in facts.items():
                current = getattr(target, name)
                if proposed is None or proposed == current or (proposed == "" and not current):
                    continue
                if name == "status" and current != lifecycle.ACTIVE:
                    continue  # the catalogue already knows more than "deprecated"
                is_offer = isinstance(target, Offer)
                propose(
                    kind=ProposedChange.Kind.UPDATE,
                    model=mapping.model,
                    offer=target if is_offer else None,
                    field=name,
                    current_value=_json_value(current),
                    proposed_value=_json_value(proposed),
                    source_key=key,
                    summary=f"{target}: {name} {_json_value(current)} → {_json_value(proposed)}",
                    source_older_than_fact=bool(fact_date and source_date < fact_date),
                    fingerprint=_fingerprint(
                        key,
                        "offer" if is_offer else "model",
                        target.pk,
                        name,
                        _json_value(proposed),
                    ),  # fmt: skip
                )

    # Only a maker's own listing says a model exists; hosts list hundreds of
    # models under their own names, most of them already here under another id.
    tracked = {
        m.models_dev_provider
        for m in mappings
        if not m.ignored and (m.offer is None or m.offer.kind == Offer.Kind.VENDOR_API)
    }
    window_start = source_date - dt.timedelta(days=NEW_MODEL_WINDOW_DAYS)
    for provider in sorted(tracked):
        for model_id, entry in sorted(((data.get(provider) or {}).get("models") or {}).items()):
            if (provider, model_id) in mapped_ids:
                continue
            result.unmapped_entries += 1
            if not _is_candidate(entry, window_start):
                continue
            key = f"{provider}/{model_id}"
            facts = {**_model_facts(entry), **_offer_facts(entry)}
            shown = {k: _json_value(v) for k, v in facts.items() if v is not None}
            propose(
                kind=ProposedChange.Kind.NEW_MODEL,
                field="",
                proposed_value={"name": entry.get("name") or model_id, "id": model_id, **shown},
                source_key=key,
                summary=(
                    f"{entry.get('name') or model_id} ({key}), released "
                    f"{entry.get('release_date') or 'on an unknown date'}: not in the catalogue"
                ),
                fingerprint=_fingerprint(key, "new_model"),
            )
    ProposedChange.objects.bulk_create(new)
    return result


def _is_candidate(entry: dict[str, Any], window_start: dt.date) -> bool:
    """A text model released recently enough that a buyer might compare it."""
    output = (entry.get("modalities") or {}).get("output") or ["text"]
    if "text" not in output or entry.get("status") == "deprecated":
        return False
    try:
        released = dt.date.fromisoformat((entry.get("release_date") or "")[:10])
    except ValueError:
        return False
    return released >= window_start


# --- Decisions ---------------------------------------------------------------------

MESSAGE_ALREADY_DECIDED = "This proposal was already {status}."
MESSAGE_NEW_MODEL_BY_HAND = (
    "A new model needs its licence, openness and sources: add it by hand, then accept."
)


class ProposalError(Exception):
    pass


def _coerce(target: AIModel | Offer, name: str, value: Any) -> Any:
    model_field = target._meta.get_field(name)
    if value is None:
        return None
    from django.db import models as db_models

    if isinstance(model_field, db_models.DecimalField):
        return Decimal(str(value))
    if isinstance(model_field, db_models.DateField):
        return dt.date.fromisoformat(str(value))
    return value


@transaction.atomic
def proposal_accept(*, proposal: ProposedChange, user: Any = None) -> None:
    """Apply the proposed value with history (reason: the proposal and its
    source), and date the fact by the source."""
    proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposedChange.Status.PENDING:
        raise ProposalError(MESSAGE_ALREADY_DECIDED.format(status=proposal.status))
    if proposal.kind == ProposedChange.Kind.NEW_MODEL:
        raise ProposalError(MESSAGE_NEW_MODEL_BY_HAND)
    target: AIModel | Offer = proposal.offer or proposal.model  # type: ignore[assignment]
    setattr(target, proposal.field, _coerce(target, proposal.field, proposal.proposed_value))
    update_fields = [proposal.field]
    if isinstance(target, Offer):
        target.source_url = proposal.source_url
        target.as_of = proposal.source_date
        update_fields += ["source_url", "as_of"]
        if proposal.field == "status" and not target.lifecycle_source_url:
            target.lifecycle_source_url = proposal.source_url
            update_fields.append("lifecycle_source_url")
    else:
        if proposal.source_url not in target.sources:
            target.sources = [*target.sources, proposal.source_url]
            update_fields.append("sources")
        update_fields.append("updated_at")
    target.full_clean()
    target._change_reason = (  # type: ignore[union-attr]
        f"Accepted proposal #{proposal.pk} from {proposal.source_name} "
        f"({proposal.source_key}, as of {proposal.source_date:%Y-%m-%d})"
    )
    target.save(update_fields=update_fields)
    _decide(proposal, ProposedChange.Status.ACCEPTED, user)


@transaction.atomic
def proposal_reject(*, proposal: ProposedChange, user: Any = None) -> None:
    proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposedChange.Status.PENDING:
        raise ProposalError(MESSAGE_ALREADY_DECIDED.format(status=proposal.status))
    _decide(proposal, ProposedChange.Status.REJECTED, user)


def proposal_mark_added(*, proposal: ProposedChange, user: Any = None) -> None:
    """A new-model proposal a curator has added by hand."""
    if proposal.status != ProposedChange.Status.PENDING:
        raise ProposalError(MESSAGE_ALREADY_DECIDED.format(status=proposal.status))
    _decide(proposal, ProposedChange.Status.ACCEPTED, user)


def _decide(proposal: ProposedChange, status: str, user: Any) -> None:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = user if getattr(user, "pk", None) else None
    proposal.save(update_fields=["status", "decided_at", "decided_by"])
