from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from apps.recommendations.engine import ENGINE_VERSION, Recommendation, recommend

from .test_examples import SMALL_TEAM_NEEDING_SLA_AND_FRONTIER

ROOT = Path(__file__).resolve().parents[2]


def test_a_recommendation_carries_the_engine_version(catalogue):
    result = recommend({}, catalogue)
    assert result.engine_version == ENGINE_VERSION == "2.0.1"
    assert result.to_dict()["engine_version"] == "2.0.1"


def test_to_dict_uses_lists_and_plain_values(catalogue):
    data = recommend(SMALL_TEAM_NEEDING_SLA_AND_FRONTIER, catalogue).to_dict()
    assert data["verdict"] == "closed"
    assert isinstance(data["factors"], list) and isinstance(data["factors"][0]["fed_by"], list)
    assert isinstance(data["costs"]["curve"][0]["monthly_tokens"], float)
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_from_dict_rejects_a_stored_result_with_missing_or_unknown_values(catalogue):
    data = recommend({}, catalogue).to_dict()
    with pytest.raises(ValueError):
        Recommendation.from_dict({**data, "verdict": "maybe"})
    missing = dict(data)
    del missing["score"]
    with pytest.raises(ValueError):
        Recommendation.from_dict(missing)
    with pytest.raises(ValueError):
        Recommendation.from_dict({**data, "factors": [{**data["factors"][0], "weight": "3"}]})


def test_from_dict_accepts_whole_numbers_where_floats_were_stored(catalogue):
    data = recommend({}, catalogue).to_dict()
    assert data["score"] == 0.0
    assert Recommendation.from_dict({**data, "score": 0}).score == 0.0


SCRIPT = """
import json
from apps.recommendations.engine import recommend
from tests.engine.factories import make_catalogue
answers = {"use_case": "product", "budget": "medium", "lock_in": "high", "support": "business"}
print(json.dumps(recommend(answers, make_catalogue(60, 3)).to_dict(), sort_keys=True))
"""


def test_results_do_not_depend_on_string_hashing():
    outputs = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
