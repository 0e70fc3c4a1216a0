import sqlite3
from pathlib import Path

import pytest

from storyline.errors import CorruptStoreError, StoreError
from storyline.models import Report
from storyline.store import open_store


def _report(n: int, body: str = "") -> Report:
    return Report(id=f"r{n}", source="Outlet", title=f"Title {n}", body=body or f"Body of report {n} about harbours.", published=f"2026-01-0{n % 9 + 1}")


def test_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(CorruptStoreError, match="not a SQLite database"):
        open_store(bad)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CorruptStoreError, match="not a storyline store"):
        open_store(other)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")


def test_reopening_keeps_data_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.add_report(_report(3))
    with open_store(path) as store:
        assert store.count_reports() == 1
        assert store.execute("PRAGMA integrity_check")[0][0] == "ok"

