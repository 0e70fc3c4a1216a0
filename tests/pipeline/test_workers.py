"""How many worker processes a stage uses, and how they are started."""

from __future__ import annotations

import threading

import pytest

from storyline.config import AnalyzeOptions, Config
from storyline.pipeline import workers
from storyline.pipeline.workers import MIN_REPORTS_PER_WORKER, _process_context, available_cores, worker_count


def test_worker_count_follows_the_option_the_cores_and_the_work() -> None:
    every_core = Config()
    assert worker_count(every_core, 1, tasks=1) == 1
    assert worker_count(every_core, MIN_REPORTS_PER_WORKER - 1, tasks=10) == 1
    assert worker_count(every_core, 100 * MIN_REPORTS_PER_WORKER, tasks=1000) == available_cores()
    assert worker_count(Config(analyze=AnalyzeOptions(workers=1)), 10_000, tasks=1000) == 1
    assert worker_count(Config(analyze=AnalyzeOptions(workers=3)), 10_000, tasks=1000) == 3
    assert worker_count(Config(analyze=AnalyzeOptions(workers=8)), 10_000, tasks=2) == 2


def test_a_single_threaded_process_forks_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests may leave a thread behind in this process, so the count is pinned to one."""
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    expected = "fork" if "fork" in workers.multiprocessing.get_all_start_methods() else "spawn"
    assert _process_context().get_start_method() == expected


def test_a_process_running_other_threads_spawns_its_workers() -> None:
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert _process_context().get_start_method() == "spawn"
    finally:
        release.set()
        waiting.join()
