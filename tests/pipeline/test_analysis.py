"""Analysis and corroboration in worker processes: the same stored analyses and facts as in one process."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from storyline.config import AnalyzeOptions, Config, EncodeOptions
from storyline.pipeline import ingest
from storyline.pipeline.workers import worker_count
from storyline.store import open_store


def _stored(path: Path, workers: int) -> tuple[dict[str, Any], dict[str, Any]]:
    config = Config(analyze=AnalyzeOptions(workers=workers), encode=EncodeOptions(stories="off"))
    with open_store(path) as store:
        ingest(store, [EXAMPLES / "reports.jsonl"], config)
        analyses = store.get_features([report.id for report in store.iter_reports()], "nlp")
        facts = {story.id: store.get_analysis(story.id) for story in store.iter_stories()}
    return analyses, facts


@pytest.mark.slow
def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    assert worker_count(Config(analyze=AnalyzeOptions(workers=2)), 35, tasks=2) == 2
    one_analyses, one_facts = _stored(tmp_path / "one.db", workers=1)
    two_analyses, two_facts = _stored(tmp_path / "two.db", workers=2)
    assert len(one_analyses) == 35 and any(analysis.facts for analysis in one_facts.values() if analysis)
    assert two_analyses == one_analyses
    assert two_facts == one_facts


@pytest.mark.slow
def test_workers_spawned_by_a_process_running_threads_store_the_same(tmp_path: Path) -> None:
    # A web server's job runs in a thread: its workers are spawned, not forked, and must
    # agree with one process too (hash seeds differ between spawned processes).
    found: list[tuple[dict[str, Any], dict[str, Any]]] = []
    job = threading.Thread(target=lambda: found.append(_stored(tmp_path / "spawned.db", workers=2)))
    job.start()
    job.join(timeout=600)
    assert found == [_stored(tmp_path / "one.db", workers=1)]
