"""The stages in order, and the runner that applies them to a store.

    read ─► clean ─► store          (ingest: one transaction per report)
    pending reports ─► analyze ─► copies ─► stories ─► corroborate   (update)

Each stage is a plain function over records. `ingest` only stores; `update` places every
stored report that has no story yet, so a run killed half-way is finished by the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean.report import clean_document
from storyline.config import Config
from storyline.errors import ENVIRONMENT_ERRORS, STOPS_A_RUN, Reason, RejectedInput, describe_error
from storyline.ingest import read_paths
from storyline.models import RawDocument, Rejection, Report, StageFailure
from storyline.store.sqlite import SqliteStore

log = logging.getLogger(__name__)

# The stage name a story's corroboration failure is recorded under, on each of its reports.
CORROBORATE_STAGE = "corroborate"

@dataclass(frozen=True, kw_only=True)
class Stage:
    """One stage's contract: the function that runs it, what it needs and what it adds."""

    name: str
    function: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(name="read", function="storyline.ingest.read_paths", needs=("files, folders, URLs",),
          adds=("RawDocument (text, format metadata)", "Rejection (typed reason)")),
    Stage(name="clean", function="storyline.clean.report.clean_document", needs=("RawDocument",),
          adds=("Report.id", "title", "body", "source", "dateline", "credits", "cited_outlets", "furniture", "language")),
    Stage(name="store", function="storyline.store.sqlite.SqliteStore.add_report", needs=("Report",),
          adds=("stored report (once per id)",)),
    Stage(name="analyze", function="storyline.analyze.analyze_reports", needs=("Report.body", "Report.published"),
          adds=("ReportAnalysis: sentences, entities, mentions, quotes, propositions",)),
    Stage(name="copies", function="storyline.copies.CopyIndex.add", needs=("Report.body", "Report.published"),
          adds=("Report.copy_of",)),
    Stage(name="stories", function="storyline.stories.StoryClusterer.add", needs=("Report", "entity names"),
          adds=("Story membership", "headline", "thread links")),
    Stage(name="corroborate", function="storyline.corroborate.corroborate_story", needs=("Story", "Report", "ReportAnalysis"),
          adds=("StoryAnalysis: facts with status and support, entities, quotes, summary",)),
    Stage(name="events", function="storyline.events.code_story_events", needs=("ReportAnalysis", "Fact"),
          adds=("Event: CAMEO and PLOVER type, QuadClass, Goldstein, actors with countries, sources",)),
)
"""The stages in the order `ingest_paths` and `update` run them."""

Progress = Callable[[str, int, int | None], None]
"""Called as progress(stage, done, total) so an adapter can draw a bar; the library never prints."""


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


@dataclass(kw_only=True)
class IngestResult:
    """What an ingest run did: counts, the rejected inputs with reasons, and the ids it stored."""

    stored: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "rejected": [{"path": r.path, "reason": r.reason, "message": r.message} for r in self.rejected],
        }


@dataclass(kw_only=True)
class UpdateResult:
    """What an update run did."""

    placed: int = 0
    copies: int = 0
    stories_touched: list[str] = field(default_factory=list)
    analyzed: int = 0


def ingest_documents(store: SqliteStore, documents: Iterable[RawDocument | Rejection], progress: Progress = _quiet) -> IngestResult:
    """Clean and store each document; rejections are collected, never raised."""
    result = IngestResult()
    for done, item in enumerate(documents, start=1):
        if isinstance(item, Rejection):
            result.rejected.append(item)
            continue
        try:
            report = clean_document(item)
            if not report.body.strip():
                raise RejectedInput(item.origin, Reason.NO_ARTICLE, "no body text left once page furniture is removed")
        except RejectedInput as exc:
            result.rejected.append(Rejection(path=exc.path, reason=exc.reason.value, message=exc.message))
            continue
        except ENVIRONMENT_ERRORS:
            raise
        except Exception as exc:  # a document cleaning cannot handle is rejected; the batch goes on
            log.warning("cleaning %s failed", item.origin, exc_info=True)
            result.rejected.append(Rejection(path=item.origin, reason=Reason.UNREADABLE.value, message=f"cannot clean: {describe_error(exc)}"))
            continue
        if store.add_report(report):
            result.stored += 1
            result.report_ids.append(report.id)
        else:
            result.duplicates += 1
        progress("ingest", done, None)
    return result


def ingest_paths(store: SqliteStore, paths: Sequence[Path], progress: Progress = _quiet, *, config: Config | None = None) -> IngestResult:
    """Read files and folders (recursively) and store every report found, within `config.ingest`'s limits."""
    return ingest_documents(store, read_paths(paths, (config or Config()).ingest), progress)


def update(store: SqliteStore, config: Config | None = None, progress: Progress = _quiet) -> UpdateResult:
    """Place pending reports in stories (with copy detection), then re-corroborate changed stories.

    One process at a time updates a store (`SqliteStore.update_lock`); a second waits, then
    finds only what is still pending, so two ingests into one store never place a report twice.
    """
    with store.update_lock():
        return _update(store, config or Config(), progress)


def _update(store: SqliteStore, config: Config, progress: Progress) -> UpdateResult:
    pending = store.pending_reports()
    result = UpdateResult()
    if not pending:
        return result
    analyses = _analyze(store, pending, config, progress)
    from storyline.placement import place_reports

    placed = place_reports(store, pending, analyses, config, progress)
    result.placed = len(pending)
    result.copies = placed.copies
    result.stories_touched = placed.stories
    if config.analyze.enabled:
        result.analyzed = corroborate_stories(store, placed.stories, progress)
    return result


def reanalyze(store: SqliteStore, config: Config | None = None, progress: Progress = _quiet) -> UpdateResult:
    """Analyse every stored report again and re-corroborate every story.

    For a new version of the analysis (or of the model): placed reports keep their stories;
    only the per-report analysis and each story's facts are recomputed.
    """
    config = config or Config()
    result = UpdateResult()
    if not config.analyze.enabled:
        return result
    with store.update_lock():
        return _reanalyze(store, config, progress, result)


def _reanalyze(store: SqliteStore, config: Config, progress: Progress, result: UpdateResult) -> UpdateResult:
    batch: list[Report] = []
    for report in store.iter_reports():
        batch.append(report)
        if len(batch) >= 256:
            _analyze(store, batch, config, progress)
            batch = []
    if batch:
        _analyze(store, batch, config, progress)
    story_ids = [row[0] for row in store.execute("SELECT id FROM stories ORDER BY id")]
    result.stories_touched = story_ids
    result.analyzed = corroborate_stories(store, story_ids, progress)
    return result


def _analyze(store: SqliteStore, reports: Sequence[Report], config: Config, progress: Progress) -> dict[str, Any]:
    """NLP per report, once: results are persisted as the report's "nlp" features.

    A report too large to analyse whole is analysed in its leading piece and one that makes
    the analysis raise is left without; either is recorded as the report's "analyze"
    failure (see `storyline.analyze.guard`) and the run goes on.
    """
    if not config.analyze.enabled:
        return {}
    from storyline.analyze import load_nlp
    from storyline.analyze.guard import STAGE, analyze_guarded

    nlp = load_nlp()
    results: dict[str, Any] = {}
    batch = config.analyze.batch_size * 8
    for start in range(0, len(reports), batch):
        chunk = reports[start : start + batch]
        succeeded: list[str] = []
        for outcome in analyze_guarded(chunk, nlp, max_chars=config.analyze.max_chars, batch_size=config.analyze.batch_size):
            if outcome.analysis is not None:
                store.put_features(outcome.report, "nlp", outcome.analysis.to_dict())
                results[outcome.report] = outcome.analysis
            if outcome.failure is not None:
                store.record_failure(outcome.report, outcome.failure)
            else:
                succeeded.append(outcome.report)
        store.clear_failures(succeeded, STAGE)
        progress("analyze", min(start + batch, len(reports)), len(reports))
    return results


def corroborate_stories(store: SqliteStore, story_ids: Sequence[str], progress: Progress = _quiet) -> int:
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


def _corroborate_story(store: SqliteStore, story_id: str, report_ids: list[str]) -> None:
    from dataclasses import replace

    from storyline.analyze import ReportAnalysis
    from storyline.corroborate import corroborate_story
    from storyline.events import code_story_events

    reports = store.get_reports(report_ids)
    analyses = {rid: ReportAnalysis.from_dict(data) for rid, data in store.get_features(report_ids, "nlp").items()}
    analysis = corroborate_story(story_id, reports, analyses)
    events = code_story_events(story_id, reports, analyses, analysis.facts)
    store.save_analysis(replace(analysis, events=events))
