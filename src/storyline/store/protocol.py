"""What every store offers. The SQLite store is the default; tests use it in memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.models import Event, Report, Story, StoryAnalysis


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


class Store(Protocol):
    """Reports, their stories and the stories' analysis, behind one small interface."""

    def add_report(self, report: Report) -> bool: ...
    def get_reports(self, report_ids: Iterable[str]) -> list[Report]: ...
    def iter_reports(self) -> Iterator[Report]: ...
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...
    def pending_reports(self) -> list[Report]: ...
    def place_report(self, report_id: str, story: Story, *, copy_of: str = "", features: dict[str, Any] | None = None) -> None: ...
    def get_story(self, story_id: str) -> Story | None: ...
    def list_stories(self, *, limit: int = 50, offset: int = 0) -> list[Story]: ...
    def iter_stories(self) -> Iterator[Story]: ...
    def save_analysis(self, analysis: StoryAnalysis) -> None: ...
    def get_analysis(self, story_id: str) -> StoryAnalysis | None: ...
    def query_events(self, query: EventQuery) -> list[Event]: ...
    def close(self) -> None: ...
