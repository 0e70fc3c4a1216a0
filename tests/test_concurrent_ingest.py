"""Two ingests into one store at once: each report stored and placed once, every story row true to its members."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES
from test_cli_reliability import _corpus

# Each query counts rows that break the store's invariants; all must be 0.
INVARIANTS = {
    "analysis of a story that does not exist": "SELECT count(*) FROM story_analysis WHERE story_id NOT IN (SELECT id FROM stories)",
    "membership in a story that does not exist": "SELECT count(*) FROM story_reports WHERE story_id NOT IN (SELECT id FROM stories)",
    "story row counting other members than it has": (
        "SELECT count(*) FROM stories s WHERE report_count != (SELECT count(*) FROM story_reports r WHERE r.story_id = s.id)"
    ),
    "story row without members": "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_reports)",
    "report not placed": "SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM story_reports)",
    "story features naming another story": (
        "SELECT count(*) FROM report_features f JOIN story_reports r ON r.report_id = f.report_id"
        " WHERE f.kind = 'story' AND json_extract(f.data, '$.story') != r.story_id"
    ),
}


def _ingest_both(db: Path, first: Path, second: Path, *extra: str) -> list[dict[str, object]]:
    command = [sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--json", *extra]
    processes = [subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for path in (first, second)]
    results = []
    for process in processes:
        out, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors
        results.append(json.loads(out))
    return results


def _broken_invariants(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {name: check.execute(sql).fetchone()[0] for name, sql in INVARIANTS.items()}
    return {name: count for name, count in counts.items() if count}


def _halves(source: Path, folder: Path) -> tuple[Path, Path]:
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir()
    first, second = folder / "odd.jsonl", folder / "even.jsonl"
    first.write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[0::2]) + "\n", encoding="utf-8")
    return first, second


def test_two_analysing_ingests_leave_no_orphan_story_analysis(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    first, second = _halves(EXAMPLES / "reports.jsonl", tmp_path / "in")
    results = _ingest_both(db, first, second)
    total = len(first.read_text().splitlines()) + len(second.read_text().splitlines())
    assert sum(int(r["stored"]) for r in results) == total  # type: ignore[call-overload]
    assert _broken_invariants(db) == {}
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(DISTINCT id), count(*) FROM reports").fetchone() == (total, total)
        assert check.execute("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_analysis)").fetchone()[0] == 0


def test_two_ingests_of_overlapping_folders_store_and_place_each_report_once(tmp_path: Path) -> None:
    everything = _corpus(tmp_path / "all", 300)
    db = tmp_path / "shared.db"
    results = _ingest_both(db, everything, everything, "--no-analyze")
    assert sum(int(r["stored"]) for r in results) == 300  # type: ignore[call-overload]
    assert sum(int(r["duplicates"]) for r in results) == 300  # type: ignore[call-overload]
    assert _broken_invariants(db) == {}
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(*), count(DISTINCT report_id) FROM story_reports").fetchone() == (300, 300)
