"""A placement run killed before its refinement: the next run gives the stories of an uninterrupted run."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.bench.crash_safety import write_corpus
from storyline.config import AnalyzeOptions, Config
from storyline.models import Report
from storyline.pipeline import ingest_paths, placement, update
from storyline.store import SqliteStore, open_store

NO_ANALYSIS = Config(analyze=AnalyzeOptions(enabled=False))
REPORTS = 400
KILLED_AFTER = 250


def _stories(store: SqliteStore) -> set[frozenset[str]]:
    return {frozenset(story.reports) for story in store.iter_stories()}


def test_refinement_a_killed_run_missed_is_done_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "stream.jsonl"
    write_corpus(corpus, REPORTS)
    with open_store(tmp_path / "reference.db") as reference:
        ingest_paths(reference, [corpus], config=NO_ANALYSIS)
        update(reference, NO_ANALYSIS)
        expected = _stories(reference)
    with open_store(tmp_path / "killed.db") as store:
        ingest_paths(store, [corpus], config=NO_ANALYSIS)
        real_place = placement._Placing.place
        placed = []

        def place_then_die(self: placement._Placing, report: Report) -> None:
            if len(placed) == KILLED_AFTER:
                raise KeyboardInterrupt  # the process dies here: placed reports are committed, refinement never runs
            real_place(self, report)
            placed.append(report.id)

        monkeypatch.setattr(placement._Placing, "place", place_then_die)
        with pytest.raises(KeyboardInterrupt):
            update(store, NO_ANALYSIS)
        monkeypatch.undo()
        assert len(store.pending_reports()) == REPORTS - KILLED_AFTER
        assert sum(1 for _ in store.iter_features(placement.UNREFINED_FEATURES)) == KILLED_AFTER
        update(store, NO_ANALYSIS)
        assert store.pending_reports() == []
        assert list(store.iter_features(placement.UNREFINED_FEATURES)) == []
        assert _stories(store) == expected
