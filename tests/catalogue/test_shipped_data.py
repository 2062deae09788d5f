"""The shipped catalogue, as /catalogue.json publishes it, meets the catalogue
rules: one dated capability index, stated data terms and regions, cost
evidence with sources, nothing past its shutdown shown as available."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(client, shipped_catalogue):
    return json.loads(client.get(reverse("catalogue:json")).content)


def _real(data):
    return [model for model in data["models"] if not model["synthetic"]]


def test_every_model_has_a_dated_capability_score_or_says_why_not(published):
    for model in _real(published):
        if model["capability_score"] is not None:
            assert model["capability_index"] == published["capability_index"], model["slug"]
            assert model["capability_source_url"], model["slug"]
            assert model["capability_as_of"], model["slug"]
        else:
            assert "no independent" in model["capability_note"].lower() or (
                "no " in model["capability_note"].lower()
            ), model["slug"]
    scored = [m for m in _real(published) if m["capability_score"] is not None]
    assert len(scored) >= 30


def test_every_offer_states_its_data_terms_and_regions(published):
    for model in _real(published):
        for offer in model["offers"]:
            where = f"{model['slug']} on {offer['host_name']}"
            assert offer["regions"], where
            assert offer["data_retention"], where
            assert offer["source_url"] and offer["as_of"], where


def test_a_vendor_api_offer_is_the_model_makers_own(published):
    # A maker's API is the "vendor_api" route; a model served by someone else
    # (Mistral serving Z.ai's GLM) is a hosted API, with the host's terms.
    def words(text):
        return {word.strip("()").lower() for word in text.split()} - {"ai", "api", "the"}

    providers = {provider["slug"]: provider["name"] for provider in published["providers"]}
    for model in _real(published):
        for offer in model["offers"]:
            if offer["kind"] == "vendor_api":
                assert words(offer["host_name"]) & words(providers[model["provider"]]), (
                    model["slug"],
                    offer["host_name"],
                )


def test_vendor_supported_self_hosting_is_offered_with_its_price(published):
    subscriptions = [
        offer
        for model in _real(published)
        for offer in model["offers"]
        if offer["kind"] == "supported_self_hosting"
    ]
    assert subscriptions
    priced = [o for o in subscriptions if o["subscription_price_usd"] is not None]
    assert priced and all(o["subscription_unit"] for o in priced)
    assert all(o["regions"] == ["customer"] for o in subscriptions)


def test_cost_evidence_rows_carry_sources_and_dates(published):
    for key in ("gpu_types", "gpu_prices", "throughput"):
        assert published[key], key
        for row in published[key]:
            assert row["source_url"] and row["as_of"], (key, row)


def test_nothing_past_its_shutdown_date_is_shown_as_available(published):
    today = dt.date.fromisoformat(published["as_of_today"])
    for model in _real(published):
        if model["retirement_date"] and dt.date.fromisoformat(model["retirement_date"]) <= today:
            assert model["status"] == "retired", model["slug"]
        for offer in model["offers"]:
            if offer["shutdown_date"] and dt.date.fromisoformat(offer["shutdown_date"]) <= today:
                assert offer["status"] == "retired", (model["slug"], offer["host_name"])


def test_current_models_of_the_major_providers_are_in_the_catalogue(published):
    slugs = {model["slug"] for model in _real(published)}
    for slug in (
        "gpt-6-1-terra",
        "claude-opus-5-5",
        "gemini-4-argon",
        "grok-4-7",
        "kimi-k3",
        "glm-5-3",
        "deepseek-v4-1-flash",
        "qwen3-8-max",
        "mistral-small-4",
    ):
        assert slug in slugs


def test_quoted_licence_clauses_are_well_formed_and_agree_with_the_facts():
    # Clauses are quoted verbatim on the licence checklist, so each must say
    # what the licence's own facts say (a user cap in the quote is the cap).
    from apps.catalogue.management.commands.load_catalogue import DEFAULT_PATH
    from apps.catalogue.models.licences import clauses_errors

    licences = json.loads(DEFAULT_PATH.read_text())["licences"]
    quoted = [licence for licence in licences if licence.get("clauses")]
    assert quoted, "no licence quotes its clauses"
    for licence in quoted:
        clauses = licence["clauses"]
        assert clauses_errors(clauses) == [], licence["slug"]
        for clause in clauses.values():
            assert clause["url"].startswith("https://"), licence["slug"]
        if "user_cap" in clauses:
            millions = licence["user_cap"] // 1_000_000
            assert f"{millions} million monthly active users" in clauses["user_cap"]["quote"]
        if "redistribution" in clauses:
            assert licence["redistribution"], licence["slug"]
        if "attribution" in clauses:
            assert licence["attribution_required"], licence["slug"]
        if "acceptable_use" in clauses:
            assert licence["acceptable_use_policy_url"], licence["slug"]
            if "http" in clauses["acceptable_use"]["quote"]:
                assert licence["acceptable_use_policy_url"] in clauses["acceptable_use"]["quote"]
        assert licence.get("service_counts_as_distribution") in (True, False, None)
