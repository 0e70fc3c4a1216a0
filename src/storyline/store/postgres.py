"""The shared store: one PostgreSQL database, for a team (or several processes) ingesting and reading at once.

Selected by a `postgresql://user@host:port/dbname` location (`--db`, `$STORYLINE_DB`). It
answers every `Store` query as the SQLite store does, so both give the same stories and
facts for the same input; what differs is how writers share it:

- a report is inserted with ON CONFLICT DO NOTHING on its unique id, so two ingests of the
  same input store it once (the second waits for the first's row, then skips it);
- story placement runs under a session-level advisory lock (`update_lock`), the counterpart
  of SQLite's lock file: released by the server when its holder disconnects or dies;
- each write that must be all or nothing is one transaction.

Full-text search is PostgreSQL's own: a tsvector of title (weight A) and body (weight B),
ranked with ts_rank, with snippets from ts_headline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Self

from storyline.errors import StoreError
from storyline.models import Event, Report, StageFailure, Story, StoryAnalysis, from_dict, to_dict
from storyline.store.postgres_aggregates import PostgresAggregates, PostgresWatchState
from storyline.store.postgres_base import display_location, error_line
from storyline.store.postgres_schema import UPDATE_LOCK, migrate
from storyline.store.postgres_search import search_reports
from storyline.store.protocol import EventQuery, SearchHit
from storyline.store.rows import (
    FAILURE_KIND,
    REPORT_COLUMNS,
    event_conditions,
    like_prefix,
    report_from_row,
    report_row,
    story_filter,
    story_from_row,
    story_row,
)

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import DictRow

_SELECT_REPORT = "SELECT " + ", ".join(REPORT_COLUMNS) + " FROM reports"
_SELECT_REPORT_SEQ = "SELECT seq, " + ", ".join(REPORT_COLUMNS) + " FROM reports"
_INSERT_REPORT = (
    f"INSERT INTO reports ({', '.join(REPORT_COLUMNS)}) VALUES ({', '.join('%s' for _ in REPORT_COLUMNS)})"
    " ON CONFLICT (id) DO NOTHING"
)
_PUT_FEATURES = (
    "INSERT INTO report_features (report_id, kind, data) VALUES (%s, %s, %s)"
    " ON CONFLICT (report_id, kind) DO UPDATE SET data = excluded.data"
)
_UPSERT_STORY = (
    "INSERT INTO stories (id, headline, first_seen, last_seen, report_count, source_count, independent_count, sources,"
    " independent_sources, touched) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, nextval('stories_touched'))"
    " ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first_seen = excluded.first_seen,"
    " last_seen = excluded.last_seen, report_count = excluded.report_count, source_count = excluded.source_count,"
    " independent_count = excluded.independent_count, sources = excluded.sources,"
    " independent_sources = excluded.independent_sources, touched = excluded.touched"
)
# Reports and stories are read a page at a time, so a long iteration holds no cursor open.
_PAGE = 500


class PostgresStore(PostgresAggregates, PostgresWatchState):
    """The `Store` backed by a PostgreSQL database (its current schema, `public` unless the URL sets another)."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise StoreError("a postgresql:// store needs psycopg: pip install 'psycopg[binary]'") from None
        self.location = display_location(url)
        try:
            self._db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({error_line(exc)})") from None
        try:
            migrate(self._db, self.location)
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"{self.location}: cannot set up the store's tables ({error_line(exc)})") from None
        except BaseException:
            self._db.close()
            raise

    # reports

    def add_report(self, report: Report) -> bool:
        """Store a report; False when a report with this id is already stored.

        PostgreSQL text cannot hold a NUL character: any is dropped from the stored fields.
        """
        row = [value.replace("\x00", "") if isinstance(value, str) else value for value in report_row(report)]
        with self.transaction() as db:
            return db.execute(_INSERT_REPORT, row).rowcount == 1

    def get_report(self, report_id: str) -> Report | None:
        row = self.row(_SELECT_REPORT + " WHERE id = %s", (report_id,))
        return report_from_row(row) if row else None

    def get_reports(self, report_ids: Iterable[str]) -> list[Report]:
        """Reports in the order of `report_ids`, skipping unknown ids."""
        ids = list(report_ids)
        found = {row["id"]: report_from_row(row) for row in self.rows(_SELECT_REPORT + " WHERE id = ANY(%s)", (ids,))}
        return [found[i] for i in ids if i in found]

    def iter_reports(self) -> Iterator[Report]:
        """Every report, in the order it was stored."""
        last = 0
        while rows := self.rows(_SELECT_REPORT_SEQ + " WHERE seq > %s ORDER BY seq LIMIT %s", (last, _PAGE)):
            yield from (report_from_row(row) for row in rows)
            last = rows[-1]["seq"]

    def list_reports(self, *, limit: int = 50, offset: int = 0, source: str = "") -> list[Report]:
        """Newest first (by publication date, then arrival)."""
        where, args = ("WHERE source = %s", [source]) if source else ("", [])
        rows = self.rows(_SELECT_REPORT + f" {where} ORDER BY published DESC, seq DESC LIMIT %s OFFSET %s", [*args, limit, offset])
        return [report_from_row(row) for row in rows]

    def count_reports(self) -> int:
        row = self.row("SELECT count(*) AS n FROM reports")
        return int(row["n"]) if row else 0

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over titles and bodies, best match first (ts_rank, titles weigh more)."""
        found = search_reports(self._db, query, limit=limit, offset=offset)
        reports = {r.id: r for r in self.get_reports(hit.report_id for hit in found)}
        return [SearchHit(report=reports[hit.report_id], score=hit.score, snippet=hit.snippet, story=hit.story)
                for hit in found if hit.report_id in reports]

    # derived per-report state

    def put_features(self, report_id: str, kind: str, data: Any) -> None:
        with self.transaction() as db:
            db.execute(_PUT_FEATURES, (report_id, kind, json.dumps(data)))

    def get_features(self, report_ids: Iterable[str], kind: str) -> dict[str, Any]:
        """Features of one kind for the given reports (missing ones are left out)."""
        rows = self.rows("SELECT report_id, data FROM report_features WHERE kind = %s AND report_id = ANY(%s)",
                         (kind, list(report_ids)))
        return {row["report_id"]: json.loads(row["data"]) for row in rows}

    def delete_features(self, report_ids: Iterable[str], kind: str) -> None:
        """Forget the features of one kind for these reports."""
        with self.transaction() as db:
            db.execute("DELETE FROM report_features WHERE kind = %s AND report_id = ANY(%s)", (kind, list(report_ids)))

    def iter_features(self, kind: str) -> Iterator[tuple[str, Any]]:
        """(report id, data) for every report with features of this kind, in arrival order."""
        last = 0
        while rows := self.rows(
            "SELECT r.seq, f.report_id, f.data FROM report_features f JOIN reports r ON r.id = f.report_id"
            " WHERE f.kind = %s AND r.seq > %s ORDER BY r.seq LIMIT %s",
            (kind, last, _PAGE),
        ):
            yield from ((row["report_id"], json.loads(row["data"])) for row in rows)
            last = rows[-1]["seq"]

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
        rows = self.rows(
            "SELECT report_id, data FROM report_features WHERE kind LIKE %s AND report_id = ANY(%s) ORDER BY report_id, kind",
            (FAILURE_KIND + "%", list(report_ids)),
        )
        for row in rows:
            found.setdefault(row["report_id"], []).append(from_dict(StageFailure, json.loads(row["data"])))
        return found

    # stories

    def pending_reports(self) -> list[Report]:
        """Stored reports not yet placed in a story (nor failed by the story stage), in arrival order."""
        rows = self.rows(
            _SELECT_REPORT + " r WHERE NOT EXISTS (SELECT 1 FROM story_reports sr WHERE sr.report_id = r.id)"
            " AND NOT EXISTS (SELECT 1 FROM report_features f WHERE f.report_id = r.id AND f.kind = %s) ORDER BY seq",
            (FAILURE_KIND + "stories",),
        )
        return [report_from_row(row) for row in rows]

    def place_report(self, report_id: str, story: Story, *, copy_of: str = "", features: dict[str, Any] | None = None) -> None:
        """In one transaction: the report's copy link, features, story membership and the story's summary row."""
        with self.transaction() as db:
            if copy_of:
                db.execute("UPDATE reports SET copy_of = %s WHERE id = %s", (copy_of, report_id))
            for kind, data in (features or {}).items():
                db.execute(_PUT_FEATURES, (report_id, kind, json.dumps(data)))
            db.execute(
                "INSERT INTO story_reports (report_id, story_id) VALUES (%s, %s)"
                " ON CONFLICT (report_id) DO UPDATE SET story_id = excluded.story_id",
                (report_id, story.id),
            )
            _upsert_story(db, story)

    def move_report(self, report_id: str, story_id: str) -> None:
        """Put a placed report in another story (after refinement), with its stored story features."""
        with self.transaction() as db:
            db.execute("UPDATE story_reports SET story_id = %s WHERE report_id = %s", (story_id, report_id))
            row = db.execute("SELECT data FROM report_features WHERE report_id = %s AND kind = 'story' FOR UPDATE",
                             (report_id,)).fetchone()
            if row is not None:
                data = json.loads(row["data"])
                data["story"] = story_id
                db.execute("UPDATE report_features SET data = %s WHERE report_id = %s AND kind = 'story'",
                           (json.dumps(data), report_id))

    def drop_story(self, story_id: str) -> None:
        """Forget a story that no longer has reports (its reports were folded into another)."""
        with self.transaction() as db:
            for table, column in (("stories", "id"), ("story_analysis", "story_id"), ("story_entities", "story_id"), ("events", "story_id")):
                db.execute(f"DELETE FROM {table} WHERE {column} = %s", (story_id,))
            db.execute("DELETE FROM story_threads WHERE earlier = %s OR later = %s", (story_id, story_id))
            db.execute("DELETE FROM story_splits WHERE kept = %s OR split = %s", (story_id, story_id))

    def save_story(self, story: Story) -> None:
        with self.transaction() as db:
            _upsert_story(db, story)

    def story_report_ids(self, story_id: str) -> list[str]:
        rows = self.rows(
            "SELECT sr.report_id FROM story_reports sr JOIN reports r ON r.id = sr.report_id"
            " WHERE sr.story_id = %s ORDER BY r.published, r.seq",
            (story_id,),
        )
        return [row["report_id"] for row in rows]

    def story_of(self, report_id: str) -> str:
        row = self.row("SELECT story_id FROM story_reports WHERE report_id = %s", (report_id,))
        return str(row["story_id"]) if row else ""

    def get_story(self, story_id: str) -> Story | None:
        row = self.row("SELECT * FROM stories WHERE id = %s", (story_id,))
        return self._story(row) if row else None

    def list_stories(
        self, *, limit: int = 50, offset: int = 0, source: str = "", since: str = "", until: str = "", entity: str = "",
        ids: Iterable[str] | None = None,
    ) -> list[Story]:
        """Stories ranked by size (independent sources, then reports) and recency."""
        where, args = story_filter("%s", source=source, since=since, until=until, entity=entity,
                                   ids=None if ids is None else list(ids))
        rows = self.rows(
            f"SELECT * FROM stories {where} ORDER BY independent_count DESC, report_count DESC, last_seen DESC, id"
            " LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [self._story(row) for row in rows]

    def story_ids(self) -> list[str]:
        """Every story id, in id order."""
        return [row["id"] for row in self.rows("SELECT id FROM stories ORDER BY id")]

    def story_ids_by_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Ids of stories whose id starts with `prefix` (at most `limit`), ASCII case ignored as in SQLite."""
        rows = self.rows("SELECT id FROM stories WHERE id ILIKE %s LIMIT %s", (like_prefix(prefix), limit))
        return [str(row["id"]) for row in rows]

    def story_ids_by_report_prefix(self, prefix: str, *, limit: int) -> list[str]:
        """Stories of the reports whose id starts with `prefix` (at most `limit`)."""
        rows = self.rows("SELECT story_id FROM story_reports WHERE report_id ILIKE %s LIMIT %s", (like_prefix(prefix), limit))
        return [str(row["story_id"]) for row in rows]

    def latest_story_id(self) -> str:
        """The story most recently created or changed by an ingest, or "" in an empty store."""
        row = self.row("SELECT id FROM stories WHERE report_count > 0 ORDER BY touched DESC LIMIT 1")
        return str(row["id"]) if row else ""

    def iter_stories(self) -> Iterator[Story]:
        """Every story, in `list_stories` order, fetched a page at a time."""
        offset = 0
        while batch := self.list_stories(limit=_PAGE, offset=offset):
            yield from batch
            offset += len(batch)

    def count_stories(self) -> int:
        row = self.row("SELECT count(*) AS n FROM stories WHERE report_count > 0")
        return int(row["n"]) if row else 0

    def add_split(self, kept: str, split: str) -> None:
        """Record that refinement split `split` off `kept`: the two stay apart."""
        with self.transaction() as db:
            db.execute("INSERT INTO story_splits (kept, split) VALUES (%s, %s) ON CONFLICT DO NOTHING", (kept, split))

    def iter_splits(self) -> Iterator[tuple[str, str]]:
        """Every (kept, split) pair recorded by `add_split`, oldest first."""
        for row in self.rows("SELECT kept, split FROM story_splits ORDER BY seq"):
            yield row["kept"], row["split"]

    def add_thread(self, earlier: str, later: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO story_threads (earlier, later) VALUES (%s, %s) ON CONFLICT DO NOTHING", (earlier, later))

    # analyses and events

    def save_analysis(self, analysis: StoryAnalysis) -> None:
        """Replace a story's facts, entities, quotes, events and summary."""
        with self.transaction() as db:
            _write_analysis(db, analysis)

    def get_analysis(self, story_id: str) -> StoryAnalysis | None:
        row = self.row("SELECT data FROM story_analysis WHERE story_id = %s", (story_id,))
        return from_dict(StoryAnalysis, json.loads(row["data"])) if row else None

    def query_events(self, query: EventQuery) -> list[Event]:
        """Coded events matching `query`, newest dated first (undated last), then by story and id."""
        where, args = event_conditions(query, "%s")
        rows = self.rows(
            f"SELECT data FROM events {where} ORDER BY date = '', date DESC, story_id, id LIMIT %s OFFSET %s",
            [*args, query.limit, query.offset],
        )
        return [from_dict(Event, json.loads(row["data"])) for row in rows]

    def event_dyads(self, query: EventQuery) -> list[tuple[str, str, int, float]]:
        """(actor country, target country, events, mean Goldstein) of the events matching `query`, busiest first.

        Events without a country on both sides are left out: they belong to no dyad.
        """
        where, args = event_conditions(query, "%s")
        joiner = " AND " if where else "WHERE "
        rows = self.rows(
            f"SELECT actor1_country AS a, actor2_country AS b, count(*) AS n, avg(goldstein) AS g FROM events {where}"
            f"{joiner}actor1_country != '' AND actor2_country != ''"
            " GROUP BY actor1_country, actor2_country ORDER BY count(*) DESC, actor1_country, actor2_country",
            args,
        )
        return [(row["a"], row["b"], int(row["n"]), float(row["g"])) for row in rows]

    @contextmanager
    def update_lock(self) -> Iterator[None]:
        """Held while one process places and corroborates pending reports; others wait their turn.

        A session-level advisory lock on this store's schema: the server releases it when
        its holder disconnects or dies, as the system does SQLite's lock file.
        """
        self._db.execute("SELECT pg_advisory_lock(%s, hashtext(current_schema()))", (UPDATE_LOCK,))
        try:
            yield
        finally:
            self._db.execute("SELECT pg_advisory_unlock(%s, hashtext(current_schema()))", (UPDATE_LOCK,))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # helpers

    def _story(self, row: dict[str, Any]) -> Story:
        story_id = row["id"]
        threads = self.rows("SELECT earlier, later FROM story_threads WHERE earlier = %s OR later = %s", (story_id, story_id))
        return story_from_row(row, self.story_report_ids(story_id), [(t["earlier"], t["later"]) for t in threads])


def _write_analysis(db: psycopg.Connection[DictRow], analysis: StoryAnalysis) -> None:
    db.execute(
        "INSERT INTO story_analysis (story_id, version, data) VALUES (%s, %s, %s)"
        " ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, data = excluded.data, updated = now()",
        (analysis.story, analysis.version, json.dumps(to_dict(analysis))),
    )
    db.execute("DELETE FROM story_entities WHERE story_id = %s", (analysis.story,))
    with db.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO story_entities (story_id, entity_id, name, kind, country, mentions) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (story_id, entity_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
            " country = excluded.country, mentions = excluded.mentions",
            [(analysis.story, e.id, e.name, e.kind, e.country, e.mentions) for e in analysis.entities],
        )
    db.execute("DELETE FROM events WHERE story_id = %s", (analysis.story,))
    with db.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO events (story_id, id, actor1_country, actor2_country, plover, cameo, goldstein, date, data)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (story_id, id) DO UPDATE SET"
            " actor1_country = excluded.actor1_country, actor2_country = excluded.actor2_country, plover = excluded.plover,"
            " cameo = excluded.cameo, goldstein = excluded.goldstein, date = excluded.date, data = excluded.data",
            [(analysis.story, e.id, e.actor1_country, e.actor2_country, e.plover, e.cameo, e.goldstein, e.date,
              json.dumps(to_dict(e))) for e in analysis.events],
        )


def _upsert_story(db: psycopg.Connection[DictRow], story: Story) -> None:
    db.execute(_UPSERT_STORY, story_row(story))

