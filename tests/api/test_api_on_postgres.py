"""The REST API over a PostgreSQL store answers as it does over SQLite, on the same hand-made corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api_corpus import BUDGET, FIRE, build_store, fill_store
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.store import open_store

# Every read endpoint the corpus gives an answer to; search scores differ by engine, the hits do not.
PATHS = (
    "/api/health", "/api/stories", f"/api/stories/{FIRE}", f"/api/stories/{BUDGET}", "/api/stories?source=Globe",
    "/api/reports", "/api/reports/r-fire-reuters", "/api/entities", "/api/outlets", "/api/outlets/Reuters", "/api/events",
)


def _answers(location: str) -> dict[str, Any]:
    with TestClient(create_app(location)) as client:
        answers: dict[str, Any] = {path: client.get(path).json() for path in PATHS}
        hits = client.get("/api/search?q=harbour fire").json()
        answers["search"] = [{key: value for key, value in hit.items() if key not in ("score", "snippet")} for hit in hits["items"]]
    return answers


def test_the_api_answers_the_same_on_postgresql_as_on_sqlite(tmp_path: Path, postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        fill_store(store)
    on_sqlite = _answers(str(build_store(tmp_path / "api.db")))
    on_postgres = _answers(postgres_url)
    assert on_sqlite["search"], "the query must find something"
    for key in on_sqlite:
        assert on_postgres[key] == on_sqlite[key], key
