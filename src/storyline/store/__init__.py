"""Storage behind the `Store` protocol; `open_store` picks the backend from the location.

A `postgresql://` URL opens the PostgreSQL store (`storyline.store.postgres`, psycopg
imported only then); anything else is a SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path

from storyline.store.postgres_base import display_location, is_postgres_location
from storyline.store.protocol import EntityCount, EventQuery, FeedState, OutletCount, SearchHit, Store
from storyline.store.sqlite import SqliteStore

DEFAULT_DB = "storyline.db"


def default_location() -> str:
    """`$STORYLINE_DB`, else storyline.db in the working directory."""
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `location`: a SQLite file or a `postgresql://` URL."""
    where = str(location or default_location())
    if is_postgres_location(where):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(where)
    return SqliteStore(where)


def describe_location(location: str | Path) -> str:
    """The location as messages show it: a file path as given, a PostgreSQL URL without its password."""
    where = str(location)
    return display_location(where) if is_postgres_location(where) else where


__all__ = [
    "DEFAULT_DB", "EntityCount", "EventQuery", "FeedState", "OutletCount", "SearchHit", "SqliteStore", "Store", "default_location",
    "describe_location", "is_postgres_location", "open_store",
]
