"""Publication dates: the forms parsed, and implausible years dropped."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storyline.clean.published import parse_published, plausible_published


def test_publication_date_forms() -> None:
    assert parse_published("Mon, 26 Jun 2017 10:00:00 GMT") == date(2017, 6, 26)
    assert parse_published(datetime(2017, 6, 26, 23, 0, tzinfo=UTC)) == date(2017, 6, 26)
    assert parse_published(date(2017, 6, 26)) == date(2017, 6, 26)
    assert parse_published("sometime") is None


def test_implausible_publication_years_are_dropped() -> None:
    today = date(2026, 12, 2)
    assert plausible_published("2026-12-01", today) == "2026-12-01"
    assert plausible_published("2027-06-30T10:00:00", today) == "2027-06-30T10:00:00"
    assert plausible_published("9999-12-31", today) == ""
    assert plausible_published("1850-05-01", today) == "1850-05-01"
    assert plausible_published("1700-01-01", today) == ""
    assert plausible_published("Tue, 02 Dec 3026 10:00:00 GMT", today) == ""
    assert plausible_published("soon", today) == "soon"
