"""The PostgreSQL store's counts across stories and reports, and the feed poller's memory.

The same answers as `SqliteAggregates` and `SqliteWatchState`, in PostgreSQL's dialect:
id lists are bound as arrays (`= ANY(%s)`), a name filter is ILIKE (SQLite's LIKE ignores
ASCII case), and an entry failure is counted and read back in one statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline.store.postgres_base import PostgresBase
from storyline.store.protocol import EntityCount, FeedState, OutletCount
from storyline.store.rows import like_escape

_ENTITY_COLUMNS = (
    "SELECT entity_id, max(name) AS name, max(kind) AS kind, max(country) AS country,"
    " count(DISTINCT story_id) AS stories, sum(mentions) AS mentions FROM story_entities"
)


class PostgresAggregates(PostgresBase):
    """`Aggregates` over the tables of `storyline.store.postgres_schema`."""

    def report_dates(self, story_ids: list[str]) -> dict[str, list[str]]:
        """Publication dates of each story's reports, oldest first (undated reports left out)."""
        dates: dict[str, list[str]] = {sid: [] for sid in story_ids}
        rows = self.rows(
            "SELECT sr.story_id, r.published FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
            " WHERE sr.story_id = ANY(%s) AND r.published != '' ORDER BY r.published",
            (list(story_ids),),
        )
        for row in rows:
            dates[row["story_id"]].append(row["published"])
        return dates

    def list_entities(self, *, limit: int = 50, offset: int = 0, name: str = "") -> list[EntityCount]:
        """Entities by stories mentioning them, then mentions; `name` keeps those whose name contains it."""
        where, args = ("WHERE name ILIKE %s", ["%" + like_escape(name) + "%"]) if name else ("", [])
        rows = self.rows(
            f"{_ENTITY_COLUMNS} {where} GROUP BY entity_id ORDER BY stories DESC, mentions DESC, entity_id LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [_entity(row) for row in rows]

    def get_entity(self, entity_id: str) -> EntityCount | None:
        row = self.row(f"{_ENTITY_COLUMNS} WHERE entity_id = %s GROUP BY entity_id", (entity_id,))
        return _entity(row) if row else None

    def entity_timeline(self, entity_id: str) -> list[tuple[str, int]]:
        """(day, stories first seen that day) for the stories that mention the entity."""
        rows = self.rows(
            "SELECT substr(s.first_seen, 1, 10) AS day, count(*) AS n FROM story_entities e JOIN stories s ON s.id = e.story_id"
            " WHERE e.entity_id = %s AND s.first_seen != '' GROUP BY day ORDER BY day",
            (entity_id,),
        )
        return [(row["day"], int(row["n"])) for row in rows]

    def list_outlets(self, *, limit: int = 100, offset: int = 0) -> list[OutletCount]:
        """Outlets by number of reports."""
        rows = self.rows(
            "SELECT source, count(*) AS reports, min(published) AS first, max(published) AS last FROM reports"
            " WHERE source != '' GROUP BY source ORDER BY reports DESC, source LIMIT %s OFFSET %s",
            (limit, offset),
        )
        return [OutletCount(name=r["source"], reports=int(r["reports"]), first_published=r["first"], last_published=r["last"])
                for r in rows]

    def get_outlet(self, name: str) -> OutletCount | None:
        row = self.row("SELECT count(*) AS n, min(published) AS first, max(published) AS last FROM reports WHERE source = %s",
                       (name,))
        if row is None or not row["n"]:
            return None
        return OutletCount(name=name, reports=int(row["n"]), first_published=row["first"], last_published=row["last"])

    def outlet_firsts(self, name: str) -> tuple[int, int]:
        """(stories the outlet covered, stories in which its report was the first published)."""
        row = self.row(
            "SELECT count(*) AS covered, count(*) FILTER (WHERE first_mine = first_all) AS first FROM ("
            " SELECT min(r.published) AS first_all, min(CASE WHEN r.source = %s THEN r.published END) AS first_mine"
            " FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
            " WHERE sr.story_id IN (SELECT sr2.story_id FROM story_reports sr2 JOIN reports r2 ON r2.id = sr2.report_id"
            " WHERE r2.source = %s) GROUP BY sr.story_id) AS per_story",
            (name, name),
        )
        return (int(row["covered"]), int(row["first"])) if row else (0, 0)


class PostgresWatchState(PostgresBase):
    """`WatchStore` over the watch_feeds and watch_entries tables (see `storyline.store.watch_state` for the why)."""

    def load_feed_state(self, url: str) -> FeedState:
        """The saved state of a feed; an empty state for a feed never polled."""
        row = self.row("SELECT etag, last_modified, checked FROM watch_feeds WHERE url = %s", (url,))
        if row is None:
            return FeedState(url=url)
        return FeedState(url=url, etag=row["etag"], last_modified=row["last_modified"], checked=row["checked"])

    def save_feed_state(self, state: FeedState) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO watch_feeds (url, etag, last_modified, checked) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
                " checked = excluded.checked",
                (state.url, state.etag, state.last_modified, state.checked),
            )

    def settled_entries(self, feed: str, entry_ids: Iterable[str]) -> set[str]:
        """The ids among `entry_ids` that need no further work."""
        rows = self.rows("SELECT entry_id FROM watch_entries WHERE feed = %s AND done AND entry_id = ANY(%s)",
                         (feed, list(dict.fromkeys(entry_ids))))
        return {row["entry_id"] for row in rows}

    def mark_entry_done(self, feed: str, entry_id: str) -> None:
        """Record that an entry was ingested (or rejected for good) and must not be read again."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO watch_entries (feed, entry_id, done) VALUES (%s, %s, true)"
                " ON CONFLICT (feed, entry_id) DO UPDATE SET done = true, updated = now()",
                (feed, entry_id),
            )

    def record_entry_failure(self, feed: str, entry_id: str, *, give_up_after: int) -> int:
        """Count a failed attempt; the entry is settled once `give_up_after` attempts have failed.

        Returns the number of failed attempts so far.
        """
        with self.transaction() as db:
            row: dict[str, Any] | None = db.execute(
                "INSERT INTO watch_entries AS w (feed, entry_id, attempts, done) VALUES (%s, %s, 1, 1 >= %s)"
                " ON CONFLICT (feed, entry_id) DO UPDATE SET attempts = w.attempts + 1,"
                " done = w.done OR w.attempts + 1 >= %s, updated = now() RETURNING attempts",
                (feed, entry_id, give_up_after, give_up_after),
            ).fetchone()
        return int(row["attempts"]) if row else 0


def _entity(row: dict[str, Any]) -> EntityCount:
    return EntityCount(id=row["entity_id"], name=row["name"], kind=row["kind"], country=row["country"], stories=int(row["stories"]),
                       mentions=int(row["mentions"] or 0))
