"""A decision record leaves the app as JSON (read back whole) and CSV (safe
in a spreadsheet)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from http import HTTPStatus

import pytest

from apps.recommendations.exports import (
    SCHEMA_VERSION,
    UNKNOWN_SCHEMA,
    UNSUPPORTED_VERSION,
    record_from_json,
    record_to_csv,
    safe_cell,
)
from apps.recommendations.models import Result
from apps.recommendations.services import result_recommendation
from tests.profiles import SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(client, launch_catalogue, answered):
    response = answered(SOVEREIGN_ML_TEAM)
    client.post(f"/r/{response.resume_token}/recommendation/")
    return response


def test_the_json_export_reads_back_into_the_same_decision_record(client, finished):
    reply = client.get(f"/r/{finished.resume_token}/result.json")

    assert reply.status_code == HTTPStatus.OK
    assert reply["Content-Type"] == "application/json"
    assert "attachment" in reply["Content-Disposition"]
    data = json.loads(reply.content)
    assert data["schema_version"] == SCHEMA_VERSION
    result = Result.objects.get(response=finished)
    record = record_from_json(data)
    assert record.answers == result.answers
    assert record.recommendation == result_recommendation(result=result)
    assert record.engine_version == result.engine_version
    assert record.catalogue == {
        "fingerprint": result.catalogue_fingerprint,
        "size": result.catalogue_size,
    }
    assert record.created_at == result.created_at
    # The whole record: verdict, routes, factors, shortlist, costs with evidence ids.
    assert data["verdict"] == result.verdict
    assert [item["route"] for item in data["shortlist"]]
    assert {factor["factor"] for factor in data["factors"]}
    assert data["costs"]["evidence_ids"]["throughput"]
    assert data["evidence"]["offers"]
    # A file that is written again from the record is the same file.
    assert json.loads(json.dumps(data)) == data


def test_a_file_that_is_not_a_decision_record_is_refused_with_a_message():
    with pytest.raises(ValueError, match=UNKNOWN_SCHEMA):
        record_from_json({"hello": "world"})
    with pytest.raises(ValueError, match=UNSUPPORTED_VERSION):
        record_from_json(
            {
                "schema": "https://open-or-closed.example/schemas/decision-record",
                "schema_version": 99,
            }
        )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_cell_that_starts_like_a_formula_is_neutralised(start):
    assert safe_cell(f'{start}HYPERLINK("http://evil")') == f'\'{start}HYPERLINK("http://evil")'
    assert safe_cell("plain text") == "plain text"
    assert safe_cell(-0.5) == -0.5  # numbers we computed stay numbers


def test_the_csv_export_holds_the_answers_and_factors_and_runs_no_formula(client, finished):
    reply = client.get(f"/r/{finished.resume_token}/result.csv")
    assert reply.status_code == HTTPStatus.OK
    assert reply["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))
    answer_keys = {row[1]: row[3] for row in rows if len(row) == 4 and row[1] in SOVEREIGN_ML_TEAM}
    assert answer_keys == SOVEREIGN_ML_TEAM
    assert ["Factor", "Weight", "Lean", "Contribution", "Why"] in rows

    result = Result.objects.get(response=finished)
    recommendation = result_recommendation(result=result)
    hostile = dataclasses.replace(
        recommendation,
        factors=tuple(
            dataclasses.replace(factor, explanation="=cmd|' /C calc'!A0")
            for factor in recommendation.factors
        ),
    )
    text = record_to_csv(answers={"org_size": "@SUM(1+1)"}, recommendation=hostile)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not (cell.startswith("-") and not _is_number(cell)), cell


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
