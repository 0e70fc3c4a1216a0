"""Polling feeds on an interval and ingesting only what is new.

Each poll is a conditional GET (If-None-Match / If-Modified-Since from the last complete
poll); a changed feed has its unseen entries read, fetched and stored. What was seen is
kept in the store (`WatchStore`), so stopping and restarting neither
re-ingests nor misses entries. The documents of a poll go through `pipeline.ingest` in one
call (stored, then placed in stories), and only then are their entries marked as settled.
A failing feed is retried with exponential back-off; no error ends the loop, only
`stop_event` does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline.config import Config
from storyline.decoding import GZIP_MAGIC, gunzip_limited
from storyline.errors import Reason, RejectedInput
from storyline.ingest.feed import FeedEntry, entry_documents, parse_feed
from storyline.ingest.fetch import FetchedResource, Fetcher, utc_now
from storyline.ingest.formats import Format
from storyline.ingest.url import read_resource, response_format
from storyline.models import RawDocument, Rejection
from storyline.pipeline.runner import ingest
from storyline.store.protocol import FeedState, Store

log = logging.getLogger(__name__)

# First retry delay after a failed poll; it doubles with each further failure.
DEFAULT_BACKOFF_SECONDS = 30.0
# Longest wait between retries of a failing feed.
MAX_BACKOFF_SECONDS = 3600.0
# Failed attempts after which an entry's page is given up on (it may never come back).
MAX_ENTRY_ATTEMPTS = 5
# Rejections that may go away on a later attempt; other rejections settle the entry.
TRANSIENT_REASONS = frozenset({Reason.TIMEOUT.value, Reason.HTTP_ERROR.value, Reason.TRUNCATED.value, Reason.BAD_URL.value})


@dataclass(kw_only=True)
class PollResult:
    """What one poll of one source did. `status` is "new", "unchanged" or "failed"; `stories` it changed."""

    source: str
    status: str
    new_entries: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    error: str = ""
    retry_in: float = 0.0


@dataclass(kw_only=True)
class WatchSummary:
    """Totals over a whole watch run."""

    polls: int = 0
    failures: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0


def watch(
    sources: Sequence[str],
    every_seconds: float,
    store: Store,
    config: Config | None = None,
    stop_event: threading.Event | None = None,
    *,
    on_poll: Callable[[PollResult], None] | None = None,
    backoff_seconds: float = DEFAULT_BACKOFF_SECONDS,
    max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
) -> WatchSummary:
    """Poll every source each `every_seconds` until `stop_event` is set; return the totals.

    New reports are stored and placed in stories with `config`'s options (`config.ingest`
    for fetching). `on_poll` is called after each poll (to report progress); an exception
    it raises is logged like any other poll error.
    """
    if every_seconds <= 0:
        raise ValueError(f"every_seconds must be positive, got {every_seconds}")
    config = config or Config()
    stop = stop_event or threading.Event()
    summary = WatchSummary()
    due = dict.fromkeys(sources, time.monotonic())
    failures = dict.fromkeys(sources, 0)
    with Fetcher(config.ingest) as fetcher:
        while not stop.is_set() and due:
            for source in due:
                if stop.is_set():
                    break
                if due[source] > time.monotonic():
                    continue
                try:
                    result = poll_source(source, store, fetcher, config, stop)
                    failures[source] = 0
                    due[source] = time.monotonic() + every_seconds
                except RejectedInput as exc:
                    result = _failed(source, exc.message, failures, backoff_seconds, max_backoff_seconds)
                    due[source] = time.monotonic() + result.retry_in
                    log.warning("%s: poll failed (%s); retrying in %.0f s", source, exc.message, result.retry_in)
                except Exception as exc:  # a poll may fail in any way (store, parser, bug); the loop goes on
                    result = _failed(source, f"{type(exc).__name__}: {exc}", failures, backoff_seconds, max_backoff_seconds)
                    due[source] = time.monotonic() + result.retry_in
                    log.warning("%s: poll failed; retrying in %.0f s", source, result.retry_in, exc_info=True)
                _count(summary, result)
                _notify(on_poll, result)
            stop.wait(max(0.0, min(due.values()) - time.monotonic()))
    return summary


def poll_source(source: str, store: Store, fetcher: Fetcher, config: Config, stop: threading.Event | None = None) -> PollResult:
    """One conditional poll of a feed (or page); raises `RejectedInput` when the source itself fails."""
    state = store.load_feed_state(source)
    resource = fetcher.fetch(source, etag=state.etag, last_modified=state.last_modified)
    if resource.not_modified:
        store.save_feed_state(FeedState(url=source, etag=state.etag, last_modified=state.last_modified, checked=utc_now()))
        return PollResult(source=source, status="unchanged")
    data = resource.body
    name = resource.url.rsplit("/", 1)[-1]
    if data.startswith(GZIP_MAGIC):
        data = gunzip_limited(data, fetcher.options.max_file_bytes, source)
    if response_format(data, name, resource.content_type) is not Format.FEED:
        result = PollResult(source=source, status="new", new_entries=1)
        _ingest(store, list(read_resource(resource, source, fetcher)), config, result)
        _save_validators(store, source, resource)
        return result
    return _poll_feed(source, data, resource, store, fetcher, config, stop)


def _poll_feed(
    source: str, data: bytes, resource: FetchedResource, store: Store, fetcher: Fetcher, config: Config,
    stop: threading.Event | None,
) -> PollResult:
    feed = parse_feed(data, source)
    settled = store.settled_entries(source, (entry.id for entry in feed.entries))
    # Feeds list the newest first; storing the oldest first keeps arrival order meaningful.
    fresh = [entry for entry in reversed(feed.entries) if entry.id not in settled]
    result = PollResult(source=source, status="new", new_entries=len(fresh))
    complete = True
    stopped = False
    read: list[str] = []
    documents: list[RawDocument | Rejection] = []
    for entry in fresh:
        if stop is not None and stop.is_set():
            stopped = True
            break
        items = _read_entry(entry, source, store, fetcher)
        if items is None:
            complete = False
            continue
        read.append(entry.id)
        documents.extend(items)
    _ingest(store, documents, config, result)
    for entry_id in read:
        store.mark_entry_done(source, entry_id)
    if stopped:
        return result
    if feed.problem is not None:
        result.rejected.append(feed.problem)
    if complete:
        _save_validators(store, source, resource)
    else:
        # An entry will be retried: the next poll must see the whole feed, not a 304.
        store.save_feed_state(FeedState(url=source, checked=utc_now()))
    return result


def _read_entry(entry: FeedEntry, source: str, store: Store, fetcher: Fetcher) -> list[RawDocument | Rejection] | None:
    """The documents of one entry (its rejections included); None when it failed in a way worth retrying later."""
    items = entry_documents(entry, source, fetcher)
    transient = [item for item in items if isinstance(item, Rejection) and item.reason in TRANSIENT_REASONS]
    if transient:
        attempts = store.record_entry_failure(source, entry.id, give_up_after=MAX_ENTRY_ATTEMPTS)
        if attempts < MAX_ENTRY_ATTEMPTS:
            log.info("%s: entry %s failed (%s); attempt %d of %d", source, entry.id, transient[0].message, attempts, MAX_ENTRY_ATTEMPTS)
            return None
        return list(transient)
    return items


def _ingest(store: Store, items: list[RawDocument | Rejection], config: Config, result: PollResult) -> None:
    """Store and place the documents of a poll, in one `ingest` call."""
    if not items:
        return
    run = ingest(store, items, config)
    result.stored += run.ingested.stored
    result.duplicates += run.ingested.duplicates
    result.rejected.extend(run.ingested.rejected)
    result.report_ids.extend(run.ingested.report_ids)
    result.stories.extend(s for s in run.updated.stories_touched if s not in result.stories)


def _save_validators(store: Store, source: str, resource: FetchedResource) -> None:
    store.save_feed_state(FeedState(url=source, etag=resource.etag, last_modified=resource.last_modified, checked=utc_now()))


def _failed(source: str, message: str, failures: dict[str, int], backoff: float, longest: float) -> PollResult:
    """Count one more consecutive failure of `source`; its retry delay doubles each time."""
    failures[source] += 1
    delay = min(longest, backoff * 2 ** (failures[source] - 1))
    return PollResult(source=source, status="failed", error=message, retry_in=delay)


def _count(summary: WatchSummary, result: PollResult) -> None:
    summary.polls += 1
    summary.failures += result.status == "failed"
    summary.stored += result.stored
    summary.duplicates += result.duplicates
    summary.rejected += len(result.rejected)


def _notify(on_poll: Callable[[PollResult], None] | None, result: PollResult) -> None:
    if on_poll is None:
        return
    try:
        on_poll(result)
    except Exception:  # a failing callback is one more poll error, never the end of the loop
        log.warning("%s: handling the poll result failed", result.source, exc_info=True)


def parse_duration(text: str) -> float:
    """Seconds in a duration such as "90", "30s", "15m", "1h" or "1d"."""
    units = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
    value = text.strip().lower()
    factor = units.get(value[-1:], 0.0)
    number = value[:-1] if factor else value
    factor = factor or 1.0
    try:
        seconds = float(number) * factor
    except ValueError:
        raise ValueError(f"not a duration: {text!r} (try 30s, 15m or 1h)") from None
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return seconds
