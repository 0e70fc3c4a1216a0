"""Re-corroborating stories from the stored per-report analysis, one story at a time.

A story's facts, entities, quotes, summary and events are a pure function of its reports
and their stored analyses (`analyze_story`), so nothing is parsed again here, and stories
can be corroborated by the run's executor (worker processes, or a Dask cluster) while the
parent alone reads and writes the store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from storyline.config import Config
from storyline.errors import STOPS_A_RUN, describe_error
from storyline.models import Report, ReportAnalysis, StageFailure, StoryAnalysis
from storyline.pipeline.analysis import NLP_FEATURES
from storyline.pipeline.executor import Executor, LocalExecutor
from storyline.pipeline.stages import Progress, quiet
from storyline.store.protocol import Store

log = logging.getLogger(__name__)

# The stage name a story's corroboration failure is recorded under, on each of its reports.
CORROBORATE_STAGE = "corroborate"


def corroborate_stories(
    store: Store, story_ids: Sequence[str], progress: Progress = quiet, *, config: Config | None = None, executor: Executor | None = None
) -> int:
    """Recompute facts, entities, quotes and summary for each story, from stored per-report analysis.

    A story whose corroboration raises keeps its previous analysis; the failure is recorded
    on each of its reports (stage "corroborate") and the other stories go on. Returns the
    number of stories corroborated. With `config`, stories are spread over its
    `analyze.workers` processes when there are enough reports to keep them busy; with an
    `executor`, over that executor's workers.
    """
    executor = executor or LocalExecutor(config)
    claims = (config or Config()).encode.claims
    members = {story_id: store.story_report_ids(story_id) for story_id in story_ids}
    reports = sum(len(ids) for ids in members.values())
    workers = executor.workers(reports, len(members))
    # One local worker is this process; a cluster's one worker is still on the cluster.
    here = workers <= 1 and isinstance(executor, LocalExecutor)
    outcomes = _in_process(store, members, claims) if here else _in_workers(store, members, executor, workers, claims)
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


def analyze_story(
    story_id: str, reports: Sequence[Report], analyses: Mapping[str, ReportAnalysis], claims: str = "static"
) -> StoryAnalysis:
    """A story's analysis with its coded events: a pure function of its reports and their
    analyses. `claims` names the encoder that aligns claims in other words (`[encode] claims`)."""
    from storyline.corroborate import corroborate_story
    from storyline.encode.stage import choose_claim_encoder
    from storyline.events import code_story_events

    analysis = corroborate_story(story_id, reports, analyses, choose_claim_encoder(claims))
    return replace(analysis, events=code_story_events(story_id, reports, analyses, analysis.facts))


def _in_process(store: Store, members: dict[str, list[str]], claims: str) -> Iterator[tuple[str, str | None]]:
    """(story, None once its analysis is saved, or what went wrong) for each story, in order."""
    for story_id, report_ids in members.items():
        try:
            _corroborate_story(store, story_id, report_ids, claims)
        except STOPS_A_RUN:
            raise
        except Exception as exc:  # recorded on the story's reports; the other stories go on
            log.warning("corroborating story %s failed", story_id, exc_info=True)
            yield story_id, describe_error(exc)
        else:
            yield story_id, None


def _corroborate_story(store: Store, story_id: str, report_ids: list[str], claims: str) -> None:
    reports, stored = _inputs(store, report_ids)
    store.save_analysis(analyze_story(story_id, reports, _analyses(stored), claims))


def _in_workers(
    store: Store, members: dict[str, list[str]], executor: Executor, workers: int, claims: str
) -> Iterator[tuple[str, str | None]]:
    """(story, None once its analysis is saved, or what went wrong) for each story, the largest
    first so the workers finish together."""
    order = sorted(members, key=lambda story_id: -len(members[story_id]))
    tasks = ((story_id, *_inputs(store, members[story_id]), claims) for story_id in order)
    for story_id, outcome in zip(order, executor.map(_analyze_story_guarded, tasks, workers=workers)):
        if isinstance(outcome, str):
            yield story_id, outcome
        else:
            store.save_analysis(outcome)
            yield story_id, None


def _analyze_story_guarded(story_id: str, reports: list[Report], stored: dict[str, Any], claims: str) -> StoryAnalysis | str:
    """In a worker: the story's analysis, or what went wrong (the run's own failures are raised)."""
    try:
        return analyze_story(story_id, reports, _analyses(stored), claims)
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
