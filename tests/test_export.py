"""Analyst tables: the facts matrix as CSV and coded events as GDELT 2.0 Events rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from storyline.export import FACT_COLUMNS, GDELT_EVENT_COLUMNS, write_facts_csv, write_gdelt_events
from storyline.pipeline import ingest_paths, update
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data beside the checkout); not present in this clone")
    return path


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "example.db"
    with open_store(path) as store:
        ingest_paths(store, [EXAMPLES / "reports.jsonl"])
        update(store)
    return path


def test_gdelt_column_list_is_the_codebooks() -> None:
    codebook = require_shared(SEEDS.parent / "data" / "gdelt_schema" / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    with codebook.open(encoding="utf-8") as handle:
        names = tuple(row["tableId"] for row in csv.DictReader(handle))
    assert names == GDELT_EVENT_COLUMNS


def test_facts_csv_has_one_row_per_fact_with_its_evidence(example_db: Path) -> None:
    buffer = io.StringIO()
    with open_store(example_db) as store:
        written = write_facts_csv(store, buffer)
        facts = sum(len(a.facts) for s in store.list_stories(limit=1000) if (a := store.get_analysis(s.id)))
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert written == len(rows) == facts > 0
    assert tuple(rows[0]) == FACT_COLUMNS
    for row in rows:
        assert row["status"] in {"corroborated", "single-source", "conflicting"}
        assert row["support"] and all("#" in span and "[" in span for span in row["support"].split("; "))
    corroborated = [row for row in rows if row["status"] == "corroborated"]
    assert corroborated and all(len(row["independent_sources"].split("; ")) >= 2 for row in corroborated)
    # The example corpus plants one conflict: 12 injured against 14.
    conflicting = [row for row in rows if row["status"] == "conflicting"]
    assert any("12" in row["conflicts"] and "14" in row["conflicts"] and " | " in row["conflicts"] for row in conflicting)


def test_gdelt_rows_have_61_fields_and_consistent_codes(example_db: Path) -> None:
    buffer = io.StringIO()
    with open_store(example_db) as store:
        written = write_gdelt_events(store, buffer)
    lines = buffer.getvalue().splitlines()
    assert written == len(lines) > 0
    ids = set()
    for line in lines:
        row = dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"), strict=True))
        ids.add(int(row["GLOBALEVENTID"]))
        assert row["EventCode"].startswith(row["EventBaseCode"]) and row["EventBaseCode"].startswith(row["EventRootCode"])
        assert row["QuadClass"] in {"1", "2", "3", "4"}
        assert -10.0 <= float(row["GoldsteinScale"]) <= 10.0
        assert len(row["SQLDATE"]) == 8 and row["Year"] == row["SQLDATE"][:4]
        assert int(row["NumArticles"]) <= int(row["NumMentions"])
        assert row["SOURCEURL"].startswith("https://")
    assert len(ids) == len(lines)


def test_seed_events_carry_cameo_country_codes(tmp_path: Path) -> None:
    require_shared(SEEDS)
    with open_store(tmp_path / "seeds.db") as store:
        ingest_paths(store, [SEEDS])
        update(store)
        buffer = io.StringIO()
        write_gdelt_events(store, buffer)
    rows = [dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"), strict=True)) for line in buffer.getvalue().splitlines()]
    pairs = {(row["Actor1CountryCode"], row["Actor2CountryCode"]) for row in rows}
    # The pledge: China and Canada, as governments ("CHNGOV", "CANGOV").
    assert ("CHN", "CAN") in pairs
    assert any(row["Actor1Code"] == "CHNGOV" and row["Actor2Code"] == "CANGOV" for row in rows)
