"""Security rules: headers on every response, the write token, upload size, URL refusal."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_corpus import build_store
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.api.problems import ApiError
from storyline.api.security import CONTENT_SECURITY_POLICY, check_url
from storyline.config import AnalyzeOptions, Config, IngestOptions, ServeOptions
from storyline.ingest.fetch import is_public as is_public_address

TOKEN = "s3cret-token"
JSONL = json.dumps({"title": "Ferry service resumes", "source": "Island Post", "published": "2024-04-01",
                    "text": "The ferry service between the islands resumed on Monday after repairs."}).encode() + b"\n"


def make_client(tmp_path: Path, **serve: object) -> TestClient:
    config = Config(serve=ServeOptions(**serve), analyze=AnalyzeOptions(enabled=False))  # type: ignore[arg-type]
    return TestClient(create_app(build_store(tmp_path / "sec.db"), config))


@pytest.fixture
def open_client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as client:
        yield client


@pytest.fixture
def token_client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path, token=TOKEN, max_upload_bytes=4096) as client:
        yield client


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_of(response) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    body = response.json()["error"]
    assert body["status"] == response.status_code and body["message"]
    return response.status_code, body["code"]


@pytest.mark.parametrize("path", ["/", "/stories/s-fire", "/api/stories", "/api/stories/nope", "/nope", "/static/style.css", "/search?q=x"])
def test_security_headers_on_every_response(open_client: TestClient, path: str) -> None:
    headers = open_client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_writes_are_off_without_a_token(open_client: TestClient) -> None:
    response = open_client.post("/api/ingest", files={"files": ("a.jsonl", JSONL)})
    assert error_of(response) == (403, "writes-disabled")
    assert error_of(open_client.delete("/api/jobs/abc")) == (403, "writes-disabled")


@pytest.mark.parametrize("headers", [{}, bearer("wrong"), {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}, bearer("")])
def test_writes_need_the_right_bearer_token(token_client: TestClient, headers: dict[str, str]) -> None:
    response = token_client.post("/api/ingest", files={"files": ("a.jsonl", JSONL)}, headers=headers)
    assert error_of(response) == (401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_jobs_are_listed_only_with_the_token(token_client: TestClient, open_client: TestClient) -> None:
    """Jobs name uploaded files and fetched URLs: reading them is guarded like writing."""
    job_id = token_client.post("/api/ingest", files={"files": ("private-leak.jsonl", JSONL)}, headers=bearer()).json()["job"]["id"]
    for path in ("/api/jobs", f"/api/jobs/{job_id}"):
        for headers in ({}, bearer("wrong")):
            response = token_client.get(path, headers=headers)
            assert error_of(response) == (401, "unauthorized")
            assert "private-leak" not in response.text
        assert error_of(open_client.get(path)) == (403, "writes-disabled")
    assert token_client.get("/api/jobs", headers=bearer()).json()["items"][0]["inputs"]["files"] == ["private-leak.jsonl"]


def wait_for(client: TestClient, job_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}", headers=bearer()).json()["job"]
        if job["state"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_upload_with_token_runs_a_job_that_stores_the_report(token_client: TestClient) -> None:
    response = token_client.post("/api/ingest", files={"files": ("ferry.jsonl", JSONL)}, headers=bearer())
    assert response.status_code == 202
    job = response.json()["job"]
    assert response.headers["location"] == f"/api/jobs/{job['id']}" and job["inputs"]["files"] == ["ferry.jsonl"]
    finished = wait_for(token_client, job["id"])
    assert finished["state"] == "done", finished
    assert finished["result"]["stored"] == 1  # type: ignore[index]
    hits = token_client.get("/api/search?q=ferry").json()["items"]
    assert [h["title"] for h in hits] == ["Ferry service resumes"]
    assert [j["id"] for j in token_client.get("/api/jobs", headers=bearer()).json()["items"]] == [job["id"]]
    assert token_client.delete(f"/api/jobs/{job['id']}", headers=bearer()).json()["job"]["id"] == job["id"]
    assert error_of(token_client.get(f"/api/jobs/{job['id']}", headers=bearer())) == (404, "not-found")


def test_bad_uploads_are_rejected_inside_the_job(token_client: TestClient) -> None:
    response = token_client.post("/api/ingest", files={"files": ("bad.jsonl", b"{not json\n")}, headers=bearer())
    finished = wait_for(token_client, response.json()["job"]["id"])
    assert finished["state"] == "done"
    assert finished["result"]["rejected"][0]["reason"] == "bad-json"  # type: ignore[index]


def test_ingest_needs_something(token_client: TestClient) -> None:
    assert error_of(token_client.post("/api/ingest", data={}, headers=bearer())) == (422, "invalid-request")


def test_upload_over_the_limit_is_413(token_client: TestClient) -> None:
    big = b"x" * 5000
    response = token_client.post("/api/ingest", files={"files": ("big.txt", big)}, headers=bearer())
    assert error_of(response) == (413, "too-large")
    assert "content-security-policy" in response.headers


def test_streamed_body_over_the_limit_is_413(token_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1000

    response = token_client.post("/api/ingest", content=chunks(), headers={**bearer(), "Content-Type": "multipart/form-data; boundary=b"})
    assert error_of(response) == (413, "too-large")


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1:70/",
     "http://127.0.0.1:8000/", "http://localhost./admin", "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/",
     "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
     "http://0.0.0.0/", "http://100.64.0.1/"],
)
def test_url_ingest_refuses_other_schemes_and_private_addresses(token_client: TestClient, url: str) -> None:
    response = token_client.post("/api/ingest", data={"urls": url}, headers=bearer())
    assert error_of(response) in ((422, "refused-url"), (422, "bad-url"))
    assert token_client.get("/api/jobs", headers=bearer()).json()["items"] == []


def test_check_url_resolves_names_and_checks_every_address() -> None:
    def resolver(answers: list[str]):  # type: ignore[no-untyped-def]
        return lambda host: answers

    assert check_url("https://news.example/a", resolver=resolver(["93.184.216.34"])) == "https://news.example/a"
    with pytest.raises(ApiError) as refused:
        check_url("https://news.example/a", resolver=resolver(["93.184.216.34", "10.0.0.7"]))
    assert refused.value.code == "refused-url"
    assert check_url("http://127.0.0.1/", allow_private=True) == "http://127.0.0.1/"
    with pytest.raises(ApiError):
        check_url("file:///etc/passwd", allow_private=True)


def test_public_address_rules() -> None:
    assert is_public_address("8.8.8.8") and is_public_address("2606:4700::1111")
    for address in ("127.0.0.1", "10.0.0.1", "169.254.1.1", "::1", "fe80::1", "fc00::1", "224.0.0.1", "::ffff:10.0.0.1"):
        assert not is_public_address(address), address


def test_fetch_refuses_a_redirect_to_a_private_address() -> None:
    import httpx

    from storyline.errors import RejectedInput
    from storyline.ingest.fetch import Fetcher

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/secret"})

    options = IngestOptions()
    with Fetcher(options, transport=httpx.MockTransport(handler)) as fetcher, pytest.raises(RejectedInput) as rejected:
        fetcher.fetch("http://93.184.216.34/start")
    assert rejected.value.reason.value == "refused-url"


def test_fetch_limits_size_and_names_the_format() -> None:
    import httpx

    from storyline.errors import RejectedInput
    from storyline.ingest.fetch import Fetcher
    from storyline.ingest.formats import Format
    from storyline.ingest.url import response_format

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html><body>" + b"a" * 200 + b"</body></html>", headers={"Content-Type": "text/html"})

    transport = httpx.MockTransport(handler)
    with Fetcher(IngestOptions(), transport=transport) as fetcher:
        fetched = fetcher.fetch("http://93.184.216.34/story")
    assert response_format(fetched.body, "story", fetched.content_type) is Format.HTML and fetched.body.startswith(b"<html>")
    with Fetcher(IngestOptions(fetch_max_bytes=100), transport=transport) as fetcher, pytest.raises(RejectedInput) as rejected:
        fetcher.fetch("http://93.184.216.34/story")
    assert rejected.value.reason.value == "too-large"
