"""Worker processes for the per-report and per-story stages, so an ingest uses every core.

The analysis of a report and the corroboration of a story are each a pure function of what
the parent reads from the store and sends; the parent alone writes. `analyze.workers` sets
how many processes (0: one per core; 1: none, the ingesting process does the work).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from storyline.config import Config

# Fewest reports per worker worth starting workers for: a worker takes about 3 s to start
# and load the model, what one core parses of about 30 news reports (measured on
# examples/corpus, 35 reports: two workers made the ingest no faster). Below it the work
# is done in the ingesting process.
MIN_REPORTS_PER_WORKER = 32


def worker_count(config: Config, reports: int, tasks: int) -> int:
    """Processes for work on `reports` reports split into `tasks` tasks (1: this process alone).

    `analyze.workers` when set, else one per core while each has at least
    MIN_REPORTS_PER_WORKER reports; never more than there are tasks.
    """
    wanted = config.analyze.workers or min(available_cores(), reports // MIN_REPORTS_PER_WORKER)
    return max(1, min(wanted, tasks))


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_pool(workers: int, prepare: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes that leave Ctrl-C to the parent, each made ready by `prepare`.

    Forked workers inherit what the parent prepared (run here once, and kept for the next
    pool: a model loaded once per process serves every later run); spawned ones prepare
    themselves when they start.
    """
    context = _process_context()
    if prepare is not None and context.get_start_method() == "fork":
        prepare()
        prepare = None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(prepare,))


def _process_context() -> multiprocessing.context.BaseContext:
    """Forked workers start at once and share the parent's loaded libraries; but a process
    running other threads (the web server's jobs) could hand a forked child a lock held
    forever, so such a process spawns its workers instead."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker(prepare: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if prepare is not None:
        prepare()
