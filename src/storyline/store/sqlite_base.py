"""What every part of the SQLite store shares: the connection, its write transactions, chunked IN lists."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from storyline.errors import StoreError

# Ids per IN (...) list, under SQLite's default limit on bound parameters.
CHUNK = 500


class SqliteBase:
    """The connection and file path the store's parts (reports, aggregates, watch state) work on."""

    path: str
    _db: sqlite3.Connection

    def transaction(self) -> Transaction:
        """A write transaction: all or nothing."""
        return Transaction(self._db, self.path)


class Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error, with storage errors made readable."""

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self._path = path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoreError(_write_failure(self._path, exc)) from None
        return self._db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.DatabaseError as commit_error:
                exc = commit_error
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass  # SQLite has rolled back itself after a failed commit
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(_write_failure(self._path, exc)) from None


def _write_failure(path: str, exc: sqlite3.DatabaseError) -> str:
    """One line for a failed write; a full disk says how to finish the interrupted run."""
    if "full" in str(exc):
        return f"{path}: write failed, disk full ({exc}); what was stored is kept: free space and run the command again"
    return f"{path}: write failed ({exc})"


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


