"""One exception tree for storyline.

    StorylineError                 anything storyline raises on purpose
    ├── UsageError                 the caller asked for something impossible (bad option, missing path)
    │   └── QueryTooLarge          a search past the bounds kept for it (too long, too many words)
    ├── ConfigError                a configuration file or value is invalid
    ├── StoreError                 the store cannot be opened or written
    │   └── CorruptStoreError      the database file is not a storyline store or is damaged
    ├── ModelError                 an NLP model is missing or is not the pinned version
    ├── ServeError                 the web server cannot listen where it was asked to
    ├── RejectedInput              one input document was not stored; carries a typed reason
    └── HtmlError                  a web page gives no article; carries a typed reason (also a ValueError)
        ├── NotHtmlError           not an HTML page (binary, no markup) or over the size limit
        └── NoArticleError         the page parsed but holds no article text

A rejected input never stops a batch: readers yield a `Rejection` record for it and go on.
`RejectedInput` exists for code paths that handle one document at a time; `HtmlError` is
what the page extractor (`storyline.clean.html`) raises, and the HTML reader turns it into a
`Rejection` with the same reason.
"""

from __future__ import annotations

import sqlite3
from enum import Enum


class Reason(str, Enum):
    """Why an input was rejected. The value is what JSON output and the API show."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    NOT_HTML = "not-html"
    NO_ARTICLE = "no-article"
    TOO_LARGE = "too-large"
    TRUNCATED = "truncated"
    BAD_JSON = "bad-json"
    BAD_RECORD = "bad-record"
    BAD_FEED = "bad-feed"
    BAD_URL = "bad-url"
    REFUSED_URL = "refused-url"
    HTTP_ERROR = "http-error"
    TIMEOUT = "timeout"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    UNSUPPORTED = "unsupported"


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class UsageError(StorylineError):
    """The caller asked for something that cannot be done as asked."""


class QueryTooLarge(UsageError):
    """A search query (or name filter) longer, or with more words, than storyline searches for."""


class ConfigError(StorylineError):
    """A configuration file or option value is invalid."""


class StoreError(StorylineError):
    """The store cannot be opened or written."""


class CorruptStoreError(StoreError):
    """The database file is not a storyline store, or is damaged."""


class ModelError(StorylineError):
    """An NLP model is missing or is not the pinned version."""


class ServeError(StorylineError):
    """The web server cannot listen on the address and port asked for (one in use, say)."""


class RejectedInput(StorylineError):
    """One input document was not stored."""

    def __init__(self, path: str, reason: Reason, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = reason
        self.message = message


class HtmlError(StorylineError, ValueError):
    """A web page that gives no article; `reason` is the machine-readable why.

    Also a `ValueError`, as it was before it joined this tree, so callers that catch bad
    values keep catching it.
    """

    reason: Reason = Reason.NOT_HTML

    def __init__(self, message: str, reason: Reason | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class NotHtmlError(HtmlError):
    """The data is not an HTML page (binary, no markup), or is over the size limit (reason TOO_LARGE)."""

    reason = Reason.NOT_HTML


class NoArticleError(HtmlError):
    """The page parsed but holds no article text."""

    reason = Reason.NO_ARTICLE


# Failures of the machine rather than of one report (a full disk, a file that went away, a
# lost connection to the database): stages let them through, to stop the run with one line,
# instead of recording them against whichever report was being processed.
ENVIRONMENT_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error, StoreError)
# What a stage's per-report guard lets through: the machine's failures and storyline's own errors.
STOPS_A_RUN: tuple[type[Exception], ...] = (*ENVIRONMENT_ERRORS, StorylineError)


def describe_error(exc: BaseException) -> str:
    """One line naming an unexpected exception, short enough for a table cell or a log line."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__
