"""The REST API's response schemas: documented in /api/openapi.json, and dropping nothing the views give."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_corpus import FIRE, build_store
from event_corpus import fill_events
from fastapi.testclient import TestClient

from storyline import views
from storyline.api import create_app
from storyline.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = build_store(tmp_path / "api.db")
    with open_store(path) as store:
        fill_events(store)
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_openapi_documents_every_json_answer(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, methods in schema["paths"].items():
        answer = methods.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        if "application/json" in answer:
            assert "$ref" in answer["application/json"]["schema"] or "title" in answer["application/json"]["schema"], path
    components = schema["components"]["schemas"]
    assert {"StoryDetail", "Fact", "Event", "DyadSeries", "ActorDetail", "Page_StorySummary_"} <= set(components)
    assert "independent_sources" in components["StorySummary"]["properties"]
    assert components["Event"]["properties"]["goldstein"]["type"] == "number"


def test_answers_keep_every_field_of_the_views(client: TestClient, db: Path) -> None:
    with open_store(db) as store:
        detail = views.story_detail(store, FIRE)
        detail["matrix"] = views.facts_matrix(detail)
        report = views.report_detail(store, "r-fire-globe")
        entity = views.entity_detail(store, "port-ellis")
        outlet = views.outlet_detail(store, "Globe")
        actor = views.actor_detail(store, "CHN")
    assert client.get(f"/api/stories/{FIRE}").json() == detail
    assert client.get("/api/reports/r-fire-globe").json() == report
    assert client.get("/api/entities/port-ellis").json() == entity
    assert client.get("/api/outlets/Globe").json() == outlet
    assert client.get("/api/actors/CHN").json() == actor
