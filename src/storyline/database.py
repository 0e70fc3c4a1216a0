"""The Python API: one object over a store, returning the typed records of `storyline.models`.

    import storyline
    with storyline.open("news.db") as db:
        db.ingest("reports/")
        for story in db.stories(limit=5):
            print(story.headline, db.facts(story.id))

Every method is one call into the library the CLI, the REST API and the web pages use, so a
notebook sees what `storyline show --json` shows, as dataclasses instead of dicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from storyline import views
from storyline.config import Config
from storyline.errors import UsageError
from storyline.models import FACT_STATUSES, Event, Fact, Report, Story, StoryAnalysis
from storyline.store import SearchHit, Store, open_store


@dataclass(frozen=True, kw_only=True)
class Ingested:
    """What `Database.ingest` did: reports stored, already stored, rejected (with reasons), stories changed."""

    stored: int
    duplicates: int
    rejected: tuple[str, ...]
    stories: tuple[str, ...]


class Database:
    """A storyline store opened for reading and ingesting. Close it (or use `with`) when done."""

    def __init__(self, location: str | Path | None = None, *, config: Config | None = None) -> None:
        self.store: Store = open_store(location)
        self.config = config or Config()

    def ingest(self, *paths: str | Path) -> Ingested:
        """Read files and folders, store their reports, place them in stories and corroborate those stories.

        Inputs that cannot be read are not raised: each comes back in `rejected` as
        "path: reason: message", and the rest are stored.
        """
        from storyline.pipeline import ingest

        run = ingest(self.store, [Path(p) for p in paths], self.config)
        result, updated = run.ingested, run.updated
        return Ingested(
            stored=result.stored,
            duplicates=result.duplicates,
            rejected=tuple(f"{r.path}: {r.reason}: {r.message}" for r in result.rejected),
            stories=tuple(updated.stories_touched),
        )

    def stories(self, *, limit: int = 50, offset: int = 0, source: str = "", since: str = "", until: str = "") -> list[Story]:
        """Stories ranked by independent sources, reports and recency; filters as `storyline stories`."""
        return self.store.list_stories(limit=limit, offset=offset, source=source, since=since, until=until)

    def story(self, ref: str) -> Story:
        """One story by id, unique id prefix, or the id of one of its reports; UsageError when none."""
        story = self.store.get_story(views.resolve_story_id(self.store, ref))
        if story is None:
            raise UsageError(f"no story with id {ref!r}")
        return story

    def analysis(self, ref: str) -> StoryAnalysis:
        """A story's facts, entities, quotes, events and summary (empty until it is corroborated)."""
        story = self.story(ref)
        return self.store.get_analysis(story.id) or StoryAnalysis(story=story.id)

    def reports(self, story: str = "") -> list[Report]:
        """A story's reports (oldest first), or every stored report in arrival order."""
        if story:
            return self.store.get_reports(self.story(story).reports)
        return list(self.store.iter_reports())

    def facts(self, story: str = "", *, status: str = "") -> list[Fact]:
        """Facts of one story, or of every story, in reading order (the lead, facts several
        outlets state, then single-source ones ranked, those marked `folded` minor); `status`
        keeps corroborated, single-source or conflicting ones."""
        if status and status not in FACT_STATUSES:
            raise UsageError(f"unknown fact status {status!r}; one of {', '.join(FACT_STATUSES)}")
        stories = [self.story(story)] if story else self.store.iter_stories()
        return [fact for s in stories for fact in self._facts_of(s.id) if not status or fact.status == status]

    def events(
        self, *, actor: str = "", target: str = "", type: str = "", since: str = "", until: str = "", story: str = "",
        limit: int = 100, offset: int = 0,
    ) -> list[Event]:
        """Coded events across stories, as `storyline events`: countries ISO alpha-3 or alpha-2,
        `type` a PLOVER type (ACCUSE) or CAMEO code prefix, dates ISO."""
        query = views.event_query(actor=actor, target=target, kind=type, since=since, until=until,
                                  story=self.story(story).id if story else "", limit=limit, offset=offset)
        return self.store.query_events(query)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over report titles and bodies, best match first (each hit names its story)."""
        return self.store.search(query, limit=limit, offset=offset)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Story]:
        """Every story, ranked as `stories` ranks them."""
        return self.store.iter_stories()

    def _facts_of(self, story_id: str) -> tuple[Fact, ...]:
        analysis = self.store.get_analysis(story_id)
        return analysis.facts if analysis else ()


def open_database(location: str | Path | None = None, *, config: Config | None = None) -> Database:
    """Open (creating if needed) the store at `location` ($STORYLINE_DB or ./storyline.db by default)."""
    return Database(location, config=config)
