#!/usr/bin/env python3
"""Validate launch_catalogue.json against the catalogue rules (stdlib only).

Usage: python check_launch_catalogue.py [path/to/launch_catalogue.json]

Prints a summary (counts by access and provider) when the file is valid;
otherwise prints every error found and exits with status 1.
"""

import datetime
import json
import os
import re
import sys
from collections import Counter

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

PROVIDER_KINDS = {"company", "non_profit", "academic", "community"}
LICENCE_KINDS = {
    "permissive",
    "copyleft",
    "open_weights_restricted",
    "non_commercial",
    "proprietary",
}
ACCESS = {"open_source", "open_weights", "api_only"}
MODALITIES = {"text", "image", "audio", "video", "pdf"}
SOURCE_KINDS = {"claimed", "measured"}
STATUSES = {"active", "deprecated", "retired"}
OPENNESS_LEVELS = {"open", "partial", "closed"}
OPENNESS_DIMS = [
    "weights",
    "training_code",
    "training_data",
    "data_documentation",
    "model_card",
    "paper",
    "evaluation",
]
OFFER_KINDS = {"vendor_api", "cloud_marketplace", "third_party_host"}
CERTS = {"soc2", "iso27001", "hipaa_baa"}
SUPPORT = {"community", "business", "enterprise"}

MIN_MODELS = 40
MIN_PROVIDERS_WITH_MODELS = 12
MIN_LICENCES = 10

PROVIDER_KEYS = ["slug", "name", "country", "kind", "website", "source_url"]
LICENCE_KEYS = [
    "slug",
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
    "notes",
    "source_url",
    "as_of",
]
MODEL_KEYS = [
    "slug",
    "name",
    "family",
    "provider",
    "licence",
    "release_date",
    "access",
    "parameters_total_b",
    "parameters_active_b",
    "context_window",
    "modalities_input",
    "modalities_output",
    "capability_score",
    "capability_benchmark",
    "capability_source_kind",
    "capability_source_url",
    "fine_tuning_available",
    "status",
    "retirement_date",
    "lifecycle_source_url",
    "sources",
    "facts_as_of",
    "last_verified",
    "curator_notes",
    "openness",
    "offers",
]
OPENNESS_KEYS = OPENNESS_DIMS + ["source_url", "sources", "as_of", "notes"]
OFFER_KEYS = [
    "kind",
    "host_name",
    "url",
    "input_price_per_mtok",
    "output_price_per_mtok",
    "regions",
    "data_retention",
    "trains_on_customer_data",
    "certifications",
    "support_level",
    "sla",
    "source_url",
    "as_of",
]


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    # --- primitive checks ---------------------------------------------------
    def keys(self, where, obj, required):
        if not isinstance(obj, dict):
            self.err(where, "must be an object")
            return False
        for k in required:
            if k not in obj:
                self.err(where, "missing key '%s'" % k)
        return True

    def is_bool(self, where, value, nullable=False):
        if value is None and nullable:
            return
        if not isinstance(value, bool):
            self.err(
                where, "must be true/false%s, got %r" % (" or null" if nullable else "", value)
            )

    def is_str(self, where, value, nullable=False, nonempty=True):
        if value is None and nullable:
            return
        if not isinstance(value, str) or (nonempty and not value.strip()):
            self.err(
                where, "must be a %sstring, got %r" % ("non-empty " if nonempty else "", value)
            )

    def is_url(self, where, value, nullable=False):
        if value is None and nullable:
            return
        if not isinstance(value, str) or not re.match(r"^https?://[^\s]+$", value):
            self.err(where, "must be an http(s) URL, got %r" % (value,))

    def is_date(self, where, value, nullable=False, not_after=None):
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            self.err(where, "must be an ISO date YYYY-MM-DD, got %r" % (value,))
            return None
        try:
            d = datetime.date.fromisoformat(value)
        except ValueError:
            self.err(where, "is not a valid date: %r" % value)
            return None
        if not_after and d > not_after:
            self.err(where, "date %s is after compiled_on %s" % (value, not_after))
        return d

    def is_number(self, where, value, nullable=True, minimum=None, maximum=None, integer=False):
        if value is None:
            if not nullable:
                self.err(where, "must not be null")
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (integer and not isinstance(value, int))
        ):
            self.err(
                where, "must be a %s, got %r" % ("whole number" if integer else "number", value)
            )
            return
        if minimum is not None and value < minimum:
            self.err(where, "must be >= %s, got %r" % (minimum, value))
        if maximum is not None and value > maximum:
            self.err(where, "must be <= %s, got %r" % (maximum, value))

    def slug(self, where, value, seen):
        if not isinstance(value, str) or not SLUG_RE.match(value):
            self.err(where, "slug %r is not lowercase [a-z0-9-]" % (value,))
        elif value in seen:
            self.err(where, "duplicate slug %r" % value)
        seen.add(value)

    # --- sections -------------------------------------------------------------
    def run(self, data):
        if not self.keys(
            "catalogue", data, ["schema_version", "compiled_on", "providers", "licences", "models"]
        ):
            return
        if data.get("schema_version") != 1:
            self.err("schema_version", "must be 1")
        compiled = self.is_date("compiled_on", data.get("compiled_on")) or datetime.date.today()
        self.compiled = compiled

        providers = data.get("providers") or []
        licences = data.get("licences") or []
        models = data.get("models") or []
        for name, value in (("providers", providers), ("licences", licences), ("models", models)):
            if not isinstance(value, list):
                self.err(name, "must be a list")
                return

        seen = set()
        for i, p in enumerate(providers):
            w = "providers[%d:%s]" % (i, p.get("slug") if isinstance(p, dict) else "?")
            if not self.keys(w, p, PROVIDER_KEYS):
                continue
            self.slug(w, p.get("slug"), seen)
            self.is_str(w + ".name", p.get("name"))
            if not isinstance(p.get("country"), str) or not COUNTRY_RE.match(p.get("country")):
                self.err(
                    w + ".country",
                    "must be an ISO 3166-1 alpha-2 code, got %r" % (p.get("country"),),
                )
            if p.get("kind") not in PROVIDER_KINDS:
                self.err(
                    w + ".kind",
                    "must be one of %s, got %r" % (sorted(PROVIDER_KINDS), p.get("kind")),
                )
            self.is_url(w + ".website", p.get("website"))
            self.is_url(w + ".source_url", p.get("source_url"))
        provider_slugs = seen

        seen = set()
        licence_kind = {}
        for i, l in enumerate(licences):
            w = "licences[%d:%s]" % (i, l.get("slug") if isinstance(l, dict) else "?")
            if not self.keys(w, l, LICENCE_KEYS):
                continue
            self.slug(w, l.get("slug"), seen)
            self.is_str(w + ".spdx_id", l.get("spdx_id"), nullable=True)
            self.is_str(w + ".name", l.get("name"))
            self.is_url(w + ".url", l.get("url"))
            if l.get("kind") not in LICENCE_KINDS:
                self.err(
                    w + ".kind",
                    "must be one of %s, got %r" % (sorted(LICENCE_KINDS), l.get("kind")),
                )
            licence_kind[l.get("slug")] = l.get("kind")
            for k in (
                "commercial_use",
                "modification",
                "redistribution",
                "attribution_required",
                "osi_approved",
            ):
                self.is_bool(w + "." + k, l.get(k))
            if l.get("kind") == "non_commercial" and l.get("commercial_use") is not False:
                self.err(w, "non_commercial licence must have commercial_use false")
            if l.get("kind") == "proprietary" and (
                l.get("modification") or l.get("redistribution")
            ):
                self.err(
                    w, "proprietary terms should not allow modification/redistribution of weights"
                )
            if l.get("osi_approved") and l.get("kind") in (
                "proprietary",
                "non_commercial",
                "open_weights_restricted",
            ):
                self.err(w, "kind %r cannot be OSI-approved" % l.get("kind"))
            self.is_url(
                w + ".acceptable_use_policy_url", l.get("acceptable_use_policy_url"), nullable=True
            )
            self.is_number(w + ".user_cap", l.get("user_cap"), minimum=1, integer=True)
            obl = l.get("obligations")
            if not isinstance(obl, list) or not all(isinstance(o, str) and o.strip() for o in obl):
                self.err(w + ".obligations", "must be a list of non-empty strings")
            self.is_str(w + ".notes", l.get("notes"), nonempty=False)
            self.is_url(w + ".source_url", l.get("source_url"))
            self.is_date(w + ".as_of", l.get("as_of"), not_after=compiled)
        licence_slugs = seen

        seen = set()
        used_licences = set()
        for i, m in enumerate(models):
            w = "models[%d:%s]" % (i, m.get("slug") if isinstance(m, dict) else "?")
            if not self.keys(w, m, MODEL_KEYS):
                continue
            self.model(w, m, seen, provider_slugs, licence_slugs, licence_kind)
            used_licences.add(m.get("licence"))

        # --- totals
        with_models = {m.get("provider") for m in models if isinstance(m, dict)}
        if len(models) < MIN_MODELS:
            self.err("models", "need at least %d models, found %d" % (MIN_MODELS, len(models)))
        if len(with_models & provider_slugs) < MIN_PROVIDERS_WITH_MODELS:
            self.err(
                "providers",
                "need at least %d providers with models, found %d"
                % (MIN_PROVIDERS_WITH_MODELS, len(with_models & provider_slugs)),
            )
        if len(licences) < MIN_LICENCES:
            self.err(
                "licences", "need at least %d licences, found %d" % (MIN_LICENCES, len(licences))
            )
        unused = sorted(licence_slugs - used_licences)
        self.unused_licences = unused
        self.providers_without_models = sorted(provider_slugs - with_models)

    def model(self, w, m, seen, provider_slugs, licence_slugs, licence_kind):
        c = self.compiled
        self.slug(w, m.get("slug"), seen)
        for k in ("name", "family"):
            self.is_str(w + "." + k, m.get(k))
        if m.get("provider") not in provider_slugs:
            self.err(w + ".provider", "unknown provider slug %r" % (m.get("provider"),))
        if m.get("licence") not in licence_slugs:
            self.err(w + ".licence", "unknown licence slug %r" % (m.get("licence"),))
        self.is_date(w + ".release_date", m.get("release_date"), nullable=True, not_after=c)
        access = m.get("access")
        if access not in ACCESS:
            self.err(w + ".access", "must be one of %s, got %r" % (sorted(ACCESS), access))
        lk = licence_kind.get(m.get("licence"))
        if access == "api_only" and lk not in (None, "proprietary"):
            self.err(w, "api_only model should use a proprietary licence, got kind %r" % lk)
        if access in ("open_source", "open_weights") and lk == "proprietary":
            self.err(w, "open model cannot use a proprietary licence")

        tot, act = m.get("parameters_total_b"), m.get("parameters_active_b")
        self.is_number(w + ".parameters_total_b", tot, minimum=0)
        self.is_number(w + ".parameters_active_b", act, minimum=0)
        if (
            isinstance(tot, (int, float))
            and isinstance(act, (int, float))
            and not isinstance(tot, bool)
            and act > tot
        ):
            self.err(w, "parameters_active_b (%s) exceeds parameters_total_b (%s)" % (act, tot))
        self.is_number(w + ".context_window", m.get("context_window"), minimum=1, integer=True)
        for k in ("modalities_input", "modalities_output"):
            v = m.get(k)
            if not isinstance(v, list) or not v:
                self.err(w + "." + k, "must be a non-empty list")
            else:
                bad = [x for x in v if x not in MODALITIES]
                if bad:
                    self.err(w + "." + k, "unknown modalities %r" % bad)
                if len(set(v)) != len(v):
                    self.err(w + "." + k, "duplicate modalities")

        score = m.get("capability_score")
        self.is_number(w + ".capability_score", score, minimum=0, maximum=100)
        if isinstance(score, float) and round(score, 2) != score:
            self.err(w + ".capability_score", "at most 2 decimal places, got %r" % score)
        # capability_source_kind is never null (schema default 'claimed'); it only means something with a score.
        if m.get("capability_source_kind") not in SOURCE_KINDS:
            self.err(
                w + ".capability_source_kind",
                "must be 'claimed' or 'measured', got %r" % (m.get("capability_source_kind"),),
            )
        if score is not None:
            self.is_str(w + ".capability_benchmark", m.get("capability_benchmark"))
            self.is_url(w + ".capability_source_url", m.get("capability_source_url"))
        else:
            for k in ("capability_benchmark", "capability_source_url"):
                if m.get(k) not in (None, ""):
                    self.err(w + "." + k, "must be empty when capability_score is null")

        ft = m.get("fine_tuning_available")
        self.is_bool(w + ".fine_tuning_available", ft, nullable=True)
        if access in ("open_source", "open_weights") and ft is not True:
            self.err(
                w + ".fine_tuning_available",
                "open-weights models can be fine-tuned by anyone: must be true",
            )

        status = m.get("status")
        if status not in STATUSES:
            self.err(w + ".status", "must be one of %s, got %r" % (sorted(STATUSES), status))
        self.is_date(w + ".retirement_date", m.get("retirement_date"), nullable=True)
        self.is_url(w + ".lifecycle_source_url", m.get("lifecycle_source_url"), nullable=True)
        if status == "retired" and not m.get("retirement_date"):
            self.err(w, "retired model needs a retirement_date")
        if m.get("retirement_date") and not m.get("lifecycle_source_url"):
            self.err(w, "retirement_date needs a lifecycle_source_url")

        src = m.get("sources")
        if not isinstance(src, list) or not src:
            self.err(w + ".sources", "needs at least one source URL")
        else:
            for j, s in enumerate(src):
                self.is_url("%s.sources[%d]" % (w, j), s)
        self.is_date(w + ".facts_as_of", m.get("facts_as_of"), not_after=c)
        self.is_date(w + ".last_verified", m.get("last_verified"), not_after=c)
        self.is_str(w + ".curator_notes", m.get("curator_notes"), nonempty=False)

        o = m.get("openness")
        if self.keys(w + ".openness", o, OPENNESS_KEYS):
            for d in OPENNESS_DIMS:
                if o.get(d) not in OPENNESS_LEVELS:
                    self.err(
                        "%s.openness.%s" % (w, d),
                        "must be open/partial/closed, got %r" % (o.get(d),),
                    )
            if access == "api_only" and o.get("weights") != "closed":
                self.err(w + ".openness.weights", "api_only model must have weights 'closed'")
            if access in ("open_source", "open_weights") and o.get("weights") == "closed":
                self.err(
                    w + ".openness.weights",
                    "a downloadable model must have weights 'open' or 'partial'",
                )
            if access == "open_source":
                for d in ("weights", "training_code", "training_data"):
                    if o.get(d) != "open":
                        self.err(
                            "%s.openness.%s" % (w, d),
                            "open_source access requires '%s' to be open" % d,
                        )
            self.is_url(w + ".openness.source_url", o.get("source_url"))
            if not isinstance(o.get("sources"), list):
                self.err(w + ".openness.sources", "must be a list")
            else:
                for j, s in enumerate(o.get("sources")):
                    self.is_url("%s.openness.sources[%d]" % (w, j), s)
            self.is_date(w + ".openness.as_of", o.get("as_of"), not_after=c)
            self.is_str(w + ".openness.notes", o.get("notes"), nonempty=False)

        offers = m.get("offers")
        if not isinstance(offers, list):
            self.err(w + ".offers", "must be a list")
            return
        if access == "api_only" and not offers:
            self.err(w + ".offers", "api_only model needs at least one offer")
        if access == "api_only" and not any(
            isinstance(x, dict) and x.get("kind") == "vendor_api" for x in offers
        ):
            self.err(w + ".offers", "api_only model needs a vendor_api offer")
        offer_keys = set()
        for j, of in enumerate(offers):
            ow = "%s.offers[%d]" % (w, j)
            if not self.keys(ow, of, OFFER_KEYS):
                continue
            key = (of.get("kind"), of.get("host_name"))
            if key in offer_keys:
                self.err(ow, "duplicate offer for kind+host %r" % (key,))
            offer_keys.add(key)
            if of.get("kind") not in OFFER_KINDS:
                self.err(
                    ow + ".kind",
                    "must be one of %s (self-hosting is derived, not an offer), got %r"
                    % (sorted(OFFER_KINDS), of.get("kind")),
                )
            self.is_str(ow + ".host_name", of.get("host_name"))
            self.is_url(ow + ".url", of.get("url"))
            for pk in ("input_price_per_mtok", "output_price_per_mtok"):
                self.is_number(ow + "." + pk, of.get(pk), minimum=0)
                pv = of.get(pk)
                if isinstance(pv, float) and round(pv, 4) != pv:
                    self.err(ow + "." + pk, "at most 4 decimal places, got %r" % pv)
            regs = of.get("regions")
            if not isinstance(regs, list) or not all(isinstance(r, str) and r for r in regs):
                self.err(ow + ".regions", "must be a list of strings")
            self.is_str(ow + ".data_retention", of.get("data_retention"), nonempty=False)
            if isinstance(of.get("data_retention"), str) and len(of["data_retention"]) > 500:
                self.err(
                    ow + ".data_retention",
                    "longer than 500 characters (%d)" % len(of["data_retention"]),
                )
            self.is_bool(
                ow + ".trains_on_customer_data", of.get("trains_on_customer_data"), nullable=True
            )
            certs = of.get("certifications")
            if not isinstance(certs, list) or any(x not in CERTS for x in certs):
                self.err(
                    ow + ".certifications",
                    "must be a subset of %s, got %r" % (sorted(CERTS), certs),
                )
            if of.get("support_level") not in SUPPORT:
                self.err(
                    ow + ".support_level",
                    "must be one of %s, got %r" % (sorted(SUPPORT), of.get("support_level")),
                )
            self.is_bool(ow + ".sla", of.get("sla"))
            self.is_url(ow + ".source_url", of.get("source_url"))
            self.is_date(ow + ".as_of", of.get("as_of"), not_after=c)


def main(argv):
    path = (
        argv[1]
        if len(argv) > 1
        else os.path.join(os.path.dirname(os.path.abspath(__file__)), "launch_catalogue.json")
    )
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        print("ERROR: cannot read %s: %s" % (path, exc))
        return 1
    ch = Checker()
    ch.run(data)
    if ch.errors:
        print("%d error(s) in %s:" % (len(ch.errors), path))
        for e in ch.errors:
            print("  - " + e)
        return 1

    models = data["models"]
    by_access = Counter(m["access"] for m in models)
    by_provider = Counter(m["provider"] for m in models)
    by_status = Counter(m["status"] for m in models)
    scored = sum(1 for m in models if m["capability_score"] is not None)
    offers = sum(len(m["offers"]) for m in models)
    print("OK: %s" % path)
    print(
        "  models: %d  providers: %d (%d with models)  licences: %d  offers: %d"
        % (len(models), len(data["providers"]), len(by_provider), len(data["licences"]), offers)
    )
    print("  by access: " + ", ".join("%s=%d" % kv for kv in sorted(by_access.items())))
    print("  by status: " + ", ".join("%s=%d" % kv for kv in sorted(by_status.items())))
    print("  with capability score: %d / %d" % (scored, len(models)))
    print("  by provider:")
    for slug, n in sorted(by_provider.items(), key=lambda kv: (-kv[1], kv[0])):
        print("    %-14s %d" % (slug, n))
    if ch.unused_licences:
        print("  note: licences not used by any model: " + ", ".join(ch.unused_licences))
    if ch.providers_without_models:
        print("  note: providers without models: " + ", ".join(ch.providers_without_models))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
