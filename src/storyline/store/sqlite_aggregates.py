"""The SQLite store's counts across stories and reports: what the entity, outlet and story-list pages show."""

from __future__ import annotations

import sqlite3

from storyline.store.protocol import EntityCount, OutletCount
from storyline.store.rows import like_escape
from storyline.store.sqlite_base import CHUNK, SqliteBase, chunks

_ENTITY_COLUMNS = (
    "SELECT entity_id, max(name) AS name, max(kind) AS kind, max(country) AS country,"
    " count(DISTINCT story_id) AS stories, sum(mentions) AS mentions FROM story_entities"
)


class SqliteAggregates(SqliteBase):
    """`Aggregates` over the tables of `storyline.store.migrations`."""

    def report_dates(self, story_ids: list[str]) -> dict[str, list[str]]:
        """Publication dates of each story's reports, oldest first (undated reports left out)."""
        dates: dict[str, list[str]] = {sid: [] for sid in story_ids}
        for chunk in chunks(story_ids, CHUNK):
            marks = ",".join("?" for _ in chunk)
            rows = self._db.execute(
                "SELECT sr.story_id, r.published FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
                f" WHERE sr.story_id IN ({marks}) ORDER BY r.published",
                chunk,
            )
            for row in rows:
                if row[1]:
                    dates[row[0]].append(row[1])
        return dates

    def list_entities(self, *, limit: int = 50, offset: int = 0, name: str = "") -> list[EntityCount]:
        """Entities by stories mentioning them, then mentions; `name` keeps those whose name contains it."""
        pattern = "%" + like_escape(name) + "%"
        where, args = ("WHERE name LIKE ? ESCAPE '\\'", [pattern]) if name else ("", [])
        rows = self._db.execute(
            f"{_ENTITY_COLUMNS} {where} GROUP BY entity_id ORDER BY stories DESC, mentions DESC, entity_id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [_entity(row) for row in rows]

    def get_entity(self, entity_id: str) -> EntityCount | None:
        row = self._db.execute(f"{_ENTITY_COLUMNS} WHERE entity_id = ? GROUP BY entity_id", (entity_id,)).fetchone()
        return _entity(row) if row else None

    def entity_timeline(self, entity_id: str) -> list[tuple[str, int]]:
        """(day, stories first seen that day) for the stories that mention the entity."""
        rows = self._db.execute(
            "SELECT substr(s.first_seen, 1, 10) AS day, count(*) FROM story_entities e JOIN stories s ON s.id = e.story_id"
            " WHERE e.entity_id = ? AND s.first_seen != '' GROUP BY day ORDER BY day",
            (entity_id,),
        )
        return [(row[0], int(row[1])) for row in rows]

    def list_outlets(self, *, limit: int = 100, offset: int = 0) -> list[OutletCount]:
        """Outlets by number of reports."""
        rows = self._db.execute(
            "SELECT source, count(*) AS reports, min(published) AS first, max(published) AS last FROM reports"
            " WHERE source != '' GROUP BY source ORDER BY reports DESC, source LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [OutletCount(name=r["source"], reports=r["reports"], first_published=r["first"], last_published=r["last"]) for r in rows]

    def get_outlet(self, name: str) -> OutletCount | None:
        row = self._db.execute("SELECT count(*), min(published), max(published) FROM reports WHERE source = ?", (name,)).fetchone()
        if not row[0]:
            return None
        return OutletCount(name=name, reports=int(row[0]), first_published=row[1], last_published=row[2])

    def outlet_firsts(self, name: str) -> tuple[int, int]:
        """(stories the outlet covered, stories in which its report was the first published)."""
        row = self._db.execute(
            "SELECT count(*), coalesce(sum(first_mine = first_all), 0) FROM ("
            " SELECT min(r.published) AS first_all, min(CASE WHEN r.source = ? THEN r.published END) AS first_mine"
            " FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
            " WHERE sr.story_id IN (SELECT sr2.story_id FROM story_reports sr2 JOIN reports r2 ON r2.id = sr2.report_id WHERE r2.source = ?)"
            " GROUP BY sr.story_id)",
            (name, name),
        ).fetchone()
        return int(row[0]), int(row[1])


def _entity(row: sqlite3.Row) -> EntityCount:
    return EntityCount(id=row["entity_id"], name=row["name"], kind=row["kind"], country=row["country"], stories=row["stories"],
                       mentions=row["mentions"] or 0)
