"""Versioned schema of the PostgreSQL store: ordered steps, the version kept in `schema_version`.

The tables are SQLite's (`storyline.store.migrations`), with PostgreSQL's own full-text
search: a weighted tsvector of title and body kept in a generated column, under a GIN index.
Text compares byte by byte (COLLATE "C"), as in SQLite, so ids, dates and names sort the
same in both stores whatever the database's locale.

Each step runs once, in its own transaction, under a transaction-level advisory lock: two
processes opening a new store at once apply every step once (the second finds it done).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.errors import CorruptStoreError, StoreError
from storyline.store.migrations import APPLICATION_ID

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import DictRow

APPLICATION = "storyline"
# Advisory lock keys (the first half; the second is the schema's hash): migrations, and the
# update lock that serialises story placement (`PostgresStore.update_lock`).
MIGRATION_LOCK = APPLICATION_ID
UPDATE_LOCK = APPLICATION_ID + 1

_T = 'TEXT COLLATE "C" NOT NULL DEFAULT \'\''

MIGRATIONS: tuple[str, ...] = (
    # 1: SQLite's schema as of its step 5: reports with their search vector, features, stories
    # and their analysis, coded events, the watch state and the split pairs.
    f"""
    CREATE TABLE reports (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        source {_T}, source_domain {_T}, url {_T}, title {_T}, byline {_T}, published {_T}, dateline {_T},
        language {_T}, body {_T},
        credits TEXT NOT NULL DEFAULT '[]',
        cited_outlets TEXT NOT NULL DEFAULT '[]',
        furniture TEXT NOT NULL DEFAULT '[]',
        copy_of {_T}, origin {_T}, fetched {_T},
        ingested TIMESTAMPTZ NOT NULL DEFAULT now(),
        search TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
        ) STORED
    );
    CREATE INDEX reports_source ON reports(source);
    CREATE INDEX reports_published ON reports(published);
    CREATE INDEX reports_url ON reports(url);
    CREATE INDEX reports_search ON reports USING GIN (search);
    CREATE TABLE report_features (
        report_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        kind TEXT COLLATE "C" NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (report_id, kind)
    );
    CREATE SEQUENCE stories_touched;
    CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY,
        headline {_T}, first_seen {_T}, last_seen {_T},
        report_count INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        independent_count INTEGER NOT NULL DEFAULT 0,
        sources TEXT NOT NULL DEFAULT '[]',
        independent_sources TEXT NOT NULL DEFAULT '[]',
        touched BIGINT NOT NULL DEFAULT nextval('stories_touched')
    );
    CREATE INDEX stories_last_seen ON stories(last_seen);
    CREATE INDEX stories_rank ON stories(independent_count DESC, report_count DESC, last_seen DESC, id);
    CREATE TABLE story_reports (
        report_id TEXT COLLATE "C" PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        story_id TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX story_reports_story ON story_reports(story_id);
    CREATE TABLE story_threads (
        earlier TEXT COLLATE "C" NOT NULL,
        later TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (earlier, later)
    );
    CREATE INDEX story_threads_later ON story_threads(later);
    CREATE TABLE story_splits (
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        kept TEXT COLLATE "C" NOT NULL,
        split TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (kept, split)
    );
    CREATE TABLE story_analysis (
        story_id TEXT COLLATE "C" PRIMARY KEY,
        version {_T},
        data TEXT NOT NULL,
        updated TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE story_entities (
        story_id TEXT COLLATE "C" NOT NULL,
        entity_id TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        kind {_T}, country {_T},
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, entity_id)
    );
    CREATE INDEX story_entities_entity ON story_entities(entity_id);
    CREATE INDEX story_entities_name ON story_entities(name);
    CREATE TABLE events (
        story_id TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        actor1_country {_T}, actor2_country {_T}, plover {_T}, cameo {_T},
        goldstein DOUBLE PRECISION NOT NULL DEFAULT 0,
        date {_T},
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, id)
    );
    CREATE INDEX events_actor1 ON events(actor1_country, date);
    CREATE INDEX events_actor2 ON events(actor2_country, date);
    CREATE INDEX events_plover ON events(plover, date);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE watch_feeds (
        url TEXT COLLATE "C" PRIMARY KEY,
        etag {_T}, last_modified {_T}, checked {_T}
    );
    CREATE TABLE watch_entries (
        feed TEXT COLLATE "C" NOT NULL,
        entry_id TEXT COLLATE "C" NOT NULL,
        done BOOLEAN NOT NULL DEFAULT false,
        attempts INTEGER NOT NULL DEFAULT 0,
        updated TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (feed, entry_id)
    );
    """,
)

_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (application TEXT NOT NULL, version INTEGER NOT NULL)"


def migrate(db: psycopg.Connection[DictRow], location: str) -> int:
    """Bring the schema up to date (refusing a database that is not a storyline store); the version now in force."""
    version = _version(db, location)
    if version > len(MIGRATIONS):
        raise StoreError(f"{location}: schema version {version} is newer than this storyline knows ({len(MIGRATIONS)}); upgrade it")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (MIGRATION_LOCK,))
            db.execute(_VERSION_TABLE)
            row = db.execute("SELECT version FROM schema_version WHERE application = %s", (APPLICATION,)).fetchone()
            if row is not None and int(row["version"]) >= number:
                continue
            db.execute(script)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (application, version) VALUES (%s, %s)", (APPLICATION, number))
    return len(MIGRATIONS)


def _version(db: psycopg.Connection[DictRow], location: str) -> int:
    """The schema version in force: 0 in an empty schema; a schema holding other tables is refused."""
    marked = db.execute("SELECT to_regclass('schema_version') IS NOT NULL AS marked").fetchone()
    if marked is not None and marked["marked"]:
        rows = db.execute("SELECT application, version FROM schema_version").fetchall()
        if len(rows) == 1 and rows[0]["application"] == APPLICATION:
            return int(rows[0]["version"])
        if rows:
            raise CorruptStoreError(f"{location}: a PostgreSQL database, but not a storyline store (its schema_version is another's)")
        return 0
    tables = db.execute(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchone()
    if tables is not None and tables["n"]:
        raise CorruptStoreError(f"{location}: a PostgreSQL database, but not a storyline store (it holds other tables)")
    return 0
