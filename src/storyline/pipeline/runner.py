"""The runner: `ingest` stores what the sources hold, then `update` places and corroborates it.

    sources ─► read ─► clean ─► store                  (one transaction per report)
    pending reports ─► analyze ─► copies ─► stories ─► corroborate ─► events

`ingest` is the one call every adapter makes (the CLI's `ingest` and `watch`, the API's
jobs, `Database.ingest`). Storing comes first and placing second, and `update` places every
stored report that has no story yet, so a run killed half-way is finished by the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean.report import clean_document
from storyline.config import Config
from storyline.errors import ENVIRONMENT_ERRORS, Reason, RejectedInput, describe_error
from storyline.ingest import read_paths
from storyline.models import RawDocument, Rejection, Report
from storyline.pipeline.analysis import analyze_stored
from storyline.pipeline.background import Background
from storyline.pipeline.corroboration import corroborate_stories
from storyline.pipeline.executor import Executor, open_executor
from storyline.pipeline.stages import Progress, quiet
from storyline.store.protocol import Store

log = logging.getLogger(__name__)

Source = str | Path | RawDocument | Rejection
"""What `ingest` reads: a file or folder, an http(s) URL (a str with "://"), or a document already read."""

# Stored reports analysed per batch when every report is analysed again.
_REANALYZE_BATCH = 256


@dataclass(kw_only=True)
class IngestResult:
    """What storing did: counts, the rejected inputs with reasons, and the ids it stored."""

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


@dataclass(frozen=True, kw_only=True)
class IngestRun:
    """What `ingest` did: the reports it stored (or rejected), then the update that placed them."""

    ingested: IngestResult
    updated: UpdateResult


def ingest(
    store: Store, sources: Iterable[Source], config: Config | None = None, progress: Progress = quiet, *, executor: Executor | None = None
) -> IngestRun:
    """Store every report the sources hold, then place and corroborate every pending report.

    Files and folders are read within `config.ingest`'s limits, URLs are fetched (pages and
    feeds), documents already read are cleaned and stored as they are. A source that cannot
    be read is a rejection in the result, never an exception. Reports are analysed and
    stories corroborated by `executor`, or by the one `config.executor` names.
    """
    config = config or Config()
    ingested = ingest_documents(store, read_sources(sources, config), progress)
    return IngestRun(ingested=ingested, updated=update(store, config, progress, executor=executor))


def read_sources(sources: Iterable[Source], config: Config) -> Iterator[RawDocument | Rejection]:
    """The documents of each source in the order given: files and folders first, then URLs, per run of each kind."""
    paths: list[Path] = []
    urls: list[str] = []
    for source in sources:
        if isinstance(source, str) and "://" in source:
            urls.append(source)
        elif isinstance(source, str | Path):
            paths.append(Path(source))
        else:
            yield from _flush(paths, urls, config)
            yield source
    yield from _flush(paths, urls, config)


def _flush(paths: list[Path], urls: list[str], config: Config) -> Iterator[RawDocument | Rejection]:
    """Read the paths, then fetch the URLs, gathered so far (and forget them)."""
    if paths:
        yield from read_paths(list(paths), config.ingest)
        paths.clear()
    if urls:
        from storyline.ingest.url import read_urls

        yield from read_urls(list(urls), config.ingest)
        urls.clear()


def ingest_documents(store: Store, documents: Iterable[RawDocument | Rejection], progress: Progress = quiet) -> IngestResult:
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


def ingest_paths(store: Store, paths: Sequence[Path], progress: Progress = quiet, *, config: Config | None = None) -> IngestResult:
    """Read files and folders (recursively) and store every report found, within `config.ingest`'s limits."""
    return ingest_documents(store, read_paths(paths, (config or Config()).ingest), progress)


def update(store: Store, config: Config | None = None, progress: Progress = quiet, *, executor: Executor | None = None) -> UpdateResult:
    """Place pending reports in stories (with copy detection), then re-corroborate changed stories.

    One process at a time updates a store (`update_lock`); a second waits, then finds only
    what is still pending, so two ingests into one store never place a report twice.
    """
    with store.update_lock():
        return _update(store, config or Config(), progress, executor)


def _update(store: Store, config: Config, progress: Progress, given: Executor | None) -> UpdateResult:
    pending = store.pending_reports()
    result = UpdateResult()
    if not pending:
        return result
    from storyline.pipeline.placement import encode_pending, place_reports

    with open_executor(config, given) as executor:
        # The encoder reads only the reports' text: it runs while the workers parse them.
        meanings = Background(lambda: encode_pending(pending, config))
        analyses = analyze_stored(store, pending, config, progress, executor, workers_started=meanings.start)
        placed = place_reports(store, pending, analyses, config, progress, meanings=meanings.result())
        result.placed = len(pending)
        result.copies = placed.copies
        result.stories_touched = placed.stories
        if config.analyze.enabled:
            result.analyzed = corroborate_stories(store, placed.stories, progress, config=config, executor=executor)
    return result


def reanalyze(store: Store, config: Config | None = None, progress: Progress = quiet, *, executor: Executor | None = None) -> UpdateResult:
    """Analyse every stored report again and re-corroborate every story.

    For a new version of the analysis (or of the model): placed reports keep their stories;
    only the per-report analysis and each story's facts are recomputed.
    """
    config = config or Config()
    result = UpdateResult()
    if not config.analyze.enabled:
        return result
    with store.update_lock(), open_executor(config, executor) as running:
        return _reanalyze(store, config, progress, result, running)


def _reanalyze(store: Store, config: Config, progress: Progress, result: UpdateResult, executor: Executor) -> UpdateResult:
    batch: list[Report] = []
    for report in store.iter_reports():
        batch.append(report)
        if len(batch) >= _REANALYZE_BATCH:
            analyze_stored(store, batch, config, progress, executor)
            batch = []
    if batch:
        analyze_stored(store, batch, config, progress, executor)
    story_ids = store.story_ids()
    result.stories_touched = story_ids
    result.analyzed = corroborate_stories(store, story_ids, progress, config=config, executor=executor)
    return result
