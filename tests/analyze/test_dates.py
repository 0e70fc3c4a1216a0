from datetime import date, datetime

import pytest

from storyline.analyze.dates import ResolvedDate, resolve_dates

# Monday 26 June 2017, the day the China-Canada pledge was reported.
PUBLISHED = "2017-06-26T10:00:00Z"


def _one(text: str, published: str | date | datetime = PUBLISHED) -> ResolvedDate:
    found = resolve_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("The two countries agreed on Sunday to the pledge.", date(2017, 6, 25), "day"),
        ("Officials said on Monday the talks went well.", date(2017, 6, 26), "day"),
        ("The deal was signed last Monday in Ottawa.", date(2017, 6, 19), "day"),
        ("Negotiators will meet again on Friday.", date(2017, 6, 30), "day"),
        ("A vote is expected next Tuesday.", date(2017, 6, 27), "day"),
        ("The minister spoke yesterday.", date(2017, 6, 25), "day"),
        ("Protesters gathered last night.", date(2017, 6, 25), "day"),
        ("The report is due tomorrow.", date(2017, 6, 27), "day"),
        ("The talks took place the day before yesterday.", date(2017, 6, 24), "day"),
        ("Talks ended last week without a deal.", date(2017, 6, 19), "week"),
        ("The summit is next week.", date(2017, 7, 3), "week"),
        ("Earlier this week the ministers met.", date(2017, 6, 26), "week"),
        ("Exports fell this month.", date(2017, 6, 1), "month"),
        ("Exports fell last month.", date(2017, 5, 1), "month"),
        ("A law passed last year.", date(2016, 1, 1), "year"),
        ("Rallies were held last weekend.", date(2017, 6, 24), "weekend"),
        ("The talks began on June 22 in Beijing.", date(2017, 6, 22), "day"),
        ("The talks began on 22 June in Beijing.", date(2017, 6, 22), "day"),
        ("The talks began on the 22nd of June.", date(2017, 6, 22), "day"),
        ("The law took effect on Dec. 28.", date(2016, 12, 28), "day"),
        ("The agreement was reached on Sept. 25, 2015.", date(2015, 9, 25), "day"),
        ("Inflation peaked in March 2016.", date(2016, 3, 1), "month"),
        ("Parliament returns in September.", date(2017, 9, 1), "month"),
        ("The plan was announced in January.", date(2017, 1, 1), "month"),
        ("Elections were held last June.", date(2016, 6, 1), "month"),
        ("It happened three days ago.", date(2017, 6, 23), "day"),
        ("The company was founded two years ago.", date(2015, 6, 26), "year"),
    ],
)
def test_expressions_resolve_against_publication(text: str, expected: date, precision: str) -> None:
    found = _one(text)
    assert found.date == expected
    assert found.precision == precision
    assert text[found.start : found.end] == found.text


def test_month_and_day_without_year_take_the_nearest_year() -> None:
    assert _one("on January 3", "2017-12-30").date == date(2018, 1, 3)
    assert _one("on December 28", "2018-01-02").date == date(2017, 12, 28)


def test_weekday_of_publication_day_is_that_day_unless_the_clause_looks_ahead() -> None:
    assert _one("said on Monday", "2017-06-26").date == date(2017, 6, 26)
    assert _one("last Monday", "2017-06-26").date == date(2017, 6, 19)
    assert _one("next Monday", "2017-06-26").date == date(2017, 7, 3)
    assert _one("will vote on Thursday", "2017-06-26").date == date(2017, 6, 29)
    assert _one("voted on Thursday", "2017-06-26").date == date(2017, 6, 22)


def test_future_cue_in_an_earlier_clause_does_not_count() -> None:
    assert _one("The minister, who will retire, said on Friday", "2017-06-26").date == date(2017, 6, 23)


def test_names_with_weekdays_and_the_modal_may_are_not_dates() -> None:
    assert resolve_dates("The Sunday Times and the Mail on Sunday reported it.", PUBLISHED) == []
    assert resolve_dates("Officials may decide. Good Friday is a holiday.", PUBLISHED) == []
    assert resolve_dates("It was written by May and her aides.", PUBLISHED) == []
    assert resolve_dates("March 10,000 steps a day", PUBLISHED) == []


def test_several_dates_in_order_without_overlaps() -> None:
    text = "The pledge, made on Sunday, follows a 2015 deal signed on Sept. 25, 2015, and talks last week."
    found = resolve_dates(text, PUBLISHED)
    assert [f.text for f in found] == ["on Sunday", "Sept. 25, 2015", "last week"]


def test_no_publication_date_resolves_nothing() -> None:
    assert resolve_dates("on Sunday", "") == []
