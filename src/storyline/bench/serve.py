"""Latency of the web pages and the REST API on synthetic stores of growing size.

    storyline bench serve                      # 1,000, 10,000 and 100,000 reports
    storyline bench serve --sizes 1000 --requests 100 --json results.json

Each store is filled in bulk (one transaction, `SqliteStore.load_placed`) with N
reports in N/5 stories, each story with an analysis (facts, entities, quotes, summary). Then,
in-process through the ASGI app (FastAPI TestClient), every route is warmed up and timed;
p50 and p95 are printed. Targets: story page < 100 ms p95 at 100,000 reports; story list and
search < 200 ms p95.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from storyline.models import ConflictValue, Entity, Fact, Quote, Report, Story, StoryAnalysis, SummarySentence
from storyline.store import SqliteStore

TARGETS_MS = {"story page": 100.0, "story list": 200.0, "search": 200.0, "search, common word": 200.0}
REPORTS_PER_STORY = 5
OUTLETS = [f"Outlet {name}" for name in (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima",
    "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray")]
WORDS = ["fire", "harbour", "council", "budget", "vote", "minister", "election", "storm", "flood", "border", "trade", "talks", "strike", "court", "ruling", "police", "protest", "hospital", "school", "bridge", "railway", "airport", "port", "ferry", "energy", "prices", "market", "bank", "inflation", "drought", "harvest", "wildfire", "earthquake", "ceasefire", "treaty", "summit", "sanctions", "parliament", "mayor", "governor", "senator", "president", "union", "workers", "factory", "mine", "pipeline", "reactor", "satellite", "launch", "vaccine", "outbreak", "study", "report", "inquiry", "audit", "contract", "tender", "merger", "river", "coast", "island", "valley", "mountain", "district", "capital", "province", "village", "city", "region", "north", "south", "east", "west", "central"]
PLACES = [f"{a}{b}" for a in ("Port ", "New ", "East ", "West ", "Lake ", "Fort ") for b in
          ("Ellis", "Harlow", "Mirren", "Tavish", "Corran", "Lindqvist", "Ostrava", "Belmont", "Quarry", "Vance")]


FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "by", "at", "from", "is", "as", "it", "has", "were", "its", "after", "officials"]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ban", "dor", "fel", "gim", "hal", "kor", "lun", "mar", "nes", "pol", "rin", "sol", "tam", "ver"]


def _vocabulary(size: int = 20_000) -> list[str]:
    """Words by rank: function words, news words, then made-up words (all distinct)."""
    made = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "s", "t", "n", "ed", "er", "ing", "al")]
    words = list(dict.fromkeys(FUNCTION_WORDS + WORDS + made))
    return words[:size]


VOCABULARY = _vocabulary()
# Word frequencies follow Zipf's law (weight 1/rank), as in real news text.
CUMULATIVE = list(itertools.accumulate(1.0 / rank for rank in range(1, len(VOCABULARY) + 1)))
# Searches for content words take ranks from here (a word in roughly 1 % to 15 % of reports)...
TYPICAL_QUERY_RANKS = (40, 3000)
# ...and the worst case, words in nearly every report ("said", "officials").
COMMON_QUERY_RANKS = (0, 25)


def _sentence(rng: random.Random, length: int = 14) -> str:
    return " ".join(rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=length)).capitalize() + "."


def _query_word(rng: random.Random, ranks: tuple[int, int]) -> str:
    return VOCABULARY[rng.randrange(*ranks)]


def fill(path: Path, reports: int, seed: int = 7) -> list[str]:
    """Write `reports` synthetic reports in stories with analyses; returns the story ids."""
    rng = random.Random(seed)
    story_ids: list[str] = []
    placed: list[tuple[Story, list[Report], StoryAnalysis]] = []
    n_stories = max(1, reports // REPORTS_PER_STORY)
    made = 0
    for s in range(n_stories):
        story_id = f"story{s:07d}"
        story_ids.append(story_id)
        size = REPORTS_PER_STORY if s < n_stories - 1 else reports - made
        place = rng.choice(PLACES)
        day = f"2024-{1 + s * 12 // n_stories:02d}-{1 + rng.randrange(28):02d}"
        outlets = rng.sample(OUTLETS, min(size, len(OUTLETS)))
        members = []
        for i in range(size):
            report_id = f"rep{made:08d}"
            made += 1
            published = f"{day}T{8 + i:02d}:{rng.randrange(60):02d}:00"
            body = "\n\n".join(_sentence(rng) for _ in range(6)) + f" In {place}."
            members.append(Report(id=report_id, source=outlets[i % len(outlets)], title=f"{place}: {_sentence(rng, 7)[:-1]}",
                                  published=published, body=body, furniture=("Subscribe to our newsletter", "Share this article")))
        sources = tuple(dict.fromkeys(outlets[i % len(outlets)] for i in range(size)))
        story = Story(id=story_id, headline=f"{place}: {_sentence(rng, 6)[:-1]}", reports=tuple(r.id for r in members),
                      sources=sources, independent_sources=sources, first_seen=f"{day}T08:00:00", last_seen=f"{day}T{8 + size:02d}:00:00")
        placed.append((story, members, _analysis(rng, story_id, [r.id for r in members], list(sources), place)))
    with SqliteStore(path) as store:
        store.load_placed(placed)
    return story_ids


def _analysis(rng: random.Random, story_id: str, reports: list[str], sources: list[str], place: str) -> StoryAnalysis:
    facts = []
    for f in range(6):
        backers = tuple(rng.sample(sources, rng.randint(1, len(sources))))
        status = "corroborated" if len(backers) > 1 else "single-source"
        conflicts: tuple[ConflictValue, ...] = ()
        if f == 5 and len(sources) > 1:
            status, backers = "conflicting", tuple(sources)
            conflicts = (ConflictValue(value="12", sources=tuple(sources[:1])), ConflictValue(value="15", sources=tuple(sources[1:])))
        facts.append(Fact(id=f"{story_id}-f{f}", story=story_id, text=_sentence(rng, 10), status=status, sources=backers,
                          independent_sources=backers, conflicts=conflicts, reports=tuple(reports[:2])))
    entities = (Entity(id=place.lower().replace(" ", "-"), name=place, kind="place", mentions=4),
                Entity(id=f"person{rng.randrange(2000)}", name=f"Person {rng.randrange(2000)}", kind="person", mentions=2))
    return StoryAnalysis(
        story=story_id, facts=tuple(facts), entities=entities,
        quotes=(Quote(report=reports[0], text=_sentence(rng, 12), speaker=entities[1].name, via=sources[0]),),
        summary=tuple(SummarySentence(text=_sentence(rng), citations=tuple(reports[:3])) for _ in range(3)), version="bench",
    )


def measure(client: Any, paths: list[str], warmup: int = 5) -> dict[str, float]:
    for path in paths[:warmup]:
        client.get(path)
    times = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    times.sort()
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(len(times) * 0.95))], "n": len(times)}


def run(size: int, requests: int, seed: int) -> dict[str, dict[str, float]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from storyline.api import create_app

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        start = time.perf_counter()
        story_ids = fill(path, size, seed)
        print(f"{size:>7,} reports: filled in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        words = [_query_word(rng, TYPICAL_QUERY_RANKS) for _ in range(requests)]
        common = [_query_word(rng, COMMON_QUERY_RANKS) for _ in range(requests)]
        routes = {
            "story page": [f"/stories/{rng.choice(story_ids)}" for _ in range(requests)],
            "story API": [f"/api/stories/{rng.choice(story_ids)}" for _ in range(requests)],
            "story list": ["/"] * requests,
            "story list API": [f"/api/stories?offset={rng.randrange(0, 200) * 50}" for _ in range(requests)],
            "story list, outlet": [f"/?outlet={rng.choice(OUTLETS)}" for _ in range(requests)],
            "search": [f"/search?q={w}" for w in words],
            "search API": [f"/api/search?q={w}+{_query_word(rng, TYPICAL_QUERY_RANKS)}" for w in words],
            "search, common word": [f"/search?q={w}" for w in common],
        }
        with TestClient(create_app(path)) as client:
            return {name: measure(client, paths) for name, paths in routes.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per route (after 5 warm-up requests)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    failed = []
    print(f"{'reports':>8}  {'route':<20} {'p50 ms':>8} {'p95 ms':>8}  target")
    for size in args.sizes:
        results[str(size)] = figures = run(size, args.requests, args.seed)
        for name, f in figures.items():
            target = TARGETS_MS.get(name)
            verdict = "" if target is None else ("ok" if f["p95"] < target else f"OVER {target:.0f}")
            if verdict.startswith("OVER"):
                failed.append(f"{size} {name}")
            print(f"{size:>8,}  {name:<20} {f['p50']:>8.1f} {f['p95']:>8.1f}  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    if failed:
        print("over target: " + ", ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
