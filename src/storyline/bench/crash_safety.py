"""Crash safety at scale: SIGKILL an ingest at random moments, restart it, compare with an uninterrupted run.

    python -m storyline.bench.crash_safety                          # 10,000 reports, 20 kills
    python -m storyline.bench.crash_safety --reports 2000 --kills 5 --json result.json

The corpus is the synthetic news stream of `storyline.bench.stories` (heavy-tailed story sizes, wire
copies), written as one JSON Lines file. A reference store ingests it once, uninterrupted.
A second store ingests it under fire: each run is killed with SIGKILL after a random delay
(uniform between 5 % and 100 % of the reference run's duration) and restarted, `--kills`
times; then the ingest runs to the end. The second store must hold every report exactly
once, pass SQLite's integrity check, have nothing pending, and have the same copies and the
same stories (as sets of report ids) as the reference. Analysis is off (`--no-analyze`):
the stages killed are reading, storing, copies and stories.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.bench.stories import make_stream
from storyline.store import SqliteStore

OUTLETS = ("Harbour Herald", "Valley Post", "Coast Courier", "Northern Ledger", "City Wire", "Daily Meridian", "Evening Star")


def write_corpus(path: Path, size: int) -> None:
    """The synthetic stream as JSON Lines, one outlet per report in rotation."""
    documents, _gold = make_stream(size)
    with path.open("w", encoding="utf-8") as handle:
        for number, doc in enumerate(documents):
            record = {"title": doc.title.capitalize(), "text": doc.text + ".", "published": doc.published,
                      "source": OUTLETS[number % len(OUTLETS)]}
            handle.write(json.dumps(record) + "\n")


def ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--no-analyze", "--json", str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(db: Path, corpus: Path) -> float:
    """Run an ingest to its end; seconds taken."""
    started = time.monotonic()
    process = ingest(db, corpus)
    _, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}): {errors.decode()[-2000:]}")
    return time.monotonic() - started


def state(db: Path) -> dict[str, Any]:
    """What the comparison reads from a store."""
    with SqliteStore(db) as store:
        reports = list(store.iter_reports())
        stories = {frozenset(story.reports) for story in store.iter_stories() if story.reports}
        return {
            "integrity": store.integrity_check(),
            "reports": len(reports),
            "distinct": len({report.id for report in reports}),
            "pending": len(store.pending_reports()),
            "copies": {report.id: report.copy_of for report in reports if report.copy_of},
            "stories": stories,
        }


def run(size: int, kills: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        write_corpus(corpus, size)
        reference_seconds = finish(folder / "reference.db", corpus)
        crashed = folder / "crashed.db"
        moments = []
        for _ in range(kills):
            delay = rng.uniform(0.05, 1.0) * reference_seconds
            process = ingest(crashed, corpus)
            time.sleep(delay)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
            moments.append(round(delay, 2))
        final_seconds = finish(crashed, corpus)
        reference, after = state(folder / "reference.db"), state(crashed)
    same_stories = reference["stories"] == after["stories"]
    differing = len(reference["stories"] ^ after["stories"])
    return {
        "reports": size,
        "kills": kills,
        "kill_after_seconds": moments,
        "reference_seconds": round(reference_seconds, 1),
        "final_run_seconds": round(final_seconds, 1),
        "integrity": after["integrity"],
        "stored": after["reports"],
        "stored_once": after["reports"] == after["distinct"] == size,
        "pending": after["pending"],
        "same_copies": reference["copies"] == after["copies"],
        "same_stories": same_stories,
        "stories_reference": len(reference["stories"]),
        "stories_after_kills": len(after["stories"]),
        "stories_differing": differing,
        "ok": after["integrity"] == "ok" and after["reports"] == after["distinct"] == size and after["pending"] == 0
        and same_stories and reference["copies"] == after["copies"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the result to this file.")
    args = parser.parse_args(argv)
    result = run(args.reports, args.kills, args.seed)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
