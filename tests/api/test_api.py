"""The REST API: every route, its filters and pagination, and the one error shape."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_corpus import BUDGET, FIRE, HOSTILE, build_store
from fastapi.testclient import TestClient

from storyline.api import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(build_store(tmp_path / "api.db"))) as test_client:
        yield test_client


def assert_error(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_health_counts_the_store(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok", "reports": 7, "stories": 3}


def test_stories_are_ranked_by_size_then_recency(client: TestClient) -> None:
    assert ids(client.get("/api/stories")) == [FIRE, BUDGET, HOSTILE]
    first = client.get("/api/stories").json()["items"][0]
    assert first["reports"] == 4 and first["independent_sources"] == ["Reuters", "Globe", "Daily Courier"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("outlet=Reuters", [FIRE]),
        ("outlet=Globe", [FIRE, BUDGET]),
        ("entity=port-ellis", [FIRE, BUDGET]),
        ("entity=Maria Lund", [FIRE]),
        ("q=budget", [BUDGET]),
        ("q=harbour", [FIRE]),
        ("q=nothingmatchesthis", []),
        ("since=2024-03-06", [BUDGET]),
        ("until=2024-03-03", [HOSTILE]),
        ("since=2024-03-04&until=2024-03-05T23:00:00", [FIRE]),
        ("outlet=Globe&q=budget", [BUDGET]),
    ],
)
def test_story_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client.get(f"/api/stories?{query}")) == expected


def test_story_pagination(client: TestClient) -> None:
    first = client.get("/api/stories?limit=2").json()
    assert [i["id"] for i in first["items"]] == [FIRE, BUDGET] and first["next_offset"] == 2
    last = client.get("/api/stories?limit=2&offset=2").json()
    assert [i["id"] for i in last["items"]] == [HOSTILE] and last["next_offset"] is None
    assert ids(client.get("/api/stories?offset=10")) == []


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=x", "since=yesterday", "until=2024-13-01"])
def test_bad_listing_parameters_are_422(client: TestClient, query: str) -> None:
    assert_error(client.get(f"/api/stories?{query}"), 422, "invalid-request")


def test_story_detail_has_everything_corroboration_found(client: TestClient) -> None:
    story = client.get(f"/api/stories/{FIRE}").json()
    assert [r["id"] for r in story["reports"]] == ["r-fire-reuters", "r-fire-radio", "r-fire-globe", "r-fire-courier"]
    assert {f["id"]: f["status"] for f in story["facts"]} == {
        "f-fire": "corroborated", "f-injured": "conflicting", "f-resigned": "single-source", "f-gulls": "single-source"}
    assert [f["id"] for f in story["facts"] if f["folded"]] == ["f-gulls"]
    assert [row["id"] for row in story["matrix"]["rows"] if row["folded"]] == ["f-gulls"]
    assert [c["id"] for c in story["conflicts"]] == ["f-injured"]
    assert {e["id"] for e in story["entities"]} == {"port-ellis", "maria-lund"}
    assert story["quotes"][0]["speaker"] == "Maria Lund"
    assert story["summary"][0]["citations"] == ["r-fire-reuters", "r-fire-globe", "r-fire-courier"]
    rows = {row["id"]: {c["outlet"]: c["state"] for c in row["cells"]} for row in story["matrix"]["rows"]}
    assert rows["f-injured"] == {"Reuters": "conflicting", "Globe": "conflicting", "Daily Courier": "not-reported", "Coast Radio": "conflicting"}
    assert rows["f-resigned"]["Daily Courier"] == "reported" and rows["f-resigned"]["Reuters"] == "not-reported"


def test_story_facts_download_as_csv(client: TestClient) -> None:
    response = client.get(f"/api/stories/{FIRE}/facts.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f"story-{FIRE}-facts.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["fact"]: (row["status"], row["folded"]) for row in rows} == {
        "f-fire": ("corroborated", ""), "f-injured": ("conflicting", ""), "f-resigned": ("single-source", ""),
        "f-gulls": ("single-source", "yes")}
    assert_error(client.get("/api/stories/no-such-story/facts.csv"), 404, "not-found")


def test_story_by_report_id_and_unknown_story(client: TestClient) -> None:
    assert client.get("/api/stories/r-budget-globe").json()["id"] == BUDGET
    assert_error(client.get("/api/stories/no-such-story"), 404, "not-found")


def test_reports_listing_filter_and_pagination(client: TestClient) -> None:
    assert len(ids(client.get("/api/reports"))) == 7
    assert ids(client.get("/api/reports?outlet=Globe")) == ["r-budget-globe", "r-fire-globe"]
    page = client.get("/api/reports?limit=3&offset=3").json()
    assert len(page["items"]) == 3 and page["next_offset"] == 6
    assert client.get("/api/reports?outlet=Globe").json()["items"][0]["story"] == BUDGET


def test_report_detail_includes_removed_furniture(client: TestClient) -> None:
    report = client.get("/api/reports/r-fire-reuters").json()
    assert report["furniture"] == ["Reporting by Ana Ruiz; Editing by Tom Bell", "Our Standards: The Thomson Reuters Trust Principles."]
    assert report["story"] == FIRE and report["body"].startswith("PORT ELLIS")
    assert_error(client.get("/api/reports/nope"), 404, "not-found")


def test_entities(client: TestClient) -> None:
    listed = client.get("/api/entities").json()["items"]
    assert listed[0] == {"id": "port-ellis", "name": "Port Ellis", "kind": "place", "country": "CA", "stories": 2, "mentions": 6}
    assert ids(client.get("/api/entities?q=lund")) == ["maria-lund"]
    assert len(ids(client.get("/api/entities?limit=1&offset=1"))) == 1
    entity = client.get("/api/entities/port-ellis").json()
    assert [s["id"] for s in entity["story_list"]] == [FIRE, BUDGET]
    assert entity["timeline"] == [{"date": "2024-03-04", "stories": 1}, {"date": "2024-03-06", "stories": 1}]
    assert_error(client.get("/api/entities/nobody"), 404, "not-found")


def test_outlets(client: TestClient) -> None:
    listed = client.get("/api/outlets").json()["items"]
    assert [o["name"] for o in listed[:2]] == ["Daily Courier", "Globe"] and listed[0]["reports"] == 2
    courier = client.get("/api/outlets/Daily Courier").json()
    assert courier["stories_covered"] == 2 and courier["first_in_stories"] == 0
    assert [f["id"] for f in courier["single_source_facts"]] == ["f-resigned"]
    reuters = client.get("/api/outlets/Reuters").json()
    assert reuters["first_in_stories"] == 1 and reuters["single_source_facts"] == []
    assert_error(client.get("/api/outlets/Nobody"), 404, "not-found")


def test_search(client: TestClient) -> None:
    body = client.get("/api/search?q=harbour master").json()
    assert body["items"][0]["id"] == "r-fire-courier" and body["items"][0]["story"] == FIRE
    assert "[harbour]" in body["items"][0]["snippet"]
    assert len(ids(client.get("/api/search?q=harbour&limit=2"))) == 2
    assert ids(client.get('/api/search?q="AND OR ( zebra')) == ["r-hostile"]
    assert_error(client.get("/api/search"), 422, "invalid-request")
    assert_error(client.get("/api/search?q="), 422, "invalid-request")


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "not-found")
    assert_error(client.put("/api/stories"), 405, "method-not-allowed")


def test_openapi_schema_lists_the_routes(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/reports", "/api/reports/{report_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/outlets", "/api/outlets/{name}", "/api/search", "/api/ingest",
                 "/api/jobs/{job_id}"):
        assert path in schema["paths"], path
    assert "/" not in schema["paths"]


def test_unexpected_errors_keep_the_shape_and_headers(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import views

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "find_stories", broken)
    response = client.get("/api/stories")
    assert_error(response, 500, "internal-error")
    assert "boom" not in response.text and "content-security-policy" in response.headers
    page = client.get("/")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
