"""The /method/ page's content, built from the engine's own rule table and
its one definition of the questionnaire, so the page cannot drift from what
the engine does or from what the questionnaire asks."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from apps.recommendations import engine
from apps.recommendations.cost_evidence import engine_settings
from apps.recommendations.presenters import option_label, question_text

FAVOURS_WORDS = {
    "open": "open source",
    "closed": "closed source",
    "depends": "depends on the catalogue",
}


def _lean_text(lean: float | None, from_catalogue: bool) -> str:
    if from_catalogue or lean is None:
        return "from the catalogue"
    return f"{lean:+.2f}".replace("-", "−")


def method_context() -> dict[str, Any]:
    rules = engine.method_rules(engine_settings())
    factor_labels = {f["key"]: f["label"] for f in rules["factors"]}
    option_rules: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rule in rules["option_rules"]:
        option_rules[rule["question"]].append(
            {
                "option": option_label(rule["question"], rule["option"]),
                "factor": factor_labels.get(rule["factor"], rule["factor"]),
                "weight": rule["weight"],
                "lean": _lean_text(rule["lean"], rule["lean_from_catalogue"]),
                "reason": rule["reason"],
            }
        )
    importance = {rule["question"]: rule for rule in rules["importance_rules"]}
    sections = []
    for section in engine.SECTIONS:
        questions = []
        for question in section.questions:
            imp = importance.get(question.slug)
            questions.append(
                {
                    "slug": question.slug,
                    "text": question.text,
                    "help": question.help,
                    "feeds": [factor_labels[key] for key in question.factors],
                    "rules": option_rules.get(question.slug, []),
                    "importance": (
                        {
                            "factor": factor_labels.get(imp["factor"], imp["factor"]),
                            "lean": _lean_text(imp["lean"], imp["lean_from_catalogue"]),
                            "weights": ", ".join(
                                f"{option_label(question.slug, key)} {weight}"
                                for key, weight in imp["weights"].items()
                            ),
                        }
                        if imp
                        else None
                    ),
                    "unsure": question.unknown_means,
                    "unsure_offered": question.allows_unsure,
                }
            )
        sections.append({"number": section.number, "title": section.title, "questions": questions})
    factors = [
        {
            **factor,
            "favours_words": FAVOURS_WORDS.get(factor["favours"], factor["favours"]),
            "questions": [
                question_text(slug) for slug in rules["questions_by_factor"].get(factor["key"], [])
            ],
        }
        for factor in rules["factors"]
    ]
    return {
        "rules": rules,
        "factors": factors,
        "sections": sections,
        "volumes": [
            (option_label("monthly_volume", key), tokens)
            for key, tokens in rules["volumes_tokens_per_month"].items()
        ],
        "budgets": [
            (option_label("budget", key), cap) for key, cap in rules["budget_caps_usd"].items()
        ],
        "cost_settings": rules["cost_model"]["settings"],
    }
