"""A report's publication date: parsed from the forms feeds and pages use, and checked for plausibility."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Publication dates outside these years are not trusted: a report dated 9999 would rank
# first by recency forever. Earlier years are archives; later ones are typing errors.
EARLIEST_PUBLISHED_YEAR = 1800
LATEST_PUBLISHED_YEARS_AHEAD = 1


def plausible_published(published: str, today: date | None = None) -> str:
    """`published` as given, or "" when it parses to a year before 1800 or after next year."""
    day = parse_published(published) if published else None
    if day is None:
        return published
    latest = (today or date.today()).year + LATEST_PUBLISHED_YEARS_AHEAD
    return published if EARLIEST_PUBLISHED_YEAR <= day.year <= latest else ""


def parse_published(published: str | date | datetime) -> date | None:
    """The publication day, from a date, a datetime, or an ISO 8601 / RFC 2822 string."""
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    value = published.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
