"""The analysis stage over stored reports: NLP once per report, kept as the report's "nlp" features.

Parsing is most of an ingest's time, and each report's parse depends on that report alone,
so the reports are analysed by the run's executor (`pipeline.executor`: worker processes
here, or a Dask cluster), each worker loading the pinned model once; the parent writes
each chunk's results to the store in input order as they come back. Chunks are whole multiples of `analyze.batch_size`, so spaCy sees
the same batches in every worker count and the results are those of one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from storyline.config import Config
from storyline.models import Report, ReportAnalysis
from storyline.pipeline.executor import Executor, LocalExecutor
from storyline.pipeline.stages import Progress
from storyline.store.protocol import Store

if TYPE_CHECKING:
    from storyline.analyze.guard import GuardedAnalysis

# The feature kind a report's analysis is stored under.
NLP_FEATURES = "nlp"
# Batches per chunk written to the store in one process (a chunk is the unit of progress).
_BATCHES_PER_CHUNK = 8
# Batches per chunk handed to a worker: small enough that the workers finish together
# (772 ECB+ reports make 25 chunks of 32), large enough that sending reports costs nothing.
_BATCHES_PER_WORKER_CHUNK = 2


def analyze_stored(
    store: Store,
    reports: Sequence[Report],
    config: Config,
    progress: Progress,
    executor: Executor | None = None,
    *,
    workers_started: Callable[[], None] | None = None,
) -> dict[str, ReportAnalysis]:
    """NLP per report, once: results are persisted as the report's "nlp" features.

    A report too large to analyse whole is analysed in its leading piece and one that makes
    the analysis raise is left without; either is recorded as the report's "analyze"
    failure (see `storyline.analyze.guard`) and the run goes on. `workers_started` is
    called once worker processes are parsing (never when this process parses alone).
    """
    if not config.analyze.enabled or not reports:
        return {}
    from storyline.analyze.guard import STAGE

    executor = executor or LocalExecutor(config)
    worker_chunk = config.analyze.batch_size * _BATCHES_PER_WORKER_CHUNK
    workers = executor.workers(len(reports), -(-len(reports) // worker_chunk))
    size = worker_chunk if workers > 1 else config.analyze.batch_size * _BATCHES_PER_CHUNK
    chunks = [reports[start : start + size] for start in range(0, len(reports), size)]
    results: dict[str, ReportAnalysis] = {}
    done = 0
    for chunk, outcomes in zip(chunks, _analyze_chunks(chunks, config, executor, workers, workers_started)):
        succeeded: list[str] = []
        for outcome in outcomes:
            if outcome.analysis is not None:
                store.put_features(outcome.report, NLP_FEATURES, outcome.analysis.to_dict())
                results[outcome.report] = outcome.analysis
            if outcome.failure is not None:
                store.record_failure(outcome.report, outcome.failure)
            else:
                succeeded.append(outcome.report)
        store.clear_failures(succeeded, STAGE)
        done += len(chunk)
        progress("analyze", done, len(reports))
    return results


def _analyze_chunks(
    chunks: list[Sequence[Report]], config: Config, executor: Executor, workers: int, started: Callable[[], None] | None
) -> Iterator[list[GuardedAnalysis]]:
    """Each chunk's outcomes, in chunk order: in this process, or spread over `workers`
    workers; `started` runs once the workers hold their first chunks (never when this
    process does the work alone)."""
    max_chars, batch_size = config.analyze.max_chars, config.analyze.batch_size
    tasks = ((chunk, max_chars, batch_size) for chunk in chunks)
    return executor.map(_analyze_chunk, tasks, workers=workers, prepare=_load_model, submitted=started)


def _load_model() -> None:
    """Load the model once per process, before the first chunk arrives."""
    from storyline.analyze import load_nlp

    load_nlp()


def _analyze_chunk(chunk: Sequence[Report], max_chars: int, batch_size: int) -> list[GuardedAnalysis]:
    """The guarded analysis of one chunk with this process's model (loaded once per process)."""
    from storyline.analyze import load_nlp
    from storyline.analyze.guard import analyze_guarded

    return analyze_guarded(chunk, load_nlp(), max_chars=max_chars, batch_size=batch_size)
