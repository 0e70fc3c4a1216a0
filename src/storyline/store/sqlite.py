"""The embedded default store: one SQLite file, WAL journal, FTS5 over titles and bodies.

Every write is its own short transaction, so a process killed at any moment leaves a
consistent file: a report is either stored whole or not at all, and a report stored but
not yet placed in a story is picked up by the next run (`pending_reports`).
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from storyline.errors import CorruptStoreError, StoreError
from storyline.models import Event, Report, StageFailure, Story, StoryAnalysis, from_dict, to_dict
from storyline.store.migrations import APPLICATION_ID, migrate
from storyline.store.protocol import EventQuery, SearchHit
from storyline.store.rows import (
    FAILURE_KIND,
    REPORT_COLUMNS,
    event_conditions,
    like_prefix,
    report_from_row,
    report_row,
    search_words,
    story_filter,
    story_from_row,
    story_row,
)
from storyline.store.sqlite_aggregates import SqliteAggregates
from storyline.store.sqlite_base import CHUNK, Transaction, chunks
from storyline.store.watch_state import SqliteWatchState

_SQLITE_HEADER = b"SQLite format 3\x00"
_SELECT_REPORT = "SELECT " + ", ".join(REPORT_COLUMNS) + " FROM reports"
_INSERT_REPORT = f"INSERT OR IGNORE INTO reports ({', '.join(REPORT_COLUMNS)}) VALUES ({', '.join('?' for _ in REPORT_COLUMNS)})"
_PLACE = "INSERT OR REPLACE INTO story_reports (report_id, story_id) VALUES (?, ?)"
# Beside the database file: the lock `update_lock` holds.
UPDATE_LOCK_SUFFIX = "-update.lock"


class SqliteStore(SqliteAggregates, SqliteWatchState):
    """The `Store` backed by one SQLite file (or ":memory:" for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        _check_file(self.path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            _check_identity(self._db, self.path)
            migrate(self._db)
        except sqlite3.DatabaseError as exc:
            raise CorruptStoreError(f"{self.path}: not a usable storyline database ({exc})") from None

    # reports

    def add_report(self, report: Report) -> bool:
        """Store a report; False when a report with this id is already stored."""
        with self._write() as db:
            return db.execute(_INSERT_REPORT, report_row(report)).rowcount == 1

    def has_report(self, report_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None

    def get_report(self, report_id: str) -> Report | None:
        row = self._db.execute(_SELECT_REPORT + " WHERE id = ?", (report_id,)).fetchone()
        return report_from_row(row) if row else None

    def get_reports(self, report_ids: Iterable[str]) -> list[Report]:
        """Reports in the order of `report_ids`, skipping unknown ids."""
        ids = list(report_ids)
        found: dict[str, Report] = {}
        for chunk in chunks(ids, CHUNK):
            marks = ",".join("?" for _ in chunk)
            for row in self._db.execute(_SELECT_REPORT + f" WHERE id IN ({marks})", chunk):
                found[row["id"]] = report_from_row(row)
        return [found[i] for i in ids if i in found]

    def iter_reports(self) -> Iterator[Report]:
        """Every report, in the order it was stored."""
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT seq, " + ", ".join(REPORT_COLUMNS) + " FROM reports WHERE seq > ? ORDER BY seq LIMIT 500", (last,)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield report_from_row(row)
            last = rows[-1]["seq"]

    def list_reports(self, *, limit: int = 50, offset: int = 0, source: str = "") -> list[Report]:
        """Newest first (by publication date, then arrival)."""
        where, args = ("WHERE source = ?", [source]) if source else ("", [])
        rows = self._db.execute(
            _SELECT_REPORT + f" {where} ORDER BY published DESC, seq DESC LIMIT ? OFFSET ?", [*args, limit, offset]
        ).fetchall()
        return [report_from_row(row) for row in rows]

    def count_reports(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM reports").fetchone()[0])

    def set_copy_of(self, report_id: str, original: str) -> None:
        with self._write() as db:
            db.execute("UPDATE reports SET copy_of = ? WHERE id = ?", (original, report_id))

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over titles and bodies, best match first (BM25, titles weigh more)."""
        expression = fts_query(query)
        if not expression:
            return []
        rows = self._search_rows(expression, limit, offset)
        if not rows and " " in expression:
            # No report has every word: fall back to any word, still ranked by BM25.
            rows = self._search_rows(expression.replace('" "', '" OR "'), limit, offset)
        reports = {r.id: r for r in self.get_reports(row["id"] for row in rows)}
        return [
            SearchHit(report=reports[row["id"]], score=-float(row["rank"]), snippet=row["snippet"], story=row["story"] or "")
            for row in rows
        ]

    def _search_rows(self, expression: str, limit: int, offset: int) -> list[dict[str, Any]]:
        """Rank first, then build snippets and joins for the returned page only.

        Snippets cost far more than ranking; computing them for every match made a search
        for a common word slow on large stores.
        """
        ranked = self._db.execute(
            "SELECT rowid, bm25(reports_fts, 4.0, 1.0) AS rank FROM reports_fts WHERE reports_fts MATCH ?"
            " ORDER BY rank LIMIT ? OFFSET ?",
            (expression, limit, offset),
        ).fetchall()
        if not ranked:
            return []
        rowids = [row[0] for row in ranked]
        marks = ",".join("?" for _ in rowids)
        details = {
            row["seq"]: row
            for row in self._db.execute(
                "SELECT reports_fts.rowid AS seq, r.id, snippet(reports_fts, 1, '[', ']', ' … ', 16) AS snippet,"
                " sr.story_id AS story FROM reports_fts JOIN reports r ON r.seq = reports_fts.rowid"
                f" LEFT JOIN story_reports sr ON sr.report_id = r.id WHERE reports_fts MATCH ? AND reports_fts.rowid IN ({marks})",
                (expression, *rowids),
            )
        }
        return [
            {"id": details[rowid]["id"], "rank": rank, "snippet": details[rowid]["snippet"], "story": details[rowid]["story"]}
            for rowid, rank in ranked
            if rowid in details
        ]

    # derived per-report state

    def put_features(self, report_id: str, kind: str, data: Any) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO report_features (report_id, kind, data) VALUES (?, ?, ?)",
                (report_id, kind, json.dumps(data)),
            )

    def get_features(self, report_ids: Iterable[str], kind: str) -> dict[str, Any]:
        """Features of one kind for the given reports (missing ones are left out)."""
        found: dict[str, Any] = {}
        for chunk in chunks(list(report_ids), CHUNK):
            marks = ",".join("?" for _ in chunk)
            rows = self._db.execute(
                f"SELECT report_id, data FROM report_features WHERE kind = ? AND report_id IN ({marks})", [kind, *chunk]
            )
            for row in rows:
                found[row[0]] = json.loads(row[1])
        return found

    def delete_features(self, report_ids: Iterable[str], kind: str) -> None:
        """Forget the features of one kind for these reports."""
        for chunk in chunks(list(report_ids), CHUNK):
            marks = ",".join("?" for _ in chunk)
            with self._write() as db:
                db.execute(f"DELETE FROM report_features WHERE kind = ? AND report_id IN ({marks})", [kind, *chunk])

    def iter_features(self, kind: str) -> Iterator[tuple[str, Any]]:
        """(report id, data) for every report with features of this kind, in arrival order."""
        cursor = self._db.execute(
            "SELECT f.report_id, f.data FROM report_features f JOIN reports r ON r.id = f.report_id"
            " WHERE f.kind = ? ORDER BY r.seq",
            (kind,),
        )
        for row in cursor:
            yield row[0], json.loads(row[1])

    # stage failures

    def record_failure(self, report_id: str, failure: StageFailure) -> None:
        """Remember that `failure.stage` could not fully process this report (replacing an older record)."""
        self.put_features(report_id, FAILURE_KIND + failure.stage, to_dict(failure))

    def clear_failures(self, report_ids: Iterable[str], stage: str) -> None:
        """Forget the failures of `stage` for these reports (the stage has now succeeded)."""
        self.delete_features(report_ids, FAILURE_KIND + stage)

    def failures(self, report_ids: Iterable[str]) -> dict[str, list[StageFailure]]:
        """Recorded stage failures of the given reports (reports without any are left out)."""
        found: dict[str, list[StageFailure]] = {}
        for chunk in chunks(list(report_ids), CHUNK):
            marks = ",".join("?" for _ in chunk)
            rows = self._db.execute(
                f"SELECT report_id, data FROM report_features WHERE kind LIKE ? AND report_id IN ({marks}) ORDER BY kind",
                [FAILURE_KIND + "%", *chunk],
            )
            for row in rows:
                found.setdefault(row[0], []).append(from_dict(StageFailure, json.loads(row[1])))
        return found

    # stories

    def pending_reports(self) -> list[Report]:
        """Stored reports not yet placed in a story, in arrival order.

        A report that the story stage failed on is left out: it is shown by `storyline
        reports` with its failure instead of failing every later run again.
        """
        rows = self._db.execute(
            _SELECT_REPORT + " WHERE id NOT IN (SELECT report_id FROM story_reports)"
            " AND id NOT IN (SELECT report_id FROM report_features WHERE kind = ?) ORDER BY seq",
            (FAILURE_KIND + "stories",),
        ).fetchall()
        return [report_from_row(row) for row in rows]

    def place_report(self, report_id: str, story: Story, *, copy_of: str = "", features: dict[str, Any] | None = None) -> None:
        """In one transaction: the report's copy link, features, story membership and the story's summary row."""
        with self._write() as db:
            if copy_of:
                db.execute("UPDATE reports SET copy_of = ? WHERE id = ?", (copy_of, report_id))
            for kind, data in (features or {}).items():
                db.execute(
                    "INSERT OR REPLACE INTO report_features (report_id, kind, data) VALUES (?, ?, ?)",
                    (report_id, kind, json.dumps(data)),
                )
            db.execute(_PLACE, (report_id, story.id))
            _upsert_story(db, story)

    def move_report(self, report_id: str, story_id: str) -> None:
        """Put a placed report in another story (after refinement), with its stored story features."""
        with self._write() as db:
            db.execute("UPDATE story_reports SET story_id = ? WHERE report_id = ?", (story_id, report_id))
            db.execute(
                "UPDATE report_features SET data = json_set(data, '$.story', ?) WHERE report_id = ? AND kind = 'story'",
                (story_id, report_id),
            )

    def drop_story(self, story_id: str) -> None:
        """Forget a story that no longer has reports (its reports were folded into another)."""
        with self._write() as db:
            for table, column in (("stories", "id"), ("story_analysis", "story_id"), ("story_entities", "story_id"), ("events", "story_id")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (story_id,))
            db.execute("DELETE FROM story_threads WHERE earlier = ? OR later = ?", (story_id, story_id))
            db.execute("DELETE FROM story_splits WHERE kept = ? OR split = ?", (story_id, story_id))

    def save_story(self, story: Story) -> None:
        with self._write() as db:
            _upsert_story(db, story)

    def story_report_ids(self, story_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT sr.report_id FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
            " WHERE sr.story_id = ? ORDER BY r.published, r.seq",
            (story_id,),
        ).fetchall()
        return [row[0] for row in rows]

    def story_of(self, report_id: str) -> str:
        row = self._db.execute("SELECT story_id FROM story_reports WHERE report_id = ?", (report_id,)).fetchone()
        return str(row[0]) if row else ""

    def get_story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return self._story(row) if row else None

    def list_stories(
        self, *, limit: int = 50, offset: int = 0, source: str = "", since: str = "", until: str = "", entity: str = "",
        ids: Iterable[str] | None = None,
    ) -> list[Story]:
        """Stories ranked by size (independent sources, then reports) and recency."""
        where, args = story_filter("?", source=source, since=since, until=until, entity=entity,
                                   ids=None if ids is None else list(ids))
        rows = self._db.execute(
            f"SELECT * FROM stories {where} ORDER BY independent_count DESC, report_count DESC, last_seen DESC, id"
            " LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return [self._story(row) for row in rows]

    def story_ids(self) -> list[str]:
        """Every story id, in id order."""
        return [row[0] for row in self._db.execute("SELECT id FROM stories ORDER BY id")]

    def story_ids_by_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Ids of stories whose id starts with `prefix` (at most `limit`)."""
        rows = self._db.execute("SELECT id FROM stories WHERE id LIKE ? ESCAPE '\\' LIMIT ?", (like_prefix(prefix), limit))
        return [str(row[0]) for row in rows]

    def story_ids_by_report_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Stories of the reports whose id starts with `prefix` (at most `limit`)."""
        rows = self._db.execute(
            "SELECT story_id FROM story_reports WHERE report_id LIKE ? ESCAPE '\\' LIMIT ?", (like_prefix(prefix), limit)
        )
        return [str(row[0]) for row in rows]

    def latest_story_id(self) -> str:
        """The story most recently created or changed by an ingest, or "" in an empty store."""
        row = self._db.execute("SELECT id FROM stories WHERE report_count > 0 ORDER BY updated DESC, rowid DESC LIMIT 1").fetchone()
        return str(row[0]) if row else ""

    def iter_stories(self) -> Iterator[Story]:
        """Every story, in `list_stories` order, fetched a page at a time."""
        offset = 0
        while batch := self.list_stories(limit=500, offset=offset):
            yield from batch
            offset += len(batch)

    def count_stories(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM stories WHERE report_count > 0").fetchone()[0])

    def add_split(self, kept: str, split: str) -> None:
        """Record that refinement split `split` off `kept`: the two stay apart."""
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO story_splits (kept, split) VALUES (?, ?)", (kept, split))

    def iter_splits(self) -> Iterator[tuple[str, str]]:
        """Every (kept, split) pair recorded by `add_split`, oldest first."""
        for row in self._db.execute("SELECT kept, split FROM story_splits ORDER BY rowid"):
            yield row["kept"], row["split"]

    def add_thread(self, earlier: str, later: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO story_threads (earlier, later) VALUES (?, ?)", (earlier, later))

    def save_analysis(self, analysis: StoryAnalysis) -> None:
        """Replace a story's facts, entities, quotes, events and summary."""
        with self._write() as db:
            _write_analysis(db, analysis)

    def load_placed(self, stories: Iterable[tuple[Story, Sequence[Report], StoryAnalysis]]) -> None:
        """Write stories with their (new) reports and analyses in one transaction: a quick fill for benchmarks.

        Nothing is checked or derived: the stories are taken as placed and analysed.
        """
        with self._write() as db:
            for story, reports, analysis in stories:
                db.executemany(_INSERT_REPORT, [report_row(report) for report in reports])
                db.executemany(_PLACE, [(report.id, story.id) for report in reports])
                _upsert_story(db, story)
                _write_analysis(db, analysis)
        self._db.execute("PRAGMA optimize")

    def get_analysis(self, story_id: str) -> StoryAnalysis | None:
        row = self._db.execute("SELECT data FROM story_analysis WHERE story_id = ?", (story_id,)).fetchone()
        return from_dict(StoryAnalysis, json.loads(row[0])) if row else None

    def query_events(self, query: EventQuery) -> list[Event]:
        """Coded events matching `query`, newest dated first (undated last), then by story and id."""
        where, args = event_conditions(query, "?")
        rows = self._db.execute(
            f"SELECT data FROM events {where} ORDER BY date = '', date DESC, story_id, id LIMIT ? OFFSET ?",
            [*args, query.limit, query.offset],
        ).fetchall()
        return [from_dict(Event, json.loads(row[0])) for row in rows]

    def event_dyads(self, query: EventQuery) -> list[tuple[str, str, int, float]]:
        """(actor country, target country, events, mean Goldstein) of the events matching `query`, busiest first.

        Events without a country on both sides are left out: they belong to no dyad.
        """
        where, args = event_conditions(query, "?")
        joiner = " AND " if where else "WHERE "
        rows = self._db.execute(
            f"SELECT actor1_country, actor2_country, count(*), avg(goldstein) FROM events {where}"
            f"{joiner}actor1_country != '' AND actor2_country != ''"
            " GROUP BY actor1_country, actor2_country ORDER BY count(*) DESC, actor1_country, actor2_country",
            args,
        ).fetchall()
        return [(row[0], row[1], int(row[2]), float(row[3])) for row in rows]

    def analysis_versions(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._db.execute("SELECT story_id, version FROM story_analysis")}

    @contextmanager
    def update_lock(self) -> Iterator[None]:
        """Held while one process places and corroborates pending reports; others wait their turn.

        Two runs placing the same pending reports at once would each give them a story, and
        a story's counts and analysis would describe members it no longer has. The lock is
        an advisory lock on the file "<database>-update.lock", released by the system when
        its holder exits or is killed.
        """
        if self.path == ":memory:":
            yield
            return
        with open(self.path + UPDATE_LOCK_SUFFIX, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def integrity_check(self) -> str:
        """SQLite's own check of the file: "ok", or what is damaged."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    def execute(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """A query on the file, for SQLite's own checks (integrity, tests); not part of `Store`."""
        return self._db.execute(sql, tuple(args)).fetchall()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # helpers

    def _write(self) -> Transaction:
        return self.transaction()

    def _story(self, row: sqlite3.Row) -> Story:
        story_id = row["id"]
        threads = self._db.execute(
            "SELECT earlier, later FROM story_threads WHERE earlier = ? OR later = ?", (story_id, story_id)
        ).fetchall()
        return story_from_row(row, self.story_report_ids(story_id), [(t[0], t[1]) for t in threads])


def _write_analysis(db: sqlite3.Connection, analysis: StoryAnalysis) -> None:
    db.execute(
        "INSERT OR REPLACE INTO story_analysis (story_id, version, data) VALUES (?, ?, ?)",
        (analysis.story, analysis.version, json.dumps(to_dict(analysis))),
    )
    db.execute("DELETE FROM story_entities WHERE story_id = ?", (analysis.story,))
    db.executemany(
        "INSERT OR REPLACE INTO story_entities (story_id, entity_id, name, kind, country, mentions) VALUES (?, ?, ?, ?, ?, ?)",
        [(analysis.story, e.id, e.name, e.kind, e.country, e.mentions) for e in analysis.entities],
    )
    db.execute("DELETE FROM events WHERE story_id = ?", (analysis.story,))
    db.executemany(
        "INSERT OR REPLACE INTO events (story_id, id, actor1_country, actor2_country, plover, cameo, goldstein, date, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (analysis.story, e.id, e.actor1_country, e.actor2_country, e.plover, e.cameo, e.goldstein, e.date,
             json.dumps(to_dict(e)))
            for e in analysis.events
        ],
    )


def _upsert_story(db: sqlite3.Connection, story: Story) -> None:
    db.execute(
        "INSERT OR REPLACE INTO stories (id, headline, first_seen, last_seen, report_count, source_count,"
        " independent_count, sources, independent_sources, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%f', 'now'))",
        story_row(story),
    )


def fts_query(text: str) -> str:
    """A safe FTS5 expression: every word quoted, so user punctuation cannot break the syntax.

    Raises `QueryTooLarge` past MAX_QUERY_CHARS characters or MAX_QUERY_WORDS words.
    """
    return " ".join('"' + w.replace('"', "") + '"' for w in search_words(text))


def _check_file(path: str) -> None:
    if path == ":memory:":
        return
    file = Path(path)
    if file.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if not file.parent.exists():
        raise StoreError(f"{path}: folder {file.parent} does not exist")
    if file.exists() and file.stat().st_size > 0:
        with file.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                raise CorruptStoreError(f"{path}: not a SQLite database (damaged, or another kind of file)")


def _check_identity(db: sqlite3.Connection, path: str) -> None:
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if tables and app_id != APPLICATION_ID:
        raise CorruptStoreError(f"{path}: a SQLite database, but not a storyline store")
