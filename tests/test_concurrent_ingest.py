"""Two ingests into one store at once: each report stored and placed once, every story row true to its members.

Run on SQLite (one file, its lock file) and on PostgreSQL (a schema of the test cluster,
its advisory lock and unique constraints).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
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
# The same invariants in PostgreSQL's dialect, where it differs.
POSTGRES_INVARIANTS = {
    **INVARIANTS,
    "story features naming another story": (
        "SELECT count(*) FROM report_features f JOIN story_reports r ON r.report_id = f.report_id"
        " WHERE f.kind = 'story' AND (f.data::jsonb ->> 'story') != r.story_id"
    ),
}

Query = Callable[[str], tuple[Any, ...]]


@pytest.fixture(params=["sqlite", "postgres"])
def shared_store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Query, dict[str, str]]:
    """(the --db of an empty store, a function running one query on it, its invariants) for each backend."""
    if request.param == "sqlite":
        db = tmp_path / "shared.db"

        def sqlite_query(sql: str) -> tuple[Any, ...]:
            with sqlite3.connect(db) as check:
                return tuple(check.execute(sql).fetchone())

        return str(db), sqlite_query, INVARIANTS
    import psycopg

    url: str = request.getfixturevalue("postgres_url")

    def postgres_query(sql: str) -> tuple[Any, ...]:
        with psycopg.connect(url) as check:
            row = check.execute(sql).fetchone()
            assert row is not None
            return tuple(row)

    return url, postgres_query, POSTGRES_INVARIANTS


def _ingest_both(db: str, first: Path, second: Path, *extra: str) -> list[dict[str, object]]:
    command = [sys.executable, "-m", "storyline.cli", "--db", db, "ingest", "--json", *extra]
    processes = [subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for path in (first, second)]
    results = []
    for process in processes:
        out, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors
        results.append(json.loads(out))
    return results


def _broken_invariants(db: str, query: Query, invariants: dict[str, str]) -> dict[str, int]:
    if not db.startswith("postgresql://"):
        assert query("PRAGMA integrity_check")[0] == "ok"
    counts = {name: query(sql)[0] for name, sql in invariants.items()}
    return {name: count for name, count in counts.items() if count}


def _halves(source: Path, folder: Path) -> tuple[Path, Path]:
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir()
    first, second = folder / "odd.jsonl", folder / "even.jsonl"
    first.write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[0::2]) + "\n", encoding="utf-8")
    return first, second


def test_two_analysing_ingests_leave_no_orphan_story_analysis(tmp_path: Path, shared_store: tuple[str, Query, dict[str, str]]) -> None:
    db, query, invariants = shared_store
    first, second = _halves(EXAMPLES / "reports.jsonl", tmp_path / "in")
    results = _ingest_both(db, first, second)
    total = len(first.read_text().splitlines()) + len(second.read_text().splitlines())
    assert sum(int(r["stored"]) for r in results) == total  # type: ignore[call-overload]
    assert _broken_invariants(db, query, invariants) == {}
    assert query("SELECT count(DISTINCT id), count(*) FROM reports") == (total, total)
    assert query("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_analysis)")[0] == 0


def test_two_ingests_of_overlapping_folders_store_and_place_each_report_once(
    tmp_path: Path, shared_store: tuple[str, Query, dict[str, str]]
) -> None:
    db, query, invariants = shared_store
    everything = _corpus(tmp_path / "all", 300)
    results = _ingest_both(db, everything, everything, "--no-analyze")
    assert sum(int(r["stored"]) for r in results) == 300  # type: ignore[call-overload]
    assert sum(int(r["duplicates"]) for r in results) == 300  # type: ignore[call-overload]
    assert _broken_invariants(db, query, invariants) == {}
    assert query("SELECT count(*), count(DISTINCT report_id) FROM story_reports") == (300, 300)
