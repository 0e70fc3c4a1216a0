"""How many worker processes a stage uses."""

from __future__ import annotations

from storyline.config import AnalyzeOptions, Config
from storyline.pipeline.workers import MIN_REPORTS_PER_WORKER, available_cores, worker_count


def test_worker_count_follows_the_option_the_cores_and_the_work() -> None:
    every_core = Config()
    assert worker_count(every_core, 1, tasks=1) == 1
    assert worker_count(every_core, MIN_REPORTS_PER_WORKER - 1, tasks=10) == 1
    assert worker_count(every_core, 100 * MIN_REPORTS_PER_WORKER, tasks=1000) == available_cores()
    assert worker_count(Config(analyze=AnalyzeOptions(workers=1)), 10_000, tasks=1000) == 1
    assert worker_count(Config(analyze=AnalyzeOptions(workers=3)), 10_000, tasks=1000) == 3
    assert worker_count(Config(analyze=AnalyzeOptions(workers=8)), 10_000, tasks=2) == 2
