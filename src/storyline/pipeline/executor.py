"""Where the per-report and per-story work runs: local worker processes (default) or a Dask cluster.

    with open_executor(config) as executor:
        for outcome in executor.map(analyze_chunk, tasks, workers=executor.workers(reports, len(tasks))):
            ...

The pipeline hands an executor a pure function and plain data per task (a chunk of reports
to analyse, a story to corroborate) and takes the results back in the order it handed the
tasks. Everything that needs the reports in arrival order (copies, stories) and every write
to the store stays in the ingesting process, so the results are those of one process
whichever executor ran the work. `[executor] kind` in the config chooses ("local" or
"dask"); `scheduler` is the address of a running Dask scheduler, or empty for a cluster on
this machine with `analyze.workers` workers (0: one per core).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from storyline.config import Config
from storyline.errors import ConfigError
from storyline.pipeline.workers import available_cores, start_pool, worker_count

R = TypeVar("R")

# Tasks handed out ahead of the one whose result is awaited, per worker: enough to keep
# every worker busy behind a slow task, few enough to keep memory flat.
AHEAD_PER_WORKER = 4
DASK_INSTALL_HINT = "pip install 'storyline[dask]'"


class Executor(Protocol):
    """Runs a pure function over tasks, here or elsewhere, and gives the results back in task order."""

    def workers(self, reports: int, tasks: int) -> int:
        """Workers worth using for `tasks` tasks over `reports` reports (1: this process may do it alone)."""
        ...

    def map(
        self,
        function: Callable[..., R],
        tasks: Iterable[tuple[Any, ...]],
        *,
        workers: int,
        prepare: Callable[[], None] | None = None,
        submitted: Callable[[], None] | None = None,
    ) -> Iterator[R]:
        """`function(*task)` for each task, in task order; `prepare` readies each worker once
        (loads a model); `submitted` runs once the workers hold their first tasks, never when
        this process does the work itself (one worker)."""
        ...


class LocalExecutor:
    """Worker processes on this machine (`analyze.workers`), started for each map and stopped after it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config

    def workers(self, reports: int, tasks: int) -> int:
        return worker_count(self.config, reports, tasks) if self.config is not None else 1

    def map(
        self,
        function: Callable[..., R],
        tasks: Iterable[tuple[Any, ...]],
        *,
        workers: int,
        prepare: Callable[[], None] | None = None,
        submitted: Callable[[], None] | None = None,
    ) -> Iterator[R]:
        if workers <= 1:
            for task in tasks:
                yield function(*task)
            return
        pool = start_pool(workers, prepare)
        try:
            yield from _in_order(lambda task: pool.submit(function, *task), tasks, workers * AHEAD_PER_WORKER, submitted)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """The workers of a Dask cluster, through a `distributed.Client`; every task runs on the cluster."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._prepared: set[Callable[[], None]] = set()

    def workers(self, reports: int, tasks: int) -> int:
        return max(1, min(len(self.client.scheduler_info(n_workers=-1)["workers"]), tasks))

    def map(
        self,
        function: Callable[..., R],
        tasks: Iterable[tuple[Any, ...]],
        *,
        workers: int,
        prepare: Callable[[], None] | None = None,
        submitted: Callable[[], None] | None = None,
    ) -> Iterator[R]:
        if prepare is not None and prepare not in self._prepared:
            # Every worker loads the model at once, rather than each on its first task.
            self.client.run(prepare)
            self._prepared.add(prepare)
        futures: list[Any] = []

        def submit(task: tuple[Any, ...]) -> Any:
            future = self.client.submit(function, *task, pure=False)
            futures.append(future)
            return future

        try:
            yield from _in_order(submit, tasks, max(1, workers) * AHEAD_PER_WORKER, submitted)
        finally:
            self.client.cancel([future for future in futures if not future.done()])


def _in_order(
    submit: Callable[[tuple[Any, ...]], Future[R]],
    tasks: Iterable[tuple[Any, ...]],
    ahead: int,
    submitted: Callable[[], None] | None = None,
) -> Iterator[R]:
    """Each task's result in task order, with at most `ahead` tasks submitted and not yet
    collected; `submitted` runs once, when the first `ahead` tasks (or all) are handed out:
    by then a local pool has started its workers."""
    waiting: deque[Future[R]] = deque()
    pending_signal = submitted
    for task in tasks:
        waiting.append(submit(task))
        if len(waiting) >= ahead:
            if pending_signal is not None:
                pending_signal()
                pending_signal = None
            yield waiting.popleft().result()
    if pending_signal is not None:
        pending_signal()
    while waiting:
        yield waiting.popleft().result()


@contextlib.contextmanager
def open_executor(config: Config, given: Executor | None = None) -> Iterator[Executor]:
    """`given` when there is one (left open), else the executor `config` names, closed on the way out."""
    if given is not None:
        yield given
        return
    if config.executor.kind == "local":
        yield LocalExecutor(config)
        return
    with dask_client(config) as client:
        yield DaskExecutor(client)


@contextlib.contextmanager
def dask_client(config: Config) -> Iterator[Any]:
    """A client of the scheduler at `executor.scheduler`, or of a cluster started here for the run."""
    try:
        # Typed as Any: the client and cluster are used through the few calls above.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise ConfigError(f"executor.kind = \"dask\" needs Dask, which is not installed; run: {DASK_INSTALL_HINT}") from None
    if config.executor.scheduler:
        with distributed.Client(config.executor.scheduler) as client:
            yield client
        return
    workers = config.analyze.workers or available_cores()
    # Dask logs each worker's start and stop at INFO on a handler of its own: heard only as
    # verbosely as the rest of storyline.
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    # One thread per worker: spaCy holds the GIL, so parallel parsing needs processes. The
    # dashboard takes a free port, so two clusters on one machine never compete for one.
    with (
        distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client
