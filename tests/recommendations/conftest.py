from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from apps.questionnaire.definitions import SECTIONS
from apps.questionnaire.models import Response
from apps.questionnaire.services import response_answer_section, response_start
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

__all__ = ["SMALL_TEAM_NEEDS_SLA", "SOVEREIGN_ML_TEAM"]


@pytest.fixture
def launch_catalogue(shipped_catalogue):
    """The shipped catalogue, loaded once per session and copied into each test."""
    yield


@pytest.fixture
def answered(db) -> Callable[[Mapping[str, str]], Response]:
    def make(answers: Mapping[str, str], *, sections: int = len(SECTIONS)) -> Response:
        response = response_start()
        for section in SECTIONS[:sections]:
            response_answer_section(
                response=response,
                section=section,
                data={slug: answers[slug] for slug in section.slugs if slug in answers},
            )
        return response

    return make
