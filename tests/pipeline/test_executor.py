"""Executors: the local one and a Dask cluster give the same reports, copies, stories and facts."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from storyline.config import AnalyzeOptions, Config, EncodeOptions, ExecutorOptions
from storyline.errors import ConfigError
from storyline.pipeline import ingest
from storyline.pipeline.executor import LocalExecutor, open_executor
from storyline.store import open_store


def _square(number: int) -> int:
    return number * number


def test_the_local_executor_gives_results_in_task_order_in_process_and_in_workers() -> None:
    executor = LocalExecutor(Config(analyze=AnalyzeOptions(workers=2)))
    tasks = [(number,) for number in range(40)]
    assert list(executor.map(_square, tasks, workers=1)) == [n * n for n in range(40)]
    assert list(executor.map(_square, iter(tasks), workers=2)) == [n * n for n in range(40)]
    assert LocalExecutor().workers(10_000, 100) == 1


def test_submitted_runs_once_the_workers_hold_tasks_and_never_in_process() -> None:
    executor = LocalExecutor(Config())
    calls: list[str] = []
    results = executor.map(_square, [(n,) for n in range(12)], workers=2, submitted=lambda: calls.append("workers"))
    assert list(results) == [n * n for n in range(12)] and calls == ["workers"]
    calls.clear()
    assert list(executor.map(_square, [(3,)], workers=1, submitted=lambda: calls.append("here"))) == [9]
    assert calls == []


def test_an_unknown_executor_or_a_scheduler_without_dask_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="executor.kind"):
        Config(executor=ExecutorOptions(kind="spark"))
    with pytest.raises(ConfigError, match="executor.kind"):
        Config(executor=ExecutorOptions(scheduler="tcp://127.0.0.1:8786"))


def test_dask_missing_is_a_config_error_that_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_dask(name: str, *args: Any) -> Any:
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_dask)
    with pytest.raises(ConfigError, match=r"storyline\[dask\]"), open_executor(Config(executor=ExecutorOptions(kind="dask"))):
        pass


def _stored(path: Path, config: Config) -> dict[str, Any]:
    with open_store(path) as store:
        ingest(store, [EXAMPLES / "reports.jsonl"], config)
        reports = list(store.iter_reports())
        ids = [report.id for report in reports]
        return {
            "reports": reports,
            "copies": {report.id: report.copy_of for report in reports},
            "stories": sorted(story.reports for story in store.iter_stories()),
            "analyses": store.get_features(ids, "nlp"),
            "facts": {story.id: store.get_analysis(story.id) for story in store.iter_stories()},
        }


@pytest.mark.slow
def test_a_dask_cluster_stores_what_the_local_run_stores(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="Dask is not installed (pip install 'storyline[dask]')")
    options = {"analyze": AnalyzeOptions(workers=2), "encode": EncodeOptions(stories="off")}
    local = _stored(tmp_path / "local.db", Config(**options))
    on_dask = _stored(tmp_path / "dask.db", Config(**options, executor=ExecutorOptions(kind="dask")))
    assert len(local["reports"]) == 35 and any(local["copies"].values())
    assert any(analysis.facts for analysis in local["facts"].values() if analysis)
    assert on_dask == local
