"""What every store offers: the `Store` protocol, and the records its queries return.

The pipeline, the views, the exports and the adapters are typed with `Store`, never with an
implementation, and no SQL lives outside `storyline.store`. The protocol is the union of a
few small ones, one per kind of data, so a backend (SQLite, PostgreSQL) can be
written and tested one part at a time; `tests/store/` runs the same suite against every
implementation.

- `ReportStore`: reports, stored once per id, searched in full text
- `FeatureStore`: derived per-report state (analyses, signatures, story features) and stage failures
- `StoryStore`: story membership, story rows, threads and splits
- `AnalysisStore`: each story's facts, entities, quotes, summary and coded events
- `Aggregates`: the counts the entity, outlet and story pages show
- `WatchStore`: what `storyline watch` remembers per feed and per entry
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, Self

from storyline.models import Event, Report, StageFailure, Story, StoryAnalysis

# Bounds on one search, in every store: a 100 KB query of 16,000 words took 11.6 s of CPU in
# SQLite (the any-word fallback grows with the square of the words), while real searches are
# a few words.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 32


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    """A report found by full-text search, with its score, a snippet and its story."""

    report: Report
    score: float
    snippet: str
    story: str = ""


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """Which coded events to return. Countries are ISO alpha-2 (as records hold them); empty means any.

    `party` matches either side (an actor page); `dyad` is two countries in either direction.
    `since` and `until` compare with the event's date as text, so "2018" matches a date of that year.
    """

    actor: str = ""
    target: str = ""
    party: str = ""
    dyad: tuple[str, str] | None = None
    plover: str = ""
    cameo: str = ""
    since: str = ""
    until: str = ""
    story: str = ""
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, kw_only=True)
class EntityCount:
    """An entity across stories: how many stories mention it, and how often."""

    id: str
    name: str
    kind: str
    country: str
    stories: int
    mentions: int


@dataclass(frozen=True, kw_only=True)
class OutletCount:
    """An outlet's stored reports and the publication dates of its first and last."""

    name: str
    reports: int
    first_published: str
    last_published: str


@dataclass(frozen=True, kw_only=True)
class FeedState:
    """HTTP validators of a feed's last complete poll, and when it was checked (ISO 8601)."""

    url: str
    etag: str = ""
    last_modified: str = ""
    checked: str = ""


class ReportStore(Protocol):
    """Reports as published, stored once per id, in arrival order."""

    def add_report(self, report: Report) -> bool:
        """Store a report; False when one with this id is already stored."""
    def get_report(self, report_id: str) -> Report | None: ...
    def get_reports(self, report_ids: Iterable[str]) -> list[Report]:
        """Reports in the order of `report_ids`, skipping unknown ids."""
    def iter_reports(self) -> Iterator[Report]:
        """Every report, in the order it was stored."""
    def list_reports(self, *, limit: int = 50, offset: int = 0, source: str = "") -> list[Report]:
        """Newest first (by publication date, then arrival)."""
    def count_reports(self) -> int: ...
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over titles and bodies, best match first; `QueryTooLarge` past the bounds."""


class FeatureStore(Protocol):
    """What stages derive per report, by kind ("nlp", "copies", "story", …), and their failures."""

    def put_features(self, report_id: str, kind: str, data: Any) -> None: ...
    def get_features(self, report_ids: Iterable[str], kind: str) -> dict[str, Any]:
        """Features of one kind for the given reports (missing ones are left out)."""
    def delete_features(self, report_ids: Iterable[str], kind: str) -> None: ...
    def iter_features(self, kind: str) -> Iterator[tuple[str, Any]]:
        """(report id, data) for every report with features of this kind, in arrival order."""
    def record_failure(self, report_id: str, failure: StageFailure) -> None:
        """Remember that `failure.stage` could not fully process this report (replacing an older record)."""
    def clear_failures(self, report_ids: Iterable[str], stage: str) -> None: ...
    def failures(self, report_ids: Iterable[str]) -> dict[str, list[StageFailure]]: ...


class StoryStore(Protocol):
    """Which story each report is in, the stories' summary rows, and the links between stories."""

    def pending_reports(self) -> list[Report]:
        """Stored reports not yet placed in a story (nor failed by the story stage), in arrival order."""
    def place_report(self, report_id: str, story: Story, *, copy_of: str = "", features: dict[str, Any] | None = None) -> None:
        """In one transaction: the report's copy link, features, story membership and the story's row."""
    def move_report(self, report_id: str, story_id: str) -> None: ...
    def drop_story(self, story_id: str) -> None: ...
    def save_story(self, story: Story) -> None: ...
    def story_report_ids(self, story_id: str) -> list[str]:
        """A story's reports, oldest published first."""
    def story_of(self, report_id: str) -> str:
        """The story of a report, "" while it has none."""
    def get_story(self, story_id: str) -> Story | None: ...
    def list_stories(
        self, *, limit: int = 50, offset: int = 0, source: str = "", since: str = "", until: str = "", entity: str = "",
        ids: Iterable[str] | None = None,
    ) -> list[Story]:
        """Stories ranked by independent sources, reports and recency, filtered."""
    def iter_stories(self) -> Iterator[Story]: ...
    def story_ids(self) -> list[str]:
        """Every story id, in id order."""
    def story_ids_by_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Ids of stories whose id starts with `prefix` (at most `limit`)."""
    def story_ids_by_report_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Stories of the reports whose id starts with `prefix` (at most `limit`)."""
    def latest_story_id(self) -> str: ...
    def count_stories(self) -> int: ...
    def add_split(self, kept: str, split: str) -> None: ...
    def iter_splits(self) -> Iterator[tuple[str, str]]: ...
    def add_thread(self, earlier: str, later: str) -> None: ...
    def update_lock(self) -> AbstractContextManager[None]:
        """Held while one process places pending reports; others wait their turn."""


class AnalysisStore(Protocol):
    """Each story's analysis, and its coded events as rows of their own."""

    def save_analysis(self, analysis: StoryAnalysis) -> None:
        """Replace a story's facts, entities, quotes, events and summary."""
    def get_analysis(self, story_id: str) -> StoryAnalysis | None: ...
    def query_events(self, query: EventQuery) -> list[Event]:
        """Coded events matching `query`, newest dated first (undated last), then by story and id."""
    def event_dyads(self, query: EventQuery) -> list[tuple[str, str, int, float]]:
        """(actor country, target country, events, mean Goldstein) of matching events, busiest first."""


class Aggregates(Protocol):
    """Counts across stories and reports, for the entity, outlet and story-list pages."""

    def report_dates(self, story_ids: list[str]) -> dict[str, list[str]]:
        """Publication dates of each story's reports, oldest first (undated reports left out)."""
    def list_entities(self, *, limit: int = 50, offset: int = 0, name: str = "") -> list[EntityCount]:
        """Entities by stories mentioning them, then mentions; `name` keeps those whose name contains it."""
    def get_entity(self, entity_id: str) -> EntityCount | None: ...
    def entity_timeline(self, entity_id: str) -> list[tuple[str, int]]:
        """(day, stories first seen that day) for the stories that mention the entity."""
    def list_outlets(self, *, limit: int = 100, offset: int = 0) -> list[OutletCount]:
        """Outlets by number of reports."""
    def get_outlet(self, name: str) -> OutletCount | None: ...
    def outlet_firsts(self, name: str) -> tuple[int, int]:
        """(stories the outlet covered, stories in which its report was the first published)."""


class WatchStore(Protocol):
    """What the feed poller remembers, so a restart neither re-ingests nor misses entries."""

    def load_feed_state(self, url: str) -> FeedState:
        """The saved state of a feed; an empty state for a feed never polled."""
    def save_feed_state(self, state: FeedState) -> None: ...
    def settled_entries(self, feed: str, entry_ids: Iterable[str]) -> set[str]:
        """The ids among `entry_ids` that need no further work."""
    def mark_entry_done(self, feed: str, entry_id: str) -> None: ...
    def record_entry_failure(self, feed: str, entry_id: str, *, give_up_after: int) -> int:
        """Count a failed attempt (settling the entry after `give_up_after`); the attempts so far."""


class Store(ReportStore, FeatureStore, StoryStore, AnalysisStore, Aggregates, WatchStore, Protocol):
    """Reports, their stories and the stories' analysis: what the pipeline, views and exports take.

    Open one with `storyline.store.open_store`; close it when done, or use it in a `with` block.
    """

    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
