from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from apps.questionnaire.definitions import SECTIONS, Section, is_asked
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_answer_section, response_start


def first_answers(section: Section) -> dict[str, str]:
    """A valid answer to every question of a section: each question's first
    option, leaving out questions those answers do not ask (data_region)."""
    answers = {question.slug: question.options[0].key for question in section.questions}
    return {
        question.slug: answers[question.slug]
        for question in section.questions
        if is_asked(question, answers)
    }


class PageParser(HTMLParser):
    """Collects what the tests look at: radios, links, ids and form actions."""

    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.forms: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "input" and attributes.get("type") == "radio":
            self.radios.append(attributes)
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.forms.append(attributes)

    def radio_values(self) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for radio in self.radios:
            values.setdefault(str(radio["name"]), []).append(str(radio["value"]))
        return values

    def checked(self) -> dict[str, str]:
        return {str(r["name"]): str(r["value"]) for r in self.radios if "checked" in r}


def parse(html: bytes | str) -> PageParser:
    parser = PageParser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser


@pytest.fixture
def make_response() -> Callable[..., Response]:
    """A response with the first option answered on sections 1..``through``."""

    def make(through: int = 0) -> Response:
        response = response_start()
        for section in SECTIONS[:through]:
            response_answer_section(response=response, section=section, data=first_answers(section))
        return response

    return make
