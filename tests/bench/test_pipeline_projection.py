"""The day projected from one `bench pipeline` run: serial stages stay serial, workers' stages divide."""

from __future__ import annotations

from storyline.bench.pipeline import project


def test_a_day_is_projected_from_the_stage_times() -> None:
    run = {"reports": 1000, "executor": "local", "workers": 2, "seconds": 100.0, "reports_per_second": 10.0,
           "stages": {"ingest": 5.0, "analyze": 70.0, "encode": 5.0, "stories": 10.0, "corroborate": 10.0}}
    projection = project(run)
    assert projection["day_hours"] == round(100_000 / 10.0 / 3600, 2)
    assert projection["serial_seconds_per_report"] == 0.02
    assert projection["worker_seconds_per_report"] == 0.16
    # 1,000,000 reports: 20,000 s in the ingesting process, 160,000 worker-seconds in the 66,400 s left.
    assert projection["cluster_workers"] == 3


def test_no_number_of_workers_helps_when_the_ingesting_process_alone_needs_more_than_a_day() -> None:
    run = {"reports": 100, "executor": "dask", "workers": 1, "seconds": 20.0, "reports_per_second": 5.0,
           "stages": {"ingest": 10.0, "analyze": 1.0}}
    assert project(run)["cluster_workers"] is None
