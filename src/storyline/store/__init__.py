"""Storage behind the `Store` protocol; `open_store` picks the backend from the location."""

from __future__ import annotations

import os
from pathlib import Path

from storyline.store.protocol import EntityCount, EventQuery, FeedState, OutletCount, SearchHit, Store
from storyline.store.sqlite import SqliteStore

DEFAULT_DB = "storyline.db"


def default_location() -> str:
    """`$STORYLINE_DB`, else storyline.db in the working directory."""
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `location`."""
    return SqliteStore(location or default_location())


__all__ = [
    "DEFAULT_DB", "EntityCount", "EventQuery", "FeedState", "OutletCount", "SearchHit", "SqliteStore", "Store", "default_location",
    "open_store",
]
