"""What every part of the PostgreSQL store shares: the connection, its write transactions, a safe name.

The connection runs in autocommit mode: a read is one statement, and a write that must be
all or nothing opens `transaction()`. A location is shown (in messages, in `storyline
serve`'s banner) without its password.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from storyline.errors import StoreError

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import DictRow

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_location(location: str) -> bool:
    """True for a `postgresql://` (or `postgres://`) URL: a PostgreSQL store, not a SQLite file."""
    return location.startswith(SCHEMES)


def display_location(location: str) -> str:
    """The URL as `postgresql://user@host:port/dbname`, without a password (or the URL itself if unparsable)."""
    try:
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        return _without_credentials(location)
    try:
        parts = conninfo_to_dict(location)
    except ProgrammingError:
        return _without_credentials(location)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host') or ''}{port}/{parts.get('dbname') or ''}"


def _without_credentials(location: str) -> str:
    """The scheme and what follows the last "@" (user and password dropped), for a URL psycopg cannot parse."""
    scheme, _, rest = location.partition("://")
    return f"{scheme}://{rest.rsplit('@', 1)[-1]}"


class PostgresBase:
    """The connection the store's parts (reports, aggregates, watch state) work on, and its name."""

    location: str
    _db: psycopg.Connection[DictRow]

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[DictRow]]:
        """A write transaction: all or nothing, its failure made a one-line `StoreError`."""
        import psycopg

        try:
            with self._db.transaction():
                yield self._db
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: write failed ({error_line(exc)})") from None

    def rows(self, sql: str, args: Any = ()) -> list[DictRow]:
        """Every row of one read query."""
        return self._db.execute(sql, args).fetchall()

    def row(self, sql: str, args: Any = ()) -> DictRow | None:
        """The first row of one read query, or None."""
        return self._db.execute(sql, args).fetchone()


def error_line(exc: BaseException) -> str:
    """The first line of a driver error, for a one-line message."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
