"""What `storyline watch` remembers per feed, kept in the SQLite store so a restart resumes.

Per feed: the ETag and Last-Modified validators of the last complete poll. Per entry:
whether it is settled (ingested, or given up on after repeated failures) and how many
attempts failed. Validators are saved only after every new entry of a poll is settled
or recorded as failed, so a process stopped mid-poll re-reads the feed next time and
skips only the entries already settled.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.store.protocol import FeedState
from storyline.store.sqlite_base import CHUNK, SqliteBase


class SqliteWatchState(SqliteBase):
    """`WatchStore` over the watch_feeds and watch_entries tables (migration 2)."""

    def load_feed_state(self, url: str) -> FeedState:
        """The saved state of a feed; an empty state for a feed never polled."""
        row = self._db.execute("SELECT etag, last_modified, checked FROM watch_feeds WHERE url = ?", (url,)).fetchone()
        if row is None:
            return FeedState(url=url)
        return FeedState(url=url, etag=row["etag"], last_modified=row["last_modified"], checked=row["checked"])

    def save_feed_state(self, state: FeedState) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO watch_feeds (url, etag, last_modified, checked) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
                " checked = excluded.checked",
                (state.url, state.etag, state.last_modified, state.checked),
            )

    def settled_entries(self, feed: str, entry_ids: Iterable[str]) -> set[str]:
        """The ids among `entry_ids` that need no further work."""
        ids = list(dict.fromkeys(entry_ids))
        settled: set[str] = set()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ",".join("?" for _ in chunk)
            rows = self._db.execute(
                f"SELECT entry_id FROM watch_entries WHERE feed = ? AND done = 1 AND entry_id IN ({marks})", (feed, *chunk)
            )
            settled.update(row["entry_id"] for row in rows)
        return settled

    def mark_entry_done(self, feed: str, entry_id: str) -> None:
        """Record that an entry was ingested (or rejected for good) and must not be read again."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO watch_entries (feed, entry_id, done) VALUES (?, ?, 1)"
                " ON CONFLICT(feed, entry_id) DO UPDATE SET done = 1,"
                " updated = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
                (feed, entry_id),
            )

    def record_entry_failure(self, feed: str, entry_id: str, *, give_up_after: int) -> int:
        """Count a failed attempt; the entry is settled once `give_up_after` attempts have failed.

        Returns the number of failed attempts so far.
        """
        with self.transaction() as db:
            db.execute(
                "INSERT INTO watch_entries (feed, entry_id, attempts) VALUES (?, ?, 1)"
                " ON CONFLICT(feed, entry_id) DO UPDATE SET attempts = attempts + 1,"
                " updated = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
                (feed, entry_id),
            )
            attempts = int(db.execute(
                "SELECT attempts FROM watch_entries WHERE feed = ? AND entry_id = ?", (feed, entry_id)
            ).fetchone()[0])
            if attempts >= give_up_after:
                db.execute("UPDATE watch_entries SET done = 1 WHERE feed = ? AND entry_id = ?", (feed, entry_id))
        return attempts
