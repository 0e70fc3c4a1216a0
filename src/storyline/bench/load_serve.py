"""The server under load and abuse: many clients reading and searching while an ingest runs.

    python -m storyline.bench.load_serve                                   # 100 clients x 60 s, 10,000 reports
    python -m storyline.bench.load_serve --clients 20 --seconds 10 --reports 2000 --json result.json

A store is filled with synthetic stories (`storyline.bench.serve.fill`), `storyline serve` is started on
127.0.0.1, and a `storyline ingest` of further reports runs into the same store. Meanwhile
each client loops over the routes a reader uses (story list, story page, report list,
search, entities, health) plus a share of hostile requests (a 60 KB search, offset 2^63, a
60 KB story path, a 40-word search; 60 KB is near the longest URL the client sends), which
must answer 4xx. Reported: requests, answers of
5xx and transport errors (both must be 0), hostile requests answered 2xx (must be 0), and
p50 / p95 / p99 latency per kind of request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from storyline.bench.crash_safety import write_corpus
from storyline.bench.serve import fill

READER_WORDS = ("harbour", "council", "budget", "storm", "ferry", "election", "court", "bridge", "strike", "minister")
HOSTILE_SHARE = 0.1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _routes(rng: random.Random, story_ids: list[str]) -> tuple[str, str]:
    """(kind, path) of one request."""
    if rng.random() < HOSTILE_SHARE:
        return rng.choice((
            ("hostile", "/api/search?q=" + "w" * 60_000),
            ("hostile", "/api/stories?offset=9223372036854775808"),
            ("hostile", "/api/stories/" + "a" * 60_000),
            ("hostile", "/search?q=" + "+".join(f"w{n}" for n in range(40))),
        ))
    word = rng.choice(READER_WORDS)
    return rng.choice((
        ("story list", "/"),
        ("story list API", f"/api/stories?offset={rng.randrange(0, 40) * 50}"),
        ("story page", f"/stories/{rng.choice(story_ids)}"),
        ("story API", f"/api/stories/{rng.choice(story_ids)}"),
        ("reports API", "/api/reports"),
        ("search", f"/search?q={word}"),
        ("search API", f"/api/search?q={word}+{rng.choice(READER_WORDS)}"),
        ("entities API", "/api/entities"),
        ("health", "/api/health"),
    ))


async def _client(base: str, deadline: float, seed: int, story_ids: list[str], log: list[tuple[str, int, float]]) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60.0) as client:
        while time.monotonic() < deadline:
            kind, path = _routes(rng, story_ids)
            started = time.perf_counter()
            try:
                status = (await client.get(path)).status_code
            except httpx.HTTPError:
                status = -1
            log.append((kind, status, time.perf_counter() - started))


async def _load(base: str, clients: int, seconds: float, story_ids: list[str]) -> list[tuple[str, int, float]]:
    log: list[tuple[str, int, float]] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_client(base, deadline, seed, story_ids, log) for seed in range(clients)))
    return log


def _wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(base + "/api/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def pick(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return {"n": len(ordered), "p50_ms": round(pick(0.50), 1), "p95_ms": round(pick(0.95), 1), "p99_ms": round(pick(0.99), 1),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1)}


def run(clients: int, seconds: float, reports: int, ingest_reports: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="storyline-load-") as tmp:
        folder = Path(tmp)
        db = folder / "load.db"
        story_ids = fill(db, reports)
        corpus = folder / "more.jsonl"
        write_corpus(corpus, ingest_reports)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "storyline.cli", "--db", str(db), "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ingest = None
        try:
            _wait_ready(base, server)
            ingest = subprocess.Popen([sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--no-analyze", "--json", str(corpus)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            log = asyncio.run(_load(base, clients, seconds, story_ids))
            ingest_running_at_end = ingest.poll() is None
            ingest_out, ingest_err = ingest.communicate()
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.kill()
            server.terminate()
            server.wait(timeout=30)
    by_kind: dict[str, list[float]] = {}
    for kind, _status, seconds_taken in log:
        by_kind.setdefault(kind, []).append(seconds_taken)
    readers = [entry for entry in log if entry[0] != "hostile"]
    hostile = [entry for entry in log if entry[0] == "hostile"]
    return {
        "clients": clients,
        "seconds": seconds,
        "store_reports": reports,
        "requests": len(log),
        "requests_per_second": round(len(log) / seconds, 1),
        "server_errors_5xx": sum(1 for _, status, _ in log if status >= 500),
        "transport_errors": sum(1 for _, status, _ in log if status < 0),
        "reader_non_200": sum(1 for _, status, _ in readers if status != 200),
        "hostile_requests": len(hostile),
        "hostile_answered_2xx": sum(1 for _, status, _ in hostile if 200 <= status < 300),
        "ingest": {"reports": ingest_reports, "exit": ingest.returncode if ingest else None,
                   "still_running_when_load_ended": ingest_running_at_end,
                   "result": json.loads(ingest_out) if ingest_out.strip() else ingest_err.decode()[-500:]},
        "all_requests": _percentiles([entry[2] for entry in log]),
        "latency": {kind: _percentiles(values) for kind, values in sorted(by_kind.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reports", type=int, default=10_000, help="Reports in the store before the load starts.")
    parser.add_argument("--ingest-reports", type=int, default=3_000, help="Reports the concurrent ingest adds.")
    parser.add_argument("--json", type=Path, help="Also write the result to this file.")
    args = parser.parse_args(argv)
    result = run(args.clients, args.seconds, args.reports, args.ingest_reports)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    ok = result["server_errors_5xx"] == 0 and result["transport_errors"] == 0 and result["hostile_answered_2xx"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
