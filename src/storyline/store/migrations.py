"""Versioned schema of the SQLite store. Each step runs once, in its own transaction."""

from __future__ import annotations

import sqlite3

# "STLN": marks a SQLite file as a storyline store, so another program's database is refused.
APPLICATION_ID = 0x53544C4E

MIGRATIONS: tuple[str, ...] = (
    # 1: reports, full-text index, stories and their analysis.
    """
    CREATE TABLE reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL DEFAULT '',
        source_domain TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        byline TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        dateline TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        credits TEXT NOT NULL DEFAULT '[]',
        cited_outlets TEXT NOT NULL DEFAULT '[]',
        furniture TEXT NOT NULL DEFAULT '[]',
        copy_of TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '',
        fetched TEXT NOT NULL DEFAULT '',
        ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
    );
    CREATE INDEX reports_source ON reports(source);
    CREATE INDEX reports_published ON reports(published);
    CREATE INDEX reports_url ON reports(url);
    CREATE VIRTUAL TABLE reports_fts USING fts5(
        title, body, content='reports', content_rowid='seq', tokenize='porter unicode61'
    );
    CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
        INSERT INTO reports_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    END;
    CREATE TRIGGER reports_au AFTER UPDATE OF title, body ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
        INSERT INTO reports_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    CREATE TABLE report_features (
        report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (report_id, kind)
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        headline TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL DEFAULT '',
        last_seen TEXT NOT NULL DEFAULT '',
        report_count INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        independent_count INTEGER NOT NULL DEFAULT 0,
        sources TEXT NOT NULL DEFAULT '[]',
        independent_sources TEXT NOT NULL DEFAULT '[]',
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now'))
    );
    CREATE INDEX stories_last_seen ON stories(last_seen);
    CREATE TABLE story_reports (
        report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_reports_story ON story_reports(story_id);
    CREATE TABLE story_threads (
        earlier TEXT NOT NULL,
        later TEXT NOT NULL,
        PRIMARY KEY (earlier, later)
    );
    CREATE TABLE story_analysis (
        story_id TEXT PRIMARY KEY,
        version TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
    );
    CREATE TABLE story_entities (
        story_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT '',
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, entity_id)
    );
    CREATE INDEX story_entities_entity ON story_entities(entity_id);
    """,
    # 2: what `storyline watch` remembers between runs: per feed the HTTP validators, and
    # per entry whether it was ingested (or given up on) and how many attempts failed.
    """
    CREATE TABLE watch_feeds (
        url TEXT PRIMARY KEY,
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        checked TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE watch_entries (
        feed TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
        PRIMARY KEY (feed, entry_id)
    );
    """,
    # 3: indexes for the web view and REST API: the ranked story list (and deep pages of it),
    # the entity filter by name, and thread lookups from the later story. Measured with
    # storyline bench serve at 100,000 reports: first page 6.5 -> 0.9 ms, offset 9,000 39 -> 1.1 ms.
    """
    CREATE INDEX stories_rank ON stories(independent_count DESC, report_count DESC, last_seen DESC, id);
    CREATE INDEX story_entities_name ON story_entities(name);
    CREATE INDEX story_threads_later ON story_threads(later);
    """,
    # 4: pairs of stories a split separated, so a clusterer rebuilt from the store never
    # folds them together again.
    """
    CREATE TABLE story_splits (
        kept TEXT NOT NULL,
        split TEXT NOT NULL,
        PRIMARY KEY (kept, split)
    );
    """,
    # 5: coded events as rows, so they can be queried across stories by actor and target
    # country (ISO alpha-2, as the records hold them), PLOVER type, date and story. `data`
    # is the whole Event record; the other columns are its searchable fields. Events of
    # analyses saved before this step are copied out of their stories' analysis.
    """
    CREATE TABLE events (
        story_id TEXT NOT NULL,
        id TEXT NOT NULL,
        actor1_country TEXT NOT NULL DEFAULT '',
        actor2_country TEXT NOT NULL DEFAULT '',
        plover TEXT NOT NULL DEFAULT '',
        cameo TEXT NOT NULL DEFAULT '',
        goldstein REAL NOT NULL DEFAULT 0,
        date TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, id)
    );
    CREATE INDEX events_actor1 ON events(actor1_country, date);
    CREATE INDEX events_actor2 ON events(actor2_country, date);
    CREATE INDEX events_plover ON events(plover, date);
    CREATE INDEX events_date ON events(date);
    INSERT OR IGNORE INTO events (story_id, id, actor1_country, actor2_country, plover, cameo, goldstein, date, data)
    SELECT a.story_id, json_extract(e.value, '$.id'), coalesce(json_extract(e.value, '$.actor1_country'), ''),
           coalesce(json_extract(e.value, '$.actor2_country'), ''), coalesce(json_extract(e.value, '$.plover'), ''),
           coalesce(json_extract(e.value, '$.cameo'), ''), coalesce(json_extract(e.value, '$.goldstein'), 0),
           coalesce(json_extract(e.value, '$.date'), ''), e.value
    FROM story_analysis a, json_each(a.data, '$.events') e;
    """,
)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force.

    Each step re-reads the version inside its write transaction, so two processes opening
    a new store at once apply every step once (the second finds it done).
    """
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if int(connection.execute("PRAGMA user_version").fetchone()[0]) >= number:
                connection.execute("COMMIT")
                continue
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back already (a full disk does): roll back only what is open.
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
