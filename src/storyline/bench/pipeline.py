"""Every stage of an ingest, end to end, on a generated news corpus: throughput, stage times and memory.

    storyline bench pipeline --sizes 1000,10000 [--executor local|dask] [--workers N] [--json] [--plot FILE.png]

Each size is a fresh corpus from `news_corpus` (about 600 words a report, real story sizes,
copy rate and outlets) written as JSON Lines files and ingested into a new store with
`storyline.pipeline.ingest`: reading, cleaning, storing, analysis, the encoder, copies,
stories and corroboration (facts, claims, events), the model loads included. Each size
runs in a fresh process, so its memory is its own. `peak_mib` is that process's peak
resident memory plus, for each worker, the largest worker's peak: an upper bound, since
forked workers share the parent's pages.

From the largest size's stage times the run projects a day of news: the hours 100,000
reports take here, and the workers a cluster needs for 1,000,000 reports in 24 hours. The
projection holds the ingesting process's stages (ingest, encode, stories) serial and
divides the workers' stages (analyze, corroborate) among the workers.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from storyline.bench.news_corpus import SEED, make_corpus, words_in
from storyline.config import AnalyzeOptions, Config, ExecutorOptions
from storyline.pipeline import ingest
from storyline.pipeline.stages import StageTimer
from storyline.pipeline.workers import available_cores
from storyline.store import open_store

# Reports per generated JSON Lines file (each well under ingest.max_file_bytes).
REPORTS_PER_FILE = 1000
# Stages run by the executor's workers; the others run in the ingesting process.
WORKER_STAGES = ("analyze", "corroborate")
# What a day means for the projections: the target is 100,000 reports in 2 hours.
DAY_REPORTS = 100_000
DAY_TARGET_HOURS = 2.0
CLUSTER_DAY_REPORTS = 1_000_000


def run_size(size: int, executor: str, workers: int, seed: int = SEED) -> dict[str, Any]:
    """Generate `size` reports, ingest them into a new store, and time every stage."""
    records = make_corpus(size, seed)
    config = Config(analyze=AnalyzeOptions(workers=workers), executor=ExecutorOptions(kind=executor))
    timer = StageTimer()
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as folder:
        corpus = Path(folder) / "reports"
        corpus.mkdir()
        for start in range(0, len(records), REPORTS_PER_FILE):
            lines = (json.dumps(record, ensure_ascii=False) for record in records[start : start + REPORTS_PER_FILE])
            (corpus / f"part-{start // REPORTS_PER_FILE:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        with open_store(Path(folder) / "bench.db") as store:
            run = ingest(store, [corpus], config, timer)
            seconds = time.perf_counter() - started
            stories = len(store.story_ids())
    used = workers or available_cores()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    words = words_in(records)
    return {
        "reports": size,
        "executor": executor,
        "workers": used,
        "seconds": round(seconds, 2),
        "reports_per_second": round(size / seconds, 2),
        "words_per_second": round(words / seconds, 1),
        "peak_mib": round(own + used * worker_peak, 1),
        "stages": {stage: round(spent, 2) for stage, spent in timer.seconds.items()},
        "words": words,
        "stored": run.ingested.stored,
        "copies": run.updated.copies,
        "stories": stories,
    }


def project(run: dict[str, Any]) -> dict[str, Any]:
    """A day of news from one run's stage times: hours for DAY_REPORTS here, workers for CLUSTER_DAY_REPORTS a day."""
    reports, workers = run["reports"], run["workers"]
    parallel = sum(run["stages"].get(stage, 0.0) for stage in WORKER_STAGES)
    serial = run["seconds"] - parallel
    serial_per_report = serial / reports
    worker_seconds_per_report = parallel * workers / reports
    day_seconds = 24 * 3600.0
    spare = day_seconds - CLUSTER_DAY_REPORTS * serial_per_report
    needed = math.ceil(CLUSTER_DAY_REPORTS * worker_seconds_per_report / spare) if spare > 0 else None
    return {
        "from_reports": reports,
        "executor": run["executor"],
        "workers": workers,
        "day_reports": DAY_REPORTS,
        "day_hours": round(DAY_REPORTS / run["reports_per_second"] / 3600, 2),
        "day_target_hours": DAY_TARGET_HOURS,
        "serial_seconds_per_report": round(serial_per_report, 4),
        "worker_seconds_per_report": round(worker_seconds_per_report, 4),
        "cluster_day_reports": CLUSTER_DAY_REPORTS,
        "cluster_hours_serial_part": round(CLUSTER_DAY_REPORTS * serial_per_report / 3600, 1),
        "cluster_workers": needed,
    }


def main(sizes: Sequence[int], executor: str = "local", workers: int = 0, as_json: bool = False, plot: str = "") -> dict[str, Any]:
    """Run each size in its own process; print a row per size (or JSON) and the projections."""
    if plot:
        from storyline.bench.plot import require_matplotlib

        require_matplotlib()
    runs: list[dict[str, Any]] = []
    for size in sizes:
        run = _in_fresh_process(size, executor, workers)
        runs.append(run)
        if not as_json:
            stages = "  ".join(f"{stage} {spent:.1f}" for stage, spent in run["stages"].items())
            print(f"{run['reports']:>7} reports  {run['executor']} x{run['workers']}  {run['seconds']:>8.1f} s  "
                  f"{run['reports_per_second']:>7.2f} reports/s  {run['words_per_second']:>8.0f} words/s  "
                  f"peak {run['peak_mib']:>7.0f} MiB  stages (s): {stages}", flush=True)
    result: dict[str, Any] = {"runs": runs, "projection": project(max(runs, key=lambda run: run["reports"])) if runs else {}}
    if plot:
        from storyline.bench.plot import plot_throughput

        plot_throughput(runs, Path(plot), day_reports=DAY_REPORTS, day_hours=DAY_TARGET_HOURS)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    elif runs:
        _print_projection(result["projection"])
    return result


def _print_projection(projection: dict[str, Any]) -> None:
    hours = projection["day_hours"]
    verdict = "within" if hours <= projection["day_target_hours"] else "over"
    print(f"projection from {projection['from_reports']} reports: {projection['day_reports']:,} reports take {hours:.1f} h here "
          f"({verdict} the {projection['day_target_hours']:g} h target)")
    workers = projection["cluster_workers"]
    if workers is None:
        print(f"{projection['cluster_day_reports']:,} reports a day: the ingesting process alone needs "
              f"{projection['cluster_hours_serial_part']:.0f} h, more than a day, whatever the workers")
    else:
        print(f"{projection['cluster_day_reports']:,} reports a day: {workers} Dask workers like these "
              f"(the ingesting process's own stages take {projection['cluster_hours_serial_part']:.1f} h of the 24)")


def _in_fresh_process(size: int, executor: str, workers: int) -> dict[str, Any]:
    """`run_size` in a spawned process (not a pool's daemon: it starts workers of its own).

    A failing run prints its traceback there, and ends the process without an answer.
    """
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, size, executor, workers))
    process.start()
    send.close()
    try:
        row: dict[str, Any] = receive.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"bench pipeline at {size} reports: the run failed (exit code {process.exitcode}; see above)") from None
    process.join()
    return row


def _child(send: Connection, size: int, executor: str, workers: int) -> None:
    with send:
        send.send(run_size(size, executor, workers))
