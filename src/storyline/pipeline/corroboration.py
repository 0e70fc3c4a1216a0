"""Re-corroborating stories from the stored per-report analysis, one story at a time.

A story's facts, entities, quotes, summary and events are a pure function of its reports
and their stored analyses (`analyze_story`), so nothing is parsed again here, and stories
can be corroborated in worker processes while the parent alone reads and writes the store.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from storyline.config import Config
from storyline.errors import STOPS_A_RUN, describe_error
from storyline.models import Report, ReportAnalysis, StageFailure, StoryAnalysis
from storyline.pipeline.analysis import NLP_FEATURES
from storyline.pipeline.stages import Progress, quiet
from storyline.pipeline.workers import start_pool, worker_count
from storyline.store.protocol import Store

log = logging.getLogger(__name__)

# The stage name a story's corroboration failure is recorded under, on each of its reports.
CORROBORATE_STAGE = "corroborate"
# Stories sent to the workers ahead of the one being written, per worker: enough to keep
# every worker busy behind a large story, few enough to keep memory flat.
_AHEAD_PER_WORKER = 4


def corroborate_stories(store: Store, story_ids: Sequence[str], progress: Progress = quiet, *, config: Config | None = None) -> int:
    """Recompute facts, entities, quotes and summary for each story, from stored per-report analysis.

    A story whose corroboration raises keeps its previous analysis; the failure is recorded
    on each of its reports (stage "corroborate") and the other stories go on. Returns the
    number of stories corroborated. With `config`, stories are spread over its
    `analyze.workers` processes when there are enough reports to keep them busy.
    """
    members = {story_id: store.story_report_ids(story_id) for story_id in story_ids}
    reports = sum(len(ids) for ids in members.values())
    workers = worker_count(config, reports, len(members)) if config is not None else 1
    outcomes = _in_workers(store, members, workers) if workers > 1 else _in_process(store, members)
    done = 0
    for position, (story_id, outcome) in enumerate(outcomes, start=1):
        report_ids = members[story_id]
        if outcome is not None:
            failure = StageFailure(stage=CORROBORATE_STAGE, reason="error", message=f"story {story_id}: {outcome}")
            for report_id in report_ids:
                store.record_failure(report_id, failure)
        else:
            store.clear_failures(report_ids, CORROBORATE_STAGE)
            done += 1
        progress("corroborate", position, len(members))
    return done


def analyze_story(story_id: str, reports: Sequence[Report], analyses: Mapping[str, ReportAnalysis]) -> StoryAnalysis:
    """A story's analysis with its coded events: a pure function of its reports and their analyses."""
    from storyline.corroborate import corroborate_story
    from storyline.events import code_story_events

    analysis = corroborate_story(story_id, reports, analyses)
    return replace(analysis, events=code_story_events(story_id, reports, analyses, analysis.facts))


def _in_process(store: Store, members: dict[str, list[str]]) -> Iterator[tuple[str, str | None]]:
    """(story, None once its analysis is saved, or what went wrong) for each story, in order."""
    for story_id, report_ids in members.items():
        try:
            _corroborate_story(store, story_id, report_ids)
        except STOPS_A_RUN:
            raise
        except Exception as exc:  # recorded on the story's reports; the other stories go on
            log.warning("corroborating story %s failed", story_id, exc_info=True)
            yield story_id, describe_error(exc)
        else:
            yield story_id, None


def _corroborate_story(store: Store, story_id: str, report_ids: list[str]) -> None:
    reports, stored = _inputs(store, report_ids)
    store.save_analysis(analyze_story(story_id, reports, _analyses(stored)))


def _in_workers(store: Store, members: dict[str, list[str]], workers: int) -> Iterator[tuple[str, str | None]]:
    """(story, None once its analysis is saved, or what went wrong) for each story, the largest
    first so the workers finish together."""
    order = sorted(members, key=lambda story_id: -len(members[story_id]))
    ahead: deque[tuple[str, Future[StoryAnalysis | str]]] = deque()
    pool = start_pool(workers)
    try:
        for story_id in order:
            reports, stored = _inputs(store, members[story_id])
            ahead.append((story_id, pool.submit(_analyze_story_guarded, story_id, reports, stored)))
            if len(ahead) >= workers * _AHEAD_PER_WORKER:
                yield _saved(store, *ahead.popleft())
        while ahead:
            yield _saved(store, *ahead.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _saved(store: Store, story_id: str, future: Future[StoryAnalysis | str]) -> tuple[str, str | None]:
    outcome = future.result()
    if isinstance(outcome, str):
        return story_id, outcome
    store.save_analysis(outcome)
    return story_id, None


def _analyze_story_guarded(story_id: str, reports: list[Report], stored: dict[str, Any]) -> StoryAnalysis | str:
    """In a worker: the story's analysis, or what went wrong (the run's own failures are raised)."""
    try:
        return analyze_story(story_id, reports, _analyses(stored))
    except STOPS_A_RUN:
        raise
    except Exception as exc:  # reported to the parent, which records it on the story's reports
        log.warning("corroborating story %s failed", story_id, exc_info=True)
        return describe_error(exc)


def _inputs(store: Store, report_ids: list[str]) -> tuple[list[Report], dict[str, Any]]:
    """A story's reports and their stored analyses (as stored: plain data, quick to send to a worker)."""
    return store.get_reports(report_ids), store.get_features(report_ids, NLP_FEATURES)


def _analyses(stored: dict[str, Any]) -> dict[str, ReportAnalysis]:
    return {report_id: ReportAnalysis.from_dict(data) for report_id, data in stored.items()}
