"""What a hostile client sends gets a 4xx that says why, never a 500, and a search stays cheap."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_corpus import build_store
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.store.protocol import MAX_QUERY_CHARS, MAX_QUERY_WORDS

LISTINGS = ("/api/stories", "/api/reports", "/api/entities", "/api/outlets", "/api/search?q=fire",
            "/stories", "/search?q=fire", "/entities", "/outlets")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("abuse") / "api.db"
    with TestClient(create_app(build_store(path)), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize("offset", [2**63, 10**30, -1, "many"])
def test_an_out_of_range_offset_is_a_client_error(client: TestClient, listing: str, offset: object) -> None:
    joiner = "&" if "?" in listing else "?"
    response = client.get(f"{listing}{joiner}offset={offset}")
    assert 400 <= response.status_code < 500, (listing, response.status_code)


@pytest.mark.parametrize("path", ["/api/stories/", "/api/reports/", "/api/entities/", "/api/outlets/", "/stories/", "/reports/"])
@pytest.mark.parametrize("ref", ["a" * 60_000, "%25", "_", "0" * 17])
def test_a_huge_or_wildcard_id_is_not_found(client: TestClient, path: str, ref: str) -> None:
    response = client.get(path + ref)
    assert response.status_code == 404, (path, ref[:20], response.text[:200])


def test_a_long_search_is_refused_with_the_limit_named(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "ferry " * 10_000})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "query-too-large" and f"{MAX_QUERY_CHARS:,}" in error["message"]
    many = " ".join(f"word{n}" for n in range(MAX_QUERY_WORDS + 1))
    error = client.get("/api/search", params={"q": many}).json()["error"]
    assert error["code"] == "query-too-large" and str(MAX_QUERY_WORDS) in error["message"]
    assert client.get("/search", params={"q": many}).status_code == 400
    assert client.get("/api/stories", params={"q": many}).status_code == 400
    assert client.get("/api/entities", params={"q": "x" * (MAX_QUERY_CHARS + 1)}).status_code == 400


def test_a_search_at_the_limits_answers_quickly(client: TestClient) -> None:
    words = " ".join(f"word{n}" for n in range(MAX_QUERY_WORDS))
    started = time.monotonic()
    response = client.get("/api/search", params={"q": words})
    assert response.status_code == 200
    assert time.monotonic() - started < 2.0


def test_like_wildcards_in_an_entity_filter_match_only_themselves(client: TestClient) -> None:
    everything = client.get("/api/entities").json()["items"]
    assert everything
    assert client.get("/api/entities", params={"q": "%"}).json()["items"] == []
    assert client.get("/api/entities", params={"q": "_"}).json()["items"] == []
