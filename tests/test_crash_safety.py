"""Killing an ingest at random moments never loses, doubles or corrupts stored reports."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store import open_store

REPORTS = 2000
KILLS = 4


def _write_corpus(folder: Path) -> None:
    rng = random.Random(7)
    words = "harbour council strike ferry storm minister budget court police river bridge school vote".split()
    lines = []
    for n in range(REPORTS):
        body = " ".join(rng.choice(words) for _ in range(60)) + f". Report number {n} ends here."
        lines.append(json.dumps({"title": f"Report {n}", "text": body, "source": f"Outlet {n % 7}", "date_publish": "2026-03-01"}))
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--no-analyze", "--json", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_kill_nine_then_rerun_stores_each_report_once(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    _write_corpus(corpus)
    db = tmp_path / "crash.db"
    rng = random.Random(11)
    for _ in range(KILLS):
        process = _ingest(db, corpus)
        time.sleep(rng.uniform(0.8, 3.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finished = _ingest(db, corpus)
    _, stderr = finished.communicate(timeout=600)
    assert finished.returncode == 0, stderr.decode()
    with open_store(db) as store:
        assert store.execute("PRAGMA integrity_check")[0][0] == "ok"
        assert store.count_reports() == REPORTS
        titles = [row[0] for row in store.execute("SELECT title FROM reports")]
        assert len(set(titles)) == REPORTS
        assert store.pending_reports() == []
        placed = store.execute("SELECT count(*) FROM story_reports")[0][0]
        assert placed == REPORTS
        fts = store.execute("SELECT count(*) FROM reports_fts")[0][0]
        assert fts == REPORTS
