"""The stage timer: each progress report's time goes to the stage reporting it."""

from __future__ import annotations

import time

from storyline.pipeline.stages import StageTimer


def test_the_stage_timer_sums_each_stages_time_and_passes_progress_on() -> None:
    seen: list[tuple[str, int, int | None]] = []
    timer = StageTimer(then=lambda stage, done, total: seen.append((stage, done, total)))
    time.sleep(0.02)
    timer("ingest", 1, None)
    time.sleep(0.01)
    timer("analyze", 5, 5)
    timer("analyze", 5, 5)
    assert set(timer.seconds) == {"ingest", "analyze"}
    assert timer.seconds["ingest"] >= 0.02 and 0.01 <= timer.seconds["analyze"] < 0.02 + timer.seconds["ingest"]
    assert seen == [("ingest", 1, None), ("analyze", 5, 5), ("analyze", 5, 5)]
