"""The questionnaire of SPEC §3 as data: slugs, sections and option keys.

Slugs and keys are stored in the database and used as form field names and
values, so they never change without a migration of stored answers. Labels
here are short technical names; the questionnaire app owns the wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

UNSURE = "unsure"
IMPORTANCE_KEYS: tuple[str, ...] = ("none", "low", "high", "critical")

UNKNOWN_QUESTION = "This is not a question of the questionnaire."
UNKNOWN_OPTION = "This is not one of the options of this question."


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    slug: str
    section: int
    label: str
    options: tuple[Option, ...]
    allows_unsure: bool
    importance: bool

    @property
    def option_keys(self) -> tuple[str, ...]:
        """The keys of the real options, in order, without ``unsure``."""
        return tuple(option.key for option in self.options)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every accepted key, in order, ending with ``unsure`` where allowed."""
        return self.option_keys + ((UNSURE,) if self.allows_unsure else ())

    @property
    def neutral_key(self) -> str:
        """What a missing answer counts as: ``unsure``, or ``no`` for licences."""
        return UNSURE if self.allows_unsure else "no"


SECTIONS: Mapping[int, str] = MappingProxyType(
    {
        1: "Your situation",
        2: "Transparency and trust",
        3: "Cost",
        4: "Flexibility and customisation",
        5: "Control, quality and support",
        6: "Security and standardisation",
        7: "Licence needs",
    }
)


def _choice(
    slug: str,
    section: int,
    label: str,
    *options: tuple[str, str],
    allows_unsure: bool = True,
) -> Question:
    return Question(
        slug=slug,
        section=section,
        label=label,
        options=tuple(Option(key, option_label) for key, option_label in options),
        allows_unsure=allows_unsure,
        importance=False,
    )


def _importance(slug: str, section: int, label: str) -> Question:
    labels = ("not important", "nice to have", "important", "must-have")
    return Question(
        slug=slug,
        section=section,
        label=label,
        options=tuple(
            Option(key, option_label)
            for key, option_label in zip(IMPORTANCE_KEYS, labels, strict=True)
        ),
        allows_unsure=True,
        importance=True,
    )


QUESTIONS: tuple[Question, ...] = (
    _choice(
        "use_case",
        1,
        "Main use case",
        ("assistant", "internal chat assistant"),
        ("documents", "search or summarise our documents"),
        ("code", "code generation"),
        ("product", "embedded in a product we sell"),
        ("automation", "agents and workflow automation"),
        ("research", "research and experimentation"),
    ),
    _choice(
        "organisation",
        1,
        "Organisation",
        ("individual", "individual"),
        ("startup", "startup"),
        ("sme", "small or medium business"),
        ("enterprise", "enterprise"),
        ("public_sector", "public sector"),
        ("academic", "academic"),
    ),
    _choice(
        "monthly_volume",
        1,
        "Monthly token volume",
        ("low", "under 10 M tokens"),
        ("medium", "10–500 M tokens"),
        ("high", "500 M–10 B tokens"),
        ("very_high", "over 10 B tokens"),
    ),
    _choice(
        "data_sensitivity",
        2,
        "Data sensitivity",
        ("public", "public data"),
        ("internal", "internal data"),
        ("personal", "personal data"),
        ("special", "special-category data (health, financial, classified)"),
    ),
    _choice(
        "data_location",
        2,
        "Where data may be processed",
        ("anywhere", "anywhere"),
        ("region", "within one jurisdiction"),
        ("own_infrastructure", "only on our own infrastructure"),
    ),
    _choice(
        "data_region",
        2,
        "Jurisdiction data must stay in (only when it must stay in one)",
        ("eu", "EU/EEA"),
        ("uk", "United Kingdom"),
        ("us", "United States"),
        ("other", "another jurisdiction"),
    ),
    _importance("auditability", 2, "Inspecting the model, its weights or data"),
    _choice(
        "budget",
        3,
        "Monthly budget",
        ("minimal", "under $100"),
        ("small", "$100–1k"),
        ("medium", "$1k–10k"),
        ("large", "$10k–100k"),
        ("unlimited", "no fixed limit"),
    ),
    _choice(
        "cost_model",
        3,
        "Preferred way to pay",
        ("pay_per_use", "pay per use"),
        ("fixed", "fixed cost"),
        ("no_preference", "no preference"),
    ),
    _choice(
        "customisation",
        4,
        "Customisation needed",
        ("as_is", "use as is"),
        ("prompting", "prompts and retrieval over our data"),
        ("fine_tune", "fine-tuning"),
        ("modify", "change weights, distil, redistribute derivatives"),
    ),
    _importance("lock_in", 4, "Avoiding dependence on one vendor"),
    _choice(
        "expertise",
        5,
        "In-house ML expertise",
        ("none", "no ML engineers"),
        ("some", "engineers who could run a model"),
        ("team", "dedicated ML/MLOps team"),
    ),
    _choice(
        "support",
        5,
        "Support needed",
        ("community", "community support"),
        ("business", "business-hours vendor support"),
        ("sla", "24×7 with a contractual SLA"),
    ),
    _importance("capability_need", 5, "Access to the most capable models"),
    _choice(
        "time_to_market",
        5,
        "Time to market",
        ("weeks", "weeks"),
        ("months", "months"),
        ("no_rush", "no rush"),
    ),
    _choice(
        "security_exposure",
        6,
        "Security exposure",
        ("low", "low"),
        ("moderate", "moderate"),
        ("high", "safety- or security-critical, public-facing, abuse risk"),
    ),
    _importance("standardisation", 6, "One consistent model and API across teams"),
    _choice(
        "commercial_use",
        7,
        "Commercial use",
        ("yes", "yes"),
        ("no", "no"),
        allows_unsure=False,
    ),
    _choice(
        "redistribution",
        7,
        "Shipping the weights to customers or devices",
        ("yes", "yes"),
        ("no", "no"),
        allows_unsure=False,
    ),
)

QUESTIONS_BY_SLUG: Mapping[str, Question] = MappingProxyType(
    {question.slug: question for question in QUESTIONS}
)


def validate_answers(answers: Mapping[str, object]) -> dict[str, str]:
    """Return ``{slug: error message}`` for unknown slugs and unknown keys.

    Missing questions are not errors: the engine counts them as ``unsure``
    (or ``no`` for the two licence questions) and lists them as assumptions.
    """
    errors: dict[str, str] = {}
    for slug, key in answers.items():
        question = QUESTIONS_BY_SLUG.get(slug) if isinstance(slug, str) else None
        if question is None:
            errors[str(slug)] = UNKNOWN_QUESTION
        elif not isinstance(key, str) or key not in question.keys:
            errors[slug] = UNKNOWN_OPTION
    return errors


# Questions asked only after a given answer to another question.
ASKED_ONLY_IF: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"data_region": ("data_location", "region")}
)


def is_asked(slug: str, answers: Mapping[str, str]) -> bool:
    condition = ASKED_ONLY_IF.get(slug)
    return condition is None or answers.get(condition[0]) == condition[1]


def resolve_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Every question's effective key, missing ones set to their neutral key;
    a question not asked (see `ASKED_ONLY_IF`) counts as ``unsure``."""
    resolved = {
        question.slug: answers.get(question.slug, question.neutral_key) for question in QUESTIONS
    }
    for slug in ASKED_ONLY_IF:
        if not is_asked(slug, resolved):
            resolved[slug] = UNSURE
    return resolved
