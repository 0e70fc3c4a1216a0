"""`storyline events`: filters, the dyad series, clear errors, and the same JSON as the REST API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from event_corpus import build_event_store
from fastapi.testclient import TestClient

from storyline.api import create_app


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), "events", *args],
        capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_event_store(tmp_path_factory.mktemp("events") / "events.db")


@pytest.mark.parametrize(
    ("cli", "api"),
    [
        (["--actor", "CHN"], "actor=CHN"),
        (["--actor", "cn", "--target", "USA"], "actor=cn&target=USA"),
        (["--type", "agree"], "type=agree"),
        (["--type", "11"], "type=11"),
        (["--since", "2017-06-21", "--until", "2017-07-03"], "since=2017-06-21&until=2017-07-03"),
        (["--story", "s-spy"], "story=s-spy"),
        (["--limit", "2", "--offset", "1"], "limit=2&offset=1"),
    ],
)
def test_cli_and_api_give_the_same_events(db: Path, cli: list[str], api: str) -> None:
    printed = run(*cli, "--json", db=db)
    assert printed.returncode == 0, printed.stderr
    with TestClient(create_app(db)) as client:
        answered = client.get(f"/api/events?{api}")
    assert answered.status_code == 200, answered.text
    assert json.loads(printed.stdout) == answered.json()["items"]
    assert json.loads(printed.stdout), "each case selects some events"


def test_dyad_series_per_week_from_cli_and_api(db: Path) -> None:
    printed = run("--dyad", "CHN,CAN", "--by", "week", "--json", db=db)
    assert printed.returncode == 0, printed.stderr
    series = json.loads(printed.stdout)
    assert series == {
        "dyad": ["CHN", "CAN"], "by": "week",
        "series": [{"period": "2017-W25", "events": 1, "goldstein_mean": 1.0},
                   {"period": "2017-W26", "events": 1, "goldstein_mean": 8.0}],
        "undated": 1, "imprecise": 0,
    }
    with TestClient(create_app(db)) as client:
        assert client.get("/api/dyads/CHN/CAN?by=week").json() == series
        yearly = client.get("/api/dyads/CN/US?by=year").json()
    assert yearly["series"] == [{"period": "2015", "events": 1, "goldstein_mean": 4.0},
                                {"period": "2017", "events": 2, "goldstein_mean": -3.0}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--actor", "XYZ"], "not an ISO 3166 country code"),
        (["--type", "HUG"], "unknown event type 'HUG'"),
        (["--since", "2017-13-01"], "since: '2017-13-01' is not an ISO date"),
        (["--dyad", "CHN"], "--dyad takes two countries"),
        (["--dyad", "CHN,CAN", "--by", "fortnight"], "--by must be one of day, week, month, year"),
        (["--story", "nope"], "no story or report with id 'nope'"),
    ],
)
def test_bad_filters_are_usage_errors(db: Path, args: list[str], message: str) -> None:
    result = run(*args, db=db)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_api_answers_bad_filters_with_422(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        for url in ("/api/events?actor=XYZ", "/api/events?type=HUG", "/api/dyads/CHN/XYZ", "/api/dyads/CHN/CAN?by=fortnight"):
            response = client.get(url)
            assert response.status_code == 422, url
            assert response.json()["error"]["code"] == "invalid-request"


def test_table_output_names_actors_with_their_countries(db: Path) -> None:
    result = run("--target", "USA", db=db)
    assert result.returncode == 0
    assert "China (CN)" in result.stdout and "REJECT" in result.stdout and "ACCUSE" not in result.stdout
