"""An event's date: from its clause, its time words resolved against the report, or its report."""

from __future__ import annotations

from storyline.events.dating import clause_date, of_the_day
from storyline.models import Proposition

PUBLISHED = "2018-04-24T09:00:00"


def _clause(text: str, dates: tuple[str, ...] = (), time: str = "", tense: str = "past") -> Proposition:
    return Proposition(index=0, sentence=0, start=0, end=len(text), text=text, dates=dates, time=time, tense=tense)


def test_a_date_of_the_clause_and_a_year_that_names_a_thing() -> None:
    assert clause_date(_clause("Kennedy traveled to London in 1961", ("1961",)), PUBLISHED) == ("1961", "year")
    criticized = _clause("Trump has long criticized the 2015 agreement", ("2015",), tense="perfect")
    assert clause_date(criticized, PUBLISHED) == ("", "")
    call = _clause("House Democrats threatened to subpoena the White House over Trump's July phone call", ("????-07-??",))
    assert clause_date(call, PUBLISHED) == ("", "")
    hopefuls = _clause("Obama warned 2020 Democratic presidential hopefuls to pay attention", ("2020",))
    assert clause_date(hopefuls, PUBLISHED) == ("", "")
    assert clause_date(_clause("they discussed it again in 2005", ("2005",)), PUBLISHED) == ("2005", "year")
    # A stance held now: the past year is that of what it is about.
    blames = _clause("The DNC blames Russia for breaches of its computer systems in 2015", ("2015",), tense="present")
    assert clause_date(blames, PUBLISHED) == ("", "")


def test_time_words_resolved_against_the_report() -> None:
    strikes = _clause("the U.S. launched airstrikes into Syria this month", time="this month")
    assert clause_date(strikes, PUBLISHED) == ("2018-04", "month")
    withdrew = _clause("Trump withdrew from the accord last year", time="last year")
    assert clause_date(withdrew, PUBLISHED) == ("2017", "year")
    assert clause_date(withdrew, "") == ("", "")
    week = _clause("Pompeo met Kim last week", ("2018-04-16",), time="last week")
    assert clause_date(week, PUBLISHED) == ("2018-04-16", "week")


def test_when_the_report_dates_a_clause() -> None:
    assert of_the_day(_clause("Pompeo accused Iran of behaving worse"))
    assert of_the_day(_clause("the United States has threatened tariffs", tense="perfect"))
    assert not of_the_day(_clause("it had reached a deal with South Korea", tense="past-perfect"))
    assert not of_the_day(_clause("the French president has criticized Trump in recent weeks", tense="perfect"))
    assert not of_the_day(_clause("he discussed Iran with Trump over the weekend", time="the weekend"))


def test_a_habit_is_not_the_news_of_the_day() -> None:
    assert not of_the_day(_clause("the governor has often dismissed the complaints", tense="perfect"))
    assert not of_the_day(_clause("the mayor routinely criticized the council"))


def test_a_possessive_time_is_when_a_thing_is() -> None:
    talks = _clause("the union agreed to hold talks ahead of next month's festival", time="next month")
    assert clause_date(talks, PUBLISHED) == ("", "")
    assert of_the_day(talks)
    vote = _clause("the mayor criticized last week's vote", time="last week")
    assert clause_date(vote, PUBLISHED) == ("", "")
