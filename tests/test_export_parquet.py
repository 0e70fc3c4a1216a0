"""Parquet export: four tables that read back into the very records stored, and a clear message without pyarrow."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is in the dev extra: pip install -e '.[dev]'")

from event_corpus import EVENTS, fill_events

from storyline.errors import UsageError
from storyline.export_parquet import TABLES, write_parquet
from storyline.models import from_dict


def read_back(path: Path, record_type: type[Any]) -> list[Any]:
    """Rows of a Parquet file as records again, JSON text columns decoded."""
    hints = typing.get_type_hints(record_type)
    records = []
    for row in pq.read_table(path).to_pylist():
        for name, value in row.items():
            if isinstance(value, str) and hints[name] is not str:
                row[name] = json.loads(value)
        records.append(from_dict(record_type, row))
    return records


def test_parquet_round_trips_reports_stories_facts_and_events(  # type: ignore[no-untyped-def]
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent / "api"))
    from api_corpus import ANALYSES, REPORTS, fill_store

    fill_store(store)
    fill_events(store)
    counts = write_parquet(store, tmp_path / "out")
    facts = [fact for analysis in ANALYSES for fact in analysis.facts]
    events = [event for story_events in EVENTS.values() for event in story_events]
    assert counts == {"reports": len(REPORTS), "stories": 6, "facts": len(facts), "events": len(events)}
    assert read_back(tmp_path / "out" / "reports.parquet", TABLES["reports"]) == list(store.iter_reports())
    assert read_back(tmp_path / "out" / "stories.parquet", TABLES["stories"]) == list(store.iter_stories())
    assert sorted(read_back(tmp_path / "out" / "facts.parquet", TABLES["facts"]), key=lambda f: f.id) == sorted(facts, key=lambda f: f.id)
    assert sorted(read_back(tmp_path / "out" / "events.parquet", TABLES["events"]), key=lambda e: e.id) == sorted(events, key=lambda e: e.id)
    conflicting = pq.read_table(tmp_path / "out" / "facts.parquet").to_pylist()
    assert any('"value": "15"' in row["conflicts"] for row in conflicting)
    assert str(pq.read_schema(tmp_path / "out" / "events.parquet").field("goldstein").type) == "double"


def test_an_empty_store_writes_empty_tables_with_their_columns(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert write_parquet(store, tmp_path) == {"reports": 0, "stories": 0, "facts": 0, "events": 0}
    assert "actor1_country" in pq.read_schema(tmp_path / "events.parquet").names


def test_without_pyarrow_the_export_names_the_package(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(UsageError, match="needs pyarrow: pip install pyarrow"):
        write_parquet(store, tmp_path / "out")


def test_cli_parquet_needs_an_output_folder(tmp_path: Path) -> None:
    from storyline.store import open_store

    with open_store(tmp_path / "e.db"):
        pass
    command = [sys.executable, "-m", "storyline.cli", "--db", str(tmp_path / "e.db"), "export", "--format", "parquet"]
    missing = subprocess.run(command, capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "--output DIR" in missing.stderr
    done = subprocess.run([*command, "--output", str(tmp_path / "pq")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["events.parquet", "facts.parquet", "reports.parquet", "stories.parquet"]
