"""Re-corroborating stories from the stored per-report analysis, one story at a time.

A story's facts, entities, quotes, summary and events are a pure function of its reports
and their stored analyses, so nothing is parsed again here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from storyline.errors import STOPS_A_RUN, describe_error
from storyline.models import StageFailure
from storyline.pipeline.stages import Progress, quiet
from storyline.store.protocol import Store

log = logging.getLogger(__name__)

# The stage name a story's corroboration failure is recorded under, on each of its reports.
CORROBORATE_STAGE = "corroborate"


def corroborate_stories(store: Store, story_ids: Sequence[str], progress: Progress = quiet) -> int:
    """Recompute facts, entities, quotes and summary for each story, from stored per-report analysis.

    A story whose corroboration raises keeps its previous analysis; the failure is recorded
    on each of its reports (stage "corroborate") and the other stories go on. Returns the
    number of stories corroborated.
    """
    done = 0
    for position, story_id in enumerate(story_ids, start=1):
        report_ids = store.story_report_ids(story_id)
        try:
            _corroborate_story(store, story_id, report_ids)
        except STOPS_A_RUN:
            raise
        except Exception as exc:  # recorded on the story's reports; the other stories go on
            log.warning("corroborating story %s failed", story_id, exc_info=True)
            failure = StageFailure(stage=CORROBORATE_STAGE, reason="error", message=f"story {story_id}: {describe_error(exc)}")
            for report_id in report_ids:
                store.record_failure(report_id, failure)
        else:
            store.clear_failures(report_ids, CORROBORATE_STAGE)
            done += 1
        progress("corroborate", position, len(story_ids))
    return done


def _corroborate_story(store: Store, story_id: str, report_ids: list[str]) -> None:
    from storyline.analyze import ReportAnalysis
    from storyline.corroborate import corroborate_story
    from storyline.events import code_story_events

    reports = store.get_reports(report_ids)
    analyses = {rid: ReportAnalysis.from_dict(data) for rid, data in store.get_features(report_ids, "nlp").items()}
    analysis = corroborate_story(story_id, reports, analyses)
    events = code_story_events(story_id, reports, analyses, analysis.facts)
    store.save_analysis(replace(analysis, events=events))
