"""When an event happened, as its clause or its report tells it, with the precision told.

A clause dates its event by a date of its own ("on Tuesday", "in 1961", "in November"), or by
time words resolved against the report's publication ("this month" in a report of 24 April
2018 is 2018-04, "last week" that week). A year that names a thing is no date of the act:
"criticized the 2015 agreement" did not happen in 2015. A clause without any time of its own
takes the report's date when it is the report's news; not when it tells of a span ("for
years"), is in the past perfect ("had agreed"), or gives a time that could not be placed.

    date, precision = clause_date(proposition, published)   # ("2018-04", "month") or ("", "")
    if not date and of_the_day(proposition): date = published[:10]
"""

from __future__ import annotations

import re

from storyline.analyze.dates import MONTHS, WEEK, WEEKEND, resolve_dates
from storyline.models import Proposition

# Precision of an event date by its written form: 2017-06-26, 2017-06, 2017, ????-06-22, ????-06-??.
_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\?{4}-\d{2}-\d{2}$"), "day-without-year"),
    (re.compile(r"^\?{4}-\d{2}-\?{2}$"), "month-without-year"),
)
# Clauses about a span of time ("for years", "over the years"), a habit ("has often dismissed")
# or told in the past perfect ("had agreed"): the act is not the report's news, so it takes no
# date from the report.
_DURATIVE = re.compile(
    r"\b(for (several |many )?(years|decades|months)|over the (years|decades)|in recent (years|months|weeks)|long (been|accused|denied)|"
    r"repeatedly|(?:often|oftentimes|frequently|routinely|regularly|constantly|habitually)|years ago|have long|has long|had long|"
    r"had (\w+ly )?\w+(ed|en))\b",
    re.IGNORECASE,
)
_WEEK = re.compile(r"\b(last|this|past|previous) week(end)?\b|\bweekend\b", re.IGNORECASE)
# A year (or a month) after an article or a possessive names a thing: "the 2015 agreement",
# "Iran's 2015 deal", "Trump's July phone call".
_NAMING_YEAR = r"\b(?:the|a|an|its|his|her|their|our|this|that)\s+{year}\b|['’]s\s+{year}\b|\b{year}\s*[-–]\s*\d{{2,4}}\b"
# A year is the time of the act when a preposition of time leads to it ("in 1961", "since 2015",
# "again in 2005", "in early 2017"); otherwise it names something ("2020 Democratic hopefuls").
# A time written as a possessive names when a thing is, not when the act was: "agreed to talks
# ahead of next month's Olympics", "criticized last week's vote". Tuned on AllSides leads (reading 5
# of docs/events-reading.md); rerun `storyline eval event-sample`.
_POSSESSIVE = "{time}\\s*['’]s\\b"
_TIME_YEAR = r"\b(?:in|since|by|until|till|before|after|during|from|through|of|around|circa)\s+(?:(?:early|late|mid-?|the\s+(?:spring|summer|fall|autumn|winter)\s+of)\s*)?{year}\b"


def clause_date(proposition: Proposition, published: str) -> tuple[str, str]:
    """(date, precision) the clause gives for its act, or ("", "") when it gives none."""
    for date in proposition.dates:
        precision = date_precision(date)
        if not precision or _names_a_thing(date, precision, proposition.text):
            continue
        if proposition.tense in ("present", "perfect") and published and date[:4].isdigit() and date[:4] < published[:4]:
            # "The DNC blames Russia for breaches in 2015": a stance held now; the year is the breaches'.
            continue
        if precision == "day" and _WEEK.search(proposition.text):
            precision = "week"
        return date, precision
    if proposition.time and published and not _time_names_a_thing(proposition):
        for resolved in resolve_dates(proposition.time, published):
            precision = resolved.precision
            if precision in (WEEK, WEEKEND):
                return resolved.date.isoformat(), "week"
            if precision == "month":
                return resolved.date.isoformat()[:7], "month"
            if precision == "year":
                return resolved.date.isoformat()[:4], "year"
    return "", ""


def of_the_day(proposition: Proposition) -> bool:
    """Whether the report's date may date a clause that gives no date of its own."""
    if _DURATIVE.search(proposition.text) or proposition.tense == "past-perfect":
        return False
    return not proposition.time or _time_names_a_thing(proposition)


def _time_names_a_thing(proposition: Proposition) -> bool:
    """Whether the clause's time words are a possessive of a noun ("next month's Olympics")."""
    pattern = _POSSESSIVE.format(time=re.escape(proposition.time))
    return re.search(pattern, proposition.text, flags=re.IGNORECASE) is not None


def date_precision(date: str) -> str:
    """day, month, year, day-without-year or month-without-year by the date's form; "" when undated."""
    return next((name for pattern, name in _PRECISION if pattern.match(date)), "")


def _names_a_thing(date: str, precision: str, text: str) -> bool:
    """Whether the year or month of a date is written as a modifier of a noun ("the 2015 deal",
    "Trump's July phone call") rather than as the time of the act."""
    if precision == "year":
        written = re.escape(date)
        if re.search(_TIME_YEAR.format(year=written), text, flags=re.IGNORECASE) is None:
            return True
    elif precision == "month-without-year":
        written = MONTHS[int(date[5:7]) - 1]
    else:
        return False
    return re.search(_NAMING_YEAR.format(year=written), text, flags=re.IGNORECASE) is not None
