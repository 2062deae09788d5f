"""Print random catalogue facts with their source and date, for a person to audit.

    python tools/spot_check_facts.py [--count 25] [--seed N] [--file PATH | --url URL]

Reads the catalogue data file (default apps/catalogue/data/catalogue.json) or a
running site's /catalogue.json, draws `count` facts at random across models,
offers, licences and the cost evidence, and prints for each: what it is, the
value, the URL that states it and the date it holds for. Open each URL and
check the value there; the seed makes a draw repeatable. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import urllib.request
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "apps/catalogue/data/catalogue.json"

MODEL_FACTS = [
    ("release_date", "release date", "sources", "facts_as_of"),
    ("parameters_total_b", "total parameters (B)", "sources", "facts_as_of"),
    ("context_window", "context window (tokens)", "sources", "facts_as_of"),
    ("max_output_tokens", "max output tokens", "sources", "facts_as_of"),
    ("capability_score", "capability score", "capability_source_url", "capability_as_of"),
    ("retirement_date", "shutdown date", "lifecycle_source_url", "facts_as_of"),
    ("native_precision", "native weight precision", "architecture_source_url", "facts_as_of"),
    ("num_layers", "layers", "architecture_source_url", "facts_as_of"),
]
OFFER_FACTS = [
    ("input_price_per_mtok", "input price, USD per 1M tokens", "source_url"),
    ("output_price_per_mtok", "output price, USD per 1M tokens", "source_url"),
    ("cached_input_price_per_mtok", "cached input price, USD per 1M tokens", "source_url"),
    ("subscription_price_usd", "subscription price, USD", "source_url"),
    ("data_retention", "data retention", "data_terms_source_url"),
    ("trains_on_customer_data", "trains on customer data", "data_terms_source_url"),
    ("regions", "regions where data is processed", "data_terms_source_url"),
    ("shutdown_date", "offer shutdown date", "lifecycle_source_url"),
]
LICENCE_FACTS = [
    ("commercial_use", "commercial use allowed"),
    ("user_cap", "monthly active user cap"),
    ("redistribution", "redistribution allowed"),
]


def _first_url(value: Any) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def candidate_facts(data: dict[str, Any]) -> list[dict[str, Any]]:
    facts = []
    for model in data.get("models", []):
        if model.get("synthetic"):
            continue
        for key, label, source_key, date_key in MODEL_FACTS:
            if model.get(key) is not None:
                facts.append(
                    {
                        "what": f"{model['name']}: {label}",
                        "value": model[key],
                        "source": _first_url(model.get(source_key)),
                        "as_of": model.get(date_key),
                    }
                )
        for offer in model.get("offers", []):
            for key, label, source_key in OFFER_FACTS:
                value = offer.get(key)
                if value is None or value == "" or value == []:
                    continue
                facts.append(
                    {
                        "what": f"{model['name']} on {offer['host_name']}: {label}",
                        "value": value,
                        "source": offer.get(source_key) or offer.get("source_url"),
                        "as_of": offer.get("as_of"),
                    }
                )
    for licence in data.get("licences", []):
        for key, label in LICENCE_FACTS:
            facts.append(
                {
                    "what": f"{licence['name']}: {label}",
                    "value": licence.get(key),
                    "source": licence.get("source_url"),
                    "as_of": licence.get("as_of"),
                }
            )
    for row in data.get("gpu_prices", []):
        facts.append(
            {
                "what": f"{row['gpu']} at {row['provider']} {row.get('offering') or ''} "
                f"({row['pricing']}): USD per GPU-hour",
                "value": row["price_per_gpu_hour"],
                "source": row["source_url"],
                "as_of": row["as_of"],
            }
        )
    for row in data.get("throughput", []):
        facts.append(
            {
                "what": f"{row['model_measured']} {row['precision']} on {row['gpu']} "
                f"({row['kind']}): output tokens/s per GPU",
                "value": row["output_tokens_per_s_per_gpu"],
                "source": row["source_url"],
                "as_of": row["as_of"],
            }
        )
    return facts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=25)
    parser.add_argument("--seed", type=int, default=None)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--file", type=Path, default=DEFAULT_FILE)
    source.add_argument("--url", help="e.g. http://127.0.0.1:8000/catalogue.json")
    args = parser.parse_args(argv)
    if args.url:
        with urllib.request.urlopen(args.url, timeout=30) as response:  # noqa: S310
            data = json.load(response)
    else:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    facts = candidate_facts(data)
    picked = random.Random(seed).sample(facts, min(args.count, len(facts)))
    print(f"{len(picked)} of {len(facts)} facts (seed {seed}); check each value at its source.\n")
    for number, fact in enumerate(picked, 1):
        value = fact["value"]
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        print(
            f"{number:>2}. {fact['what']}\n    value:  {value}\n"
            f"    source: {fact['source'] or '(none)'}\n    as of:  {fact['as_of'] or '(undated)'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
