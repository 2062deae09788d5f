"""The questionnaire is defined once, and everyone reads that definition.

apps/recommendations/engine/questionnaire.py writes out every section,
question, option, help text and hint; the questionnaire app, the engine, the
method page and these tests read those very objects. A second hand-written
list of the same slugs or keys is a bug that hasn't happened yet.
"""

from __future__ import annotations

import ast
from pathlib import Path

from apps.questionnaire import definitions
from apps.recommendations import engine
from apps.recommendations.engine import questions as engine_questions
from apps.recommendations.engine.factors import FEEDS, IMPORTANCE_RULES, OPTION_RULES

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "apps" / "recommendations" / "engine"


def test_the_questionnaire_asks_the_engines_question_objects_themselves():
    assert definitions.SECTIONS is engine_questions.SECTIONS
    assert definitions.QUESTIONS is engine_questions.QUESTIONS
    for question in definitions.QUESTIONS:
        assert (
            definitions.QUESTIONS_BY_SLUG[question.slug] is engine.QUESTIONS_BY_SLUG[question.slug]
        )


def test_each_question_is_in_the_section_that_holds_it():
    for section in definitions.SECTIONS:
        for question in section.questions:
            assert question.section == section.number, question.slug
            assert definitions.SECTION_OF_QUESTION[question.slug] is section


def test_every_feed_names_a_defined_question_and_one_of_its_options():
    for (slug, key), _feeds in FEEDS.items():
        assert key in engine.QUESTIONS_BY_SLUG[slug].keys, (slug, key)
    for slug, options in OPTION_RULES.items():
        assert set(options) == set(engine.QUESTIONS_BY_SLUG[slug].option_keys), slug
    for slug in IMPORTANCE_RULES:
        assert engine.QUESTIONS_BY_SLUG[slug].importance, slug


def test_a_questions_factors_are_exactly_those_its_answers_feed():
    for question in engine.QUESTIONS:
        fed = {feed.factor for key in question.keys for feed in FEEDS[question.slug, key]}
        assert set(question.factors) == fed, question.slug
        assert list(question.factors) == [key for key in engine.FACTOR_KEYS if key in fed]


def test_only_data_region_is_asked_after_another_answer():
    asked_if = {q.slug: q.asked_if for q in engine.QUESTIONS if q.asked_if is not None}
    assert asked_if == {"data_region": ("data_location", "region")}
    region = engine.QUESTIONS_BY_SLUG["data_region"]
    assert engine_questions.is_asked(region, {"data_location": "region"})
    assert not engine_questions.is_asked(region, {"data_location": "anywhere"})
    assert engine_questions.is_asked("data_region", {"data_location": "region"})


def test_every_question_says_what_an_unknown_answer_means():
    for question in engine.QUESTIONS:
        assert len(question.unknown_means) > 20, question.slug


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_each_questions_wording_is_written_in_one_source_file_only():
    """Question texts and option labels live in the engine's questionnaire
    module and nowhere else in the application code."""
    sources = [path for path in (ROOT / "apps").rglob("*.py") if "migrations" not in path.parts]
    written = {path: _string_constants(path) for path in sources}
    for question in engine.QUESTIONS:
        for text in (question.text, question.error):
            holders = [path for path, strings in written.items() if text in strings]
            assert holders == [ENGINE / "questionnaire.py"], (question.slug, holders)


def test_the_engine_package_never_imports_django():
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] in ("django", "apps") for name in imported), path


def test_every_answer_the_form_accepts_is_valid_for_the_engine():
    for question in definitions.QUESTIONS:
        for key in question.keys:
            assert engine.validate_answers({question.slug: key}) == {}
