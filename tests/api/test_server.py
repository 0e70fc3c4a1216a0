"""`storyline serve`: the server function and background URL jobs."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from api_corpus import build_store
from fastapi.testclient import TestClient

from storyline.api import create_app, server
from storyline.config import AnalyzeOptions, Config, IngestOptions, ServeOptions


def test_run_server_prints_the_address_and_runs_uvicorn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    calls: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls.update(kwargs, app=app)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    server.run_server(str(build_store(tmp_path / "serve.db")), Config(serve=ServeOptions(port=8123)))
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_url_job_records_a_failed_fetch_as_a_rejection(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    config = Config(serve=ServeOptions(token="t"), analyze=AnalyzeOptions(enabled=False),
                    ingest=IngestOptions(allow_private_addresses=True, fetch_timeout=2.0))
    with TestClient(create_app(build_store(tmp_path / "url.db"), config)) as client:
        response = client.post("/api/ingest", data={"urls": f"http://127.0.0.1:{closed_port}/feed.xml"},
                               headers={"Authorization": "Bearer t"})
        assert response.status_code == 202
        job_id = response.json()["job"]["id"]
        client.app.state.jobs.wait(timeout=30)  # type: ignore[attr-defined]
        job = client.get(f"/api/jobs/{job_id}", headers={"Authorization": "Bearer t"}).json()["job"]
    assert job["state"] == "done" and job["result"]["stored"] == 0
    assert job["result"]["rejected"][0]["reason"] == "http-error"
    assert job["inputs"]["urls"] == [f"http://127.0.0.1:{closed_port}/feed.xml"]


def test_job_placed_reports_become_a_story(tmp_path: Path) -> None:
    pytest.importorskip("storyline.stories", reason="story clustering is not importable")
    config = Config(serve=ServeOptions(token="t"), analyze=AnalyzeOptions(enabled=False))
    body = b'{"title": "Tram line opens in Corran", "source": "Corran Post", "published": "2024-05-02", "text": "The new tram line in Corran opened on Thursday to large crowds."}\n'
    with TestClient(create_app(tmp_path / "new.db", config)) as client:
        job_id = client.post("/api/ingest", files={"files": ("tram.jsonl", body)}, headers={"Authorization": "Bearer t"}).json()["job"]["id"]
        client.app.state.jobs.wait(timeout=60)  # type: ignore[attr-defined]
        job = client.get(f"/api/jobs/{job_id}", headers={"Authorization": "Bearer t"}).json()["job"]
        assert job["state"] == "done", job
        assert job["result"]["placed"] == 1 and len(job["result"]["stories"]) == 1
        stories = client.get("/api/stories").json()["items"]
    assert [s["title"] for s in stories] == ["Tram line opens in Corran"]
