"""The licence checklist: for each shortlisted model, the duties and
limits its licence (or its vendor's terms) puts on *this* organisation's
stated use — commercial use, redistribution, user caps against the
organisation's size, attribution, modification, acceptable use — each with
the clause quoted where the catalogue holds it, else a link to the licence.

Plain functions over plain values: licence facts (`LicenceFacts`, frozen with
a result or read from the catalogue) and the stored answers in, typed items
out. Every rule reads the catalogue's licence facts; nothing here names a
model or a licence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from apps.questionnaire.definitions import QUESTIONS_BY_SLUG, UNSURE
from apps.recommendations.licence_facts import (  # noqa: F401 - callers read them here too
    Clause,
    LicenceFacts,
    freeze_licence_facts,
    frozen_licence_facts,
    licence_facts_for,
    licence_facts_of,
)

Verdict = Literal["blocked", "duty", "limit", "check", "ok"]
ItemKind = Literal[
    "commercial_use",
    "redistribution",
    "user_cap",
    "attribution",
    "modification",
    "acceptable_use",
    "terms",
    "host_terms",
]

# Most pressing first: what rules the model out, what must be done, what
# bounds the use, what to read, what is fine.
VERDICT_ORDER: tuple[Verdict, ...] = ("blocked", "duty", "limit", "check", "ok")
VERDICT_LABELS: dict[Verdict, str] = {
    "blocked": "Not allowed",
    "duty": "You must",
    "limit": "Limit",
    "check": "Check",
    "ok": "Allowed",
}
# Verdicts that ask something of the organisation: a checklist without any
# says "no duties" outright.
ACTION_VERDICTS = frozenset({"blocked", "duty", "limit", "check"})

# Organisations whose products and services may plausibly reach a licence's
# user cap (hundreds of millions of monthly active users). The others are
# told they are far below it today; an unanswered size is treated as large.
LARGE_ORGANISATIONS = frozenset({"enterprise", "public_sector"})

# What to look for in an acceptable-use policy, by use case (use-case answer keys).
USE_CASE_POLICY_FOCUS = {
    "assistant": ("Your staff's prompts count as your use: tell them what the policy forbids."),
    "documents": (
        "Check its rules on the advice and decisions your documents feed, such as "
        "medical, legal or financial ones."
    ),
    "code": "Check its rules on malware, intrusion and other security tooling.",
    "product": (
        "Your customers' use runs under your licence: forbid the policy's prohibited uses "
        "in your own terms, and check whether it asks you to pass them on."
    ),
    "automation": (
        "Check its rules on automated decisions about people and on actions taken "
        "without human review."
    ),
    "research": (
        "Research is use too: check its rules on red-teaming and on using outputs to "
        "train other models."
    ),
}

API_ROUTES = frozenset({"vendor_api", "hosted_api"})
WEIGHTS_ROUTES = frozenset({"self_hosted", "supported_self_hosted"})


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    kind: ItemKind
    verdict: Verdict
    text: str
    """What applies, in plain language."""
    quote: str = ""
    """The clause in the licence's own words, when the catalogue holds it."""
    section: str = ""
    """Where the clause sits in the licence, e.g. "§2 Additional Commercial Terms"."""
    url: str = ""
    """The clause's or the licence's address."""
    link_text: str = ""

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True, slots=True)
class ModelChecklist:
    slug: str
    name: str
    route: str
    licence: LicenceFacts | None
    """None when the licence facts are no longer known for this model."""
    items: tuple[ChecklistItem, ...] = ()
    frozen: bool = True
    """False when the facts come from today's catalogue, not from the result."""

    @property
    def no_duties(self) -> bool:
        """True only when the licence is known and nothing asks anything."""
        return self.licence is not None and not any(
            item.verdict in ACTION_VERDICTS for item in self.items
        )

    @property
    def conditions(self) -> tuple[str, ...]:
        """Every condition the catalogue records for the licence, for reference."""
        return self.licence.obligations if self.licence else ()


def _option_label(slug: str, key: str | None) -> str:
    question = QUESTIONS_BY_SLUG.get(slug)
    option = question.option(key) if question and key else None
    return option.label if option else ""


def _cited(
    licence: LicenceFacts,
    topic: str,
    *,
    kind: ItemKind,
    verdict: Verdict,
    text: str,
    fallback_url: str = "",
    fallback_link: str = "",
) -> ChecklistItem:
    """An item quoting the licence's clause on `topic`, or else linking the
    most specific document the catalogue has."""
    clause = licence.clause(topic)
    if clause is not None:
        return ChecklistItem(
            kind=kind,
            verdict=verdict,
            text=text,
            quote=clause.quote,
            section=clause.section,
            url=clause.url or licence.url,
            link_text=f"{licence.name}{', ' + clause.section if clause.section else ''}",
        )
    url = fallback_url or licence.url
    return ChecklistItem(
        kind=kind,
        verdict=verdict,
        text=text,
        url=url,
        link_text=(fallback_link or f"Read {licence.name}") if url else "",
    )


def _commercial_use(licence: LicenceFacts, answers: Mapping[str, str]) -> list[ChecklistItem]:
    # A missing answer counts as "no", as in the engine (engine/questions.py).
    commercial = answers.get("commercial_use") == "yes"
    if commercial and not licence.commercial_use:
        return [
            _cited(
                licence,
                "commercial_use",
                kind="commercial_use",
                verdict="blocked",
                text=(
                    f"{licence.name} does not allow commercial use, and you said you will use "
                    "the model commercially: you would need a separate commercial licence "
                    "from its maker."
                ),
            )
        ]
    if commercial:
        where = "under the vendor's terms" if licence.proprietary else "under this licence"
        return [
            _cited(
                licence,
                "commercial_use",
                kind="commercial_use",
                verdict="ok",
                text=f"Commercial use is allowed {where}.",
            )
        ]
    if not licence.commercial_use:
        return [
            _cited(
                licence,
                "commercial_use",
                kind="commercial_use",
                verdict="limit",
                text=(
                    "Non-commercial use only. That fits your answer, but any commercial use "
                    "later — in a product, or in a business's daily work — needs a separate "
                    "licence from the maker."
                ),
            )
        ]
    return []


def _serves_others(answers: Mapping[str, str]) -> bool:
    """The model's outputs reach people outside the organisation: a product
    its customers use."""
    return answers.get("use_case") == "product"


def _redistribution(
    licence: LicenceFacts, answers: Mapping[str, str], route: str
) -> list[ChecklistItem]:
    ships = answers.get("redistribution") == "yes"
    if ships and not licence.redistribution:
        reason = (
            "its weights are not published: the vendor's terms give access to the API only"
            if licence.proprietary
            else f"{licence.name} does not allow passing the model on"
        )
        return [
            _cited(
                licence,
                "redistribution",
                kind="redistribution",
                verdict="blocked",
                text=f"You said you will ship the model to others, but {reason}.",
            )
        ]
    if ships:
        how = (
            " Download the weights to ship them: this route serves the model, it does not "
            "hand it over."
            if route in API_ROUTES
            else ""
        )
        return [
            _cited(
                licence,
                "redistribution",
                kind="redistribution",
                verdict="duty",
                text=(
                    "You ship the model, so pass its licence on with it: give every recipient "
                    f"a copy of {licence.name} and keep the notices that came with the "
                    f"weights.{how}"
                ),
            )
        ]
    if not _serves_others(answers) or licence.proprietary:
        return []
    if licence.service_counts_as_distribution:
        return [
            _cited(
                licence,
                "redistribution",
                kind="redistribution",
                verdict="duty",
                text=(
                    "You don't ship the weights, but your customers use the model, and this "
                    "licence attaches its distribution conditions to that too: meet them in "
                    "your product and its terms."
                ),
            )
        ]
    if licence.service_counts_as_distribution is None and (
        licence.attribution_required or licence.acceptable_use_policy_url
    ):
        return [
            _cited(
                licence,
                "redistribution",
                kind="redistribution",
                verdict="check",
                text=(
                    "Your customers use the model, though you don't ship the weights. Some "
                    "licences attach their distribution conditions (a copy of the licence, "
                    "credit, passing use restrictions on) to a product or service built on "
                    "the model; others only to copies you ship. Read its distribution clause."
                ),
            )
        ]
    return []


def _attribution(licence: LicenceFacts, answers: Mapping[str, str]) -> list[ChecklistItem]:
    if not licence.attribution_required or not licence.redistribution:
        return []
    if answers.get("redistribution") != "yes":
        return []
    return [
        _cited(
            licence,
            "attribution",
            kind="attribution",
            verdict="duty",
            text=(
                "Credit the model as the licence asks in every copy you ship: keep its "
                "copyright and attribution notices (such as a NOTICE file) and any credit "
                "line it requires."
            ),
        )
    ]


def _user_cap(licence: LicenceFacts, answers: Mapping[str, str]) -> list[ChecklistItem]:
    if licence.user_cap is None:
        return []
    cap = f"{licence.user_cap:,}"
    organisation = answers.get("organisation")
    if organisation in (None, "", UNSURE):
        return [
            _cited(
                licence,
                "user_cap",
                kind="user_cap",
                verdict="limit",
                text=(
                    f"Above {cap} monthly active users this licence needs a separate "
                    "agreement with the maker. You did not say what kind of organisation you "
                    "are: count the monthly active users of all your products and services "
                    "(and your affiliates') against it."
                ),
            )
        ]
    label = _option_label("organisation", organisation).lower() or organisation
    if organisation in LARGE_ORGANISATIONS:
        return [
            _cited(
                licence,
                "user_cap",
                kind="user_cap",
                verdict="limit",
                text=(
                    f"Above {cap} monthly active users this licence needs a separate "
                    f"agreement with the maker, and {_article(label)} can reach that: count "
                    "the monthly active users of all your products and services (and your "
                    "affiliates') before you rely on it."
                ),
            )
        ]
    return [
        _cited(
            licence,
            "user_cap",
            kind="user_cap",
            verdict="ok",
            text=(
                f"Only organisations whose products reach {cap} monthly active users need a "
                f"separate licence; {_article(label)} is far below that. Check again if your "
                "user numbers ever come close."
            ),
        )
    ]


def _article(label: str) -> str:
    if label.startswith(("just me", "an ", "a ")):
        return "an individual" if label.startswith("just me") else label
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def _modification(
    licence: LicenceFacts, answers: Mapping[str, str], route: str
) -> list[ChecklistItem]:
    customisation = answers.get("customisation")
    if customisation not in ("fine_tune", "modify"):
        return []
    if customisation == "fine_tune" and route in API_ROUTES:
        return [
            ChecklistItem(
                kind="modification",
                verdict="ok",
                text=(
                    "You fine-tune through the provider's service on this route; the tuned "
                    "model stays with the provider, under its terms."
                ),
                url=licence.url,
                link_text=f"Read {licence.name}" if licence.url else "",
            )
        ]
    if not licence.modification:
        return [
            _cited(
                licence,
                "modification",
                kind="modification",
                verdict="blocked",
                text=(
                    "You plan to change the model itself, and "
                    f"{'the vendor' if licence.proprietary else licence.name} does not allow it."
                ),
            )
        ]
    return [
        _cited(
            licence,
            "modification",
            kind="modification",
            verdict="ok",
            text="The licence lets you fine-tune and change the model.",
        )
    ]


def _acceptable_use(licence: LicenceFacts, answers: Mapping[str, str]) -> list[ChecklistItem]:
    if not licence.acceptable_use_policy_url:
        return []
    focus = USE_CASE_POLICY_FOCUS.get(answers.get("use_case", ""), "")
    text = "Your use must keep to the acceptable-use policy that comes with it."
    return [
        _cited(
            licence,
            "acceptable_use",
            kind="acceptable_use",
            verdict="limit",
            text=f"{text} {focus}".strip(),
            fallback_url=licence.acceptable_use_policy_url,
            fallback_link="Read the acceptable-use policy",
        )
    ]


def _terms(licence: LicenceFacts, route: str, host_name: str | None) -> list[ChecklistItem]:
    items = []
    if licence.proprietary:
        items.append(
            ChecklistItem(
                kind="terms",
                verdict="duty",
                text=(
                    f"The vendor's terms apply ({licence.name}): you accept them before you "
                    "use the model, and they govern your data, your outputs and what you may "
                    "build. There is no licence to the weights."
                ),
                url=licence.url,
                link_text=f"Read {licence.name}" if licence.url else "",
            )
        )
    served_by_other = host_name and route != "self_hosted"
    if served_by_other and not (licence.proprietary and route == "vendor_api"):
        what = "support subscription" if route == "supported_self_hosted" else "service"
        items.append(
            ChecklistItem(
                kind="host_terms",
                verdict="duty",
                text=(
                    f"You use it through {host_name}: its terms for the {what} apply as well "
                    "as the model's licence. Read them before you sign up."
                ),
            )
        )
    return items


def licence_checklist(
    *,
    licence: LicenceFacts,
    answers: Mapping[str, str],
    route: str,
    host_name: str | None = None,
) -> tuple[ChecklistItem, ...]:
    """What `licence` asks of an organisation with these answers when it runs
    the model on `route` (through `host_name` where someone else serves it),
    most pressing first."""
    items = [
        *_commercial_use(licence, answers),
        *_redistribution(licence, answers, route),
        *_user_cap(licence, answers),
        *_attribution(licence, answers),
        *_modification(licence, answers, route),
        *_acceptable_use(licence, answers),
        *_terms(licence, route, host_name),
    ]
    items.sort(key=lambda item: VERDICT_ORDER.index(item.verdict))
    return tuple(items)


def licence_checklists(
    *,
    shortlist: Sequence[Any],
    answers: Mapping[str, str],
    licences: Mapping[str, LicenceFacts],
    current: Mapping[str, LicenceFacts] | None = None,
) -> list[ModelChecklist]:
    """One checklist per shortlisted (model, route), in shortlist order.

    `shortlist` items need `slug`, `name`, `route` and `host_name` (an
    `engine.ShortlistItem` has them). `licences` are the facts frozen with
    the result, by model slug; `current`, today's catalogue facts for models
    the result has none for (marked `frozen=False`)."""
    checklists = []
    for entry in shortlist:
        licence = licences.get(entry.slug)
        frozen = licence is not None
        if licence is None and current is not None:
            licence = current.get(entry.slug)
        checklists.append(
            ModelChecklist(
                slug=entry.slug,
                name=entry.name,
                route=entry.route,
                licence=licence,
                items=()
                if licence is None
                else licence_checklist(
                    licence=licence,
                    answers=answers,
                    route=entry.route,
                    host_name=entry.host_name,
                ),
                frozen=frozen,
            )
        )
    return checklists


def top_pick_duties(
    checklists: Sequence[ModelChecklist], slug: str | None = None
) -> tuple[str, ...]:
    """What the top pick's licence asks of the organisation (everything but
    "ok"), in words, for the one-screen summary's next steps. The top pick is
    the model ``slug`` (the first shortlisted one when not given)."""
    chosen = [item for item in checklists if slug is None or item.slug == slug]
    if not chosen:
        return ()
    top = chosen[0]
    if top.licence is None:
        return (f"Read the licence of {top.name} before you rely on it.",)
    return tuple(
        f"{top.name}: {item.text}" for item in top.items if item.verdict in ACTION_VERDICTS
    )


def result_licence_checklists(
    *, shortlist: Sequence[Any], answers: Mapping[str, str], stored: Mapping[str, Any] | None
) -> list[ModelChecklist]:
    """The checklists of a stored result: from its frozen licence facts, and
    from today's catalogue only for models it has none for (older results)."""
    frozen = frozen_licence_facts(stored)
    missing = [entry.slug for entry in shortlist if entry.slug not in frozen]
    current = licence_facts_for(missing) if missing else {}
    return licence_checklists(
        shortlist=shortlist, answers=answers, licences=frozen, current=current
    )
