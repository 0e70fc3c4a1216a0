import sqlite3
from pathlib import Path

import pytest

from storyline.errors import CorruptStoreError, StoreError
from storyline.models import Fact, Report, Story, StoryAnalysis
from storyline.store import open_store


def _report(n: int, body: str = "") -> Report:
    return Report(id=f"r{n}", source="Outlet", title=f"Title {n}", body=body or f"Body of report {n} about harbours.", published=f"2026-01-0{n % 9 + 1}")


def test_same_report_is_stored_once(store) -> None:  # type: ignore[no-untyped-def]
    assert store.add_report(_report(1)) is True
    assert store.add_report(_report(1)) is False
    assert store.count_reports() == 1
    assert store.get_report("r1") == _report(1)


def test_full_text_search_ranks_titles_and_survives_punctuation(store) -> None:  # type: ignore[no-untyped-def]
    store.add_report(Report(id="a", title="Wildfire near Port Ellis", body="Crews fought the blaze."))
    store.add_report(Report(id="b", title="Budget", body="The wildfire budget was debated."))
    hits = store.search('wildfire "AND OR (')
    assert [h.report.id for h in hits] == ["a", "b"]
    assert store.search("") == []


def test_pending_reports_and_placement(store) -> None:  # type: ignore[no-untyped-def]
    for n in (1, 2):
        store.add_report(_report(n))
    assert [r.id for r in store.pending_reports()] == ["r1", "r2"]
    story = Story(id="s1", headline="H", reports=("r1",), sources=("Outlet",), independent_sources=("Outlet",))
    store.place_report("r1", story, features={"copies": {"signature": [1, 2]}})
    assert [r.id for r in store.pending_reports()] == ["r2"]
    assert store.story_of("r1") == "s1"
    assert store.get_story("s1").reports == ("r1",)
    assert dict(store.iter_features("copies")) == {"r1": {"signature": [1, 2]}}


def test_analysis_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    analysis = StoryAnalysis(story="s1", facts=(Fact(id="f", story="s1", text="x", status="corroborated"),))
    store.save_analysis(analysis)
    assert store.get_analysis("s1") == analysis


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


def test_iter_reports_pages_through_everything_in_arrival_order(store) -> None:  # type: ignore[no-untyped-def]
    ids = [f"r{n:04d}" for n in range(1203)]
    for report_id in ids:
        store.add_report(Report(id=report_id, body="b"))
    assert [r.id for r in store.iter_reports()] == ids


def test_moving_a_report_and_dropping_the_emptied_story(store) -> None:  # type: ignore[no-untyped-def]
    for n in (1, 2):
        store.add_report(_report(n))
    store.place_report("r1", Story(id="s1", headline="A", reports=("r1",)), features={"story": {"story": "s1", "features": {}}})
    store.place_report("r2", Story(id="s2", headline="B", reports=("r2",)), features={"story": {"story": "s2", "features": {}}})
    store.save_analysis(StoryAnalysis(story="s2"))
    store.move_report("r2", "s1")
    store.drop_story("s2")
    assert store.story_report_ids("s1") == ["r1", "r2"]
    assert store.get_story("s2") is None and store.get_analysis("s2") is None
    assert dict(store.iter_features("story"))["r2"]["story"] == "s1"


def test_split_pairs_are_kept_across_reopening_and_go_with_a_dropped_story(tmp_path: Path) -> None:
    path = tmp_path / "splits.db"
    with open_store(path) as store:
        store.add_split("s1", "s4")
        store.add_split("s1", "s4")
        store.add_split("s2", "s3")
    with open_store(path) as store:
        assert list(store.iter_splits()) == [("s1", "s4"), ("s2", "s3")]
        store.drop_story("s3")
        assert list(store.iter_splits()) == [("s1", "s4")]
