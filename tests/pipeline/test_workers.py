"""How many worker processes a stage uses."""

from __future__ import annotations

import threading

from storyline.config import AnalyzeOptions, Config
from storyline.pipeline.workers import MIN_REPORTS_PER_WORKER, _process_context, available_cores, worker_count


def test_worker_count_follows_the_option_the_cores_and_the_work() -> None:
    every_core = Config()
    assert worker_count(every_core, 1, tasks=1) == 1
    assert worker_count(every_core, MIN_REPORTS_PER_WORKER - 1, tasks=10) == 1
    assert worker_count(every_core, 100 * MIN_REPORTS_PER_WORKER, tasks=1000) == available_cores()
    assert worker_count(Config(analyze=AnalyzeOptions(workers=1)), 10_000, tasks=1000) == 1
    assert worker_count(Config(analyze=AnalyzeOptions(workers=3)), 10_000, tasks=1000) == 3
    assert worker_count(Config(analyze=AnalyzeOptions(workers=8)), 10_000, tasks=2) == 2


def test_a_process_running_other_threads_spawns_its_workers() -> None:
    assert _process_context().get_start_method() == "fork"
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert _process_context().get_start_method() == "spawn"
    finally:
        release.set()
        waiting.join()
