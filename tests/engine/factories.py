"""Builders for engine tests: hand-made models and synthetic catalogues.

`make_catalogue(n, seed)` builds ``n`` realistic models — open and closed,
many providers and licences, dense and mixture-of-experts sizes, priced
third-party hosts, SLA offers, deprecated and retired ones — reproducibly
from ``seed``.
"""

from __future__ import annotations

import random

from apps.recommendations.engine import CatalogueModel, LicenceTerms, Offer

APACHE = LicenceTerms(
    slug="apache-2.0",
    name="Apache-2.0",
    kind="permissive",
    commercial_use=True,
    modification=True,
    redistribution=True,
    attribution_required=True,
)
MIT = LicenceTerms(
    slug="mit",
    name="MIT",
    kind="permissive",
    commercial_use=True,
    modification=True,
    redistribution=True,
    attribution_required=True,
)
LLAMA = LicenceTerms(
    slug="llama-3.1",
    name="Llama 3.1 Community Licence",
    kind="open_weights_restricted",
    commercial_use=True,
    modification=True,
    redistribution=True,
    attribution_required=True,
    acceptable_use_policy=True,
    user_cap=700_000_000,
    obligations=('Display "Built with Llama".',),
)
GEMMA = LicenceTerms(
    slug="gemma",
    name="Gemma Terms of Use",
    kind="open_weights_restricted",
    commercial_use=True,
    modification=True,
    redistribution=True,
    acceptable_use_policy=True,
)
CC_BY_NC = LicenceTerms(
    slug="cc-by-nc-4.0",
    name="CC-BY-NC-4.0",
    kind="non_commercial",
    commercial_use=False,
    modification=True,
    redistribution=True,
    attribution_required=True,
    acceptable_use_policy=True,
)
RESEARCH_ONLY = LicenceTerms(
    slug="mrl-0.1",
    name="Mistral Research Licence",
    kind="non_commercial",
    commercial_use=False,
    modification=True,
    redistribution=False,
)
QWEN_RESEARCH = LicenceTerms(
    slug="qwen-research",
    name="Qwen Research Licence",
    kind="non_commercial",
    commercial_use=False,
    modification=True,
    redistribution=False,
)
PROPRIETARY = LicenceTerms(
    slug="proprietary",
    name="Vendor terms of service",
    kind="proprietary",
    commercial_use=True,
    modification=False,
    redistribution=False,
    acceptable_use_policy=True,
)

OPEN_LICENCES = (APACHE, APACHE, MIT, LLAMA, LLAMA, GEMMA, CC_BY_NC, RESEARCH_ONLY)

OPEN_PROVIDERS = (
    "Meta",
    "Mistral AI",
    "Alibaba",
    "DeepSeek",
    "Google DeepMind",
    "Microsoft",
    "TII",
    "Ai2",
    "IBM",
    "BigScience",
    "Cohere Labs",
    "NVIDIA",
    "OpenAI",
    "Moonshot AI",
    "Zhipu AI",
)
CLOSED_PROVIDERS = ("OpenAI", "Anthropic", "Google", "xAI", "Amazon", "Cohere", "Mistral")
HOSTS = ("Groq", "DeepInfra", "Together", "OpenRouter", "Azure", "Amazon Bedrock", "OVHcloud")
MARKETPLACES = ("Azure", "Amazon Bedrock", "Google Vertex AI")
REGIONS = (("eu",), ("us",), ("eu", "us"), ("us", "eu", "jp"))

# (total, active) billions of parameters: dense and mixture-of-experts sizes.
SIZES = (
    (1.0, None),
    (3.0, None),
    (7.0, None),
    (8.0, None),
    (12.0, None),
    (14.7, None),
    (24.0, None),
    (27.0, None),
    (32.0, None),
    (47.0, 13.0),
    (70.0, None),
    (109.0, 17.0),
    (123.0, None),
    (235.0, 22.0),
    (405.0, None),
    (671.0, 37.0),
    (1000.0, 32.0),
)


def licence(**changes: object) -> LicenceTerms:
    values: dict[str, object] = {
        "slug": "apache-2.0",
        "name": "Apache-2.0",
        "kind": "permissive",
        "commercial_use": True,
        "modification": True,
        "redistribution": True,
    }
    values.update(changes)
    return LicenceTerms(**values)  # type: ignore[arg-type]


def offer(**changes: object) -> Offer:
    values: dict[str, object] = {
        "kind": "vendor_api",
        "host_name": "Vendor",
        "input_price_per_mtok": 1.0,
        "output_price_per_mtok": 4.0,
        "regions": (),
        "sla": False,
        "support_level": "business",
        "trains_on_customer_data": False,
    }
    values.update(changes)
    return Offer(**values)  # type: ignore[arg-type]


def open_model(slug: str, **changes: object) -> CatalogueModel:
    values: dict[str, object] = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "provider": "Open Lab",
        "access": "open_weights",
        "licence": APACHE,
        "parameters_total_b": 8.0,
        "capability_score": 60.0,
        "openness_score": 0.5,
        "fine_tuning_available": True,
        "offers": (),
    }
    values.update(changes)
    return CatalogueModel(**values)  # type: ignore[arg-type]


def closed_model(slug: str, **changes: object) -> CatalogueModel:
    values: dict[str, object] = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "provider": "Frontier AI",
        "access": "api_only",
        "licence": PROPRIETARY,
        "capability_score": 90.0,
        "openness_score": 0.05,
        "fine_tuning_available": False,
        "offers": (offer(host_name="Frontier AI"),),
    }
    values.update(changes)
    return CatalogueModel(**values)  # type: ignore[arg-type]


def _price(rng: random.Random, base: float) -> tuple[float | None, float | None]:
    if rng.random() < 0.05:
        return None, None
    input_price = round(base * rng.uniform(0.5, 2.0), 3)
    return input_price, round(input_price * rng.uniform(1.0, 5.0), 3)


def _offer(rng: random.Random, kind: str, host: str, base: float, closed: bool) -> Offer:
    input_price, output_price = _price(rng, base)
    sla = rng.random() < (0.5 if closed else 0.2)
    return Offer(
        kind=kind,  # type: ignore[arg-type]
        host_name=host,
        input_price_per_mtok=input_price,
        output_price_per_mtok=output_price,
        regions=rng.choice(REGIONS) if rng.random() < 0.6 else (),
        sla=sla,
        support_level="enterprise" if sla else rng.choice(("community", "business")),
        trains_on_customer_data=rng.choices((False, None, True), (0.75, 0.2, 0.05))[0],
        certifications=("SOC 2",) if rng.random() < 0.5 else (),
    )


def make_catalogue(n: int, seed: int = 0) -> tuple[CatalogueModel, ...]:
    """``n`` realistic synthetic models, the same ones for the same seed."""
    rng = random.Random(seed)
    models = []
    for number in range(n):
        status = rng.choices(("active", "deprecated", "retired"), (0.85, 0.1, 0.05))[0]
        if rng.random() < 0.55:
            total, active = rng.choice(SIZES)
            size = active or total
            capability = min(95.0, 35.0 + 12.0 * (size**0.4)) + rng.uniform(-8.0, 5.0)
            access = "open_source" if rng.random() < 0.18 else "open_weights"
            openness = rng.uniform(0.7, 1.0) if access == "open_source" else rng.uniform(0.2, 0.6)
            base = 0.02 + 0.004 * size
            offers = tuple(
                _offer(rng, "third_party_host", host, base, closed=False)
                for host in rng.sample(HOSTS, rng.randint(0, 3))
            )
            models.append(
                CatalogueModel(
                    slug=f"open-{number:05d}",
                    name=f"Open model {number}",
                    provider=rng.choice(OPEN_PROVIDERS),
                    access=access,  # type: ignore[arg-type]
                    licence=rng.choice(OPEN_LICENCES),
                    parameters_total_b=None if rng.random() < 0.05 else total,
                    parameters_active_b=active,
                    capability_score=(
                        None if rng.random() < 0.1 else round(max(0.0, capability), 1)
                    ),
                    openness_score=None if rng.random() < 0.15 else round(openness, 2),
                    fine_tuning_available=True,
                    status=status,  # type: ignore[arg-type]
                    offers=offers,
                )
            )
        else:
            tier = rng.random()
            base = 0.1 + 12.0 * tier**2
            provider = rng.choice(CLOSED_PROVIDERS)
            offers = (_offer(rng, "vendor_api", provider, base, closed=True),) + tuple(
                _offer(rng, "cloud_marketplace", host, base, closed=True)
                for host in rng.sample(
                    ("Azure", "Amazon Bedrock", "Google Vertex AI"), rng.randint(0, 2)
                )
            )
            models.append(
                CatalogueModel(
                    slug=f"closed-{number:05d}",
                    name=f"Closed model {number}",
                    provider=provider,
                    access="api_only",
                    licence=PROPRIETARY,
                    capability_score=(
                        None
                        if rng.random() < 0.1
                        else round(min(99.0, 55.0 + 40.0 * tier + rng.uniform(-5, 3)), 1)
                    ),
                    openness_score=None if rng.random() < 0.3 else round(rng.uniform(0, 0.15), 2),
                    fine_tuning_available=rng.choice((True, False, None)),
                    status=status,  # type: ignore[arg-type]
                    offers=offers,
                )
            )
    return tuple(models)


def article_catalogue() -> tuple[CatalogueModel, ...]:
    """A small catalogue shaped like the launch one (prices per M tokens)."""
    return (
        open_model(
            "llama-3.1-8b",
            name="Llama 3.1 8B Instruct",
            provider="Meta",
            licence=LLAMA,
            parameters_total_b=8.0,
            capability_score=62.0,
            openness_score=0.4,
            offers=(
                offer(
                    kind="third_party_host",
                    host_name="Groq",
                    input_price_per_mtok=0.05,
                    output_price_per_mtok=0.08,
                    regions=("us",),
                    support_level="community",
                ),
                offer(
                    kind="cloud_marketplace",
                    host_name="Azure",
                    input_price_per_mtok=0.30,
                    output_price_per_mtok=0.61,
                    regions=("eu", "us"),
                    sla=True,
                    support_level="enterprise",
                ),
            ),
        ),
        open_model(
            "llama-3.3-70b",
            name="Llama 3.3 70B Instruct",
            provider="Meta",
            licence=LLAMA,
            parameters_total_b=70.0,
            capability_score=75.0,
            openness_score=0.4,
            offers=(
                offer(
                    kind="third_party_host",
                    host_name="DeepInfra",
                    input_price_per_mtok=0.10,
                    output_price_per_mtok=0.32,
                    support_level="community",
                    trains_on_customer_data=None,
                ),
            ),
        ),
        open_model(
            "mistral-small-3.2",
            name="Mistral Small 3.2",
            provider="Mistral AI",
            parameters_total_b=24.0,
            capability_score=70.0,
            openness_score=0.45,
            offers=(
                offer(
                    host_name="Mistral AI",
                    input_price_per_mtok=0.10,
                    output_price_per_mtok=0.30,
                    regions=("eu",),
                ),
            ),
        ),
        open_model(
            "olmo-2-13b",
            name="OLMo 2 13B Instruct",
            provider="Ai2",
            access="open_source",
            parameters_total_b=13.0,
            capability_score=55.0,
            openness_score=0.95,
        ),
        open_model(
            "qwen2.5-3b",
            name="Qwen2.5 3B Instruct",
            provider="Alibaba",
            licence=QWEN_RESEARCH,
            parameters_total_b=3.0,
            capability_score=45.0,
        ),
        open_model(
            "command-r",
            name="Command R",
            provider="Cohere Labs",
            licence=CC_BY_NC,
            parameters_total_b=35.0,
            capability_score=60.0,
            offers=(
                offer(
                    kind="third_party_host",
                    host_name="OpenRouter",
                    input_price_per_mtok=0.15,
                    output_price_per_mtok=0.60,
                ),
            ),
        ),
        open_model(
            "deepseek-v3",
            name="DeepSeek-V3",
            provider="DeepSeek",
            licence=MIT,
            parameters_total_b=671.0,
            parameters_active_b=37.0,
            capability_score=85.0,
            openness_score=0.35,
            offers=(
                offer(
                    kind="third_party_host",
                    host_name="Together",
                    input_price_per_mtok=1.25,
                    output_price_per_mtok=1.25,
                ),
            ),
        ),
        open_model(
            "mistral-large-2",
            name="Mistral Large 2",
            provider="Mistral AI",
            licence=RESEARCH_ONLY,
            parameters_total_b=123.0,
            capability_score=80.0,
            status="retired",
        ),
        closed_model(
            "gpt-6-astra",
            name="GPT-6 Astra",
            provider="OpenAI",
            capability_score=97.0,
            offers=(
                offer(
                    host_name="OpenAI",
                    input_price_per_mtok=10.0,
                    output_price_per_mtok=50.0,
                    regions=("us", "eu", "jp"),
                    sla=True,
                    support_level="enterprise",
                ),
            ),
        ),
        closed_model(
            "claude-sonnet-5.5",
            name="Claude Sonnet 5.5",
            provider="Anthropic",
            capability_score=93.0,
            offers=(
                offer(host_name="Anthropic", input_price_per_mtok=2.0, output_price_per_mtok=10.0),
                offer(
                    kind="cloud_marketplace",
                    host_name="Amazon Bedrock",
                    input_price_per_mtok=2.0,
                    output_price_per_mtok=10.0,
                    regions=("eu", "us"),
                    sla=True,
                    support_level="enterprise",
                ),
            ),
        ),
        closed_model(
            "gemini-3.1-flash-lite",
            name="Gemini 3.1 Flash-Lite",
            provider="Google",
            capability_score=78.0,
            fine_tuning_available=True,
            offers=(
                offer(
                    host_name="Google",
                    input_price_per_mtok=0.25,
                    output_price_per_mtok=1.50,
                    regions=("us", "eu"),
                ),
            ),
        ),
        closed_model(
            "gpt-4o-mini",
            name="GPT-4o mini",
            provider="OpenAI",
            capability_score=70.0,
            status="deprecated",
            offers=(
                offer(host_name="OpenAI", input_price_per_mtok=0.15, output_price_per_mtok=0.60),
            ),
        ),
        closed_model(
            "claude-2",
            name="Claude 2",
            provider="Anthropic",
            capability_score=60.0,
            status="retired",
        ),
    )
