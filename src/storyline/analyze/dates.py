"""Dates in a report's text, resolved against its publication date.

News writes dates relative to the day it is published: "on Sunday", "yesterday", "last
week", "this month", "on June 22" (no year). `resolve_dates` finds such expressions and
gives each a calendar date and a precision (day, week, month or year). Periods resolve to
their first day: "last week" is the Monday of the week before publication (ISO weeks).

A bare weekday means the most recent such day (the publication day included), as in
"said on Sunday", unless the clause before it points ahead ("will meet on Friday"); a
month and day without a year take the year that puts them nearest to publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from storyline.clean.published import parse_published

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                        "Oct": 10, "Nov": 11, "Dec": 12}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Words in the same clause before a date that make it point ahead of publication.
FUTURE_CUES = (
    "will", "'ll", "’ll", "shall", "would", "is due", "are due", "due to", "expected to", "scheduled", "set to",
    "plan to", "plans to", "planned", "going to", "to be held", "upcoming", "ahead of", "next",
)
# Characters before a date searched for a future cue (the cue must also be in the same clause).
FUTURE_CUE_WINDOW = 60
# Names that contain a weekday but are not a day of the past week: outlets and named days.
NOT_A_WEEKDAY = (
    "Mail on Sunday", "Independent on Sunday", "Sunday Times", "Sunday Telegraph", "Sunday Express", "Sunday Mirror",
    "Sunday Post", "Sunday Herald", "Sunday Morning Herald", "Good Friday", "Black Friday", "Super Tuesday",
    "Ash Wednesday", "Cyber Monday", "Bloody Sunday", "Easter Sunday", "Easter Monday", "Palm Sunday",
    "Maundy Thursday", "Holy Saturday", "Saturday Night Live",
)

DAY, WEEKEND, WEEK, MONTH, YEAR = "day", "weekend", "week", "month", "year"


@dataclass(frozen=True, kw_only=True)
class ResolvedDate:
    """A date expression at text[start:end] and the first day of the period it names.

    `precision` is "day", "weekend" (date is the Saturday), "week" (ISO week, date is the
    Monday), "month" or "year".
    """

    text: str
    start: int
    end: int
    date: date
    precision: str = DAY


_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS) + "|" + "|".join(rf"{abbr}\.?" for abbr in _MONTH_ABBREVIATIONS)
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![.,]?\d)"
_YEARNUM = r"(?P<year>(?:19|20)\d\d)"
_NUMBER = r"\d{1,3}|" + "|".join(_NUMBER_WORDS)
_I = "(?i:{})"  # case-insensitive group for the relative words; names stay capitalised

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("month_day", rf"\b(?P<month>{_MONTH})\s+{_DAYNUM}\b(?:,?\s+{_YEARNUM}\b)?"),
        ("day_month", rf"\b(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+{_YEARNUM}\b)?"),
        ("month_year", rf"\b(?P<month>{_MONTH})\s+{_YEARNUM}\b"),
        ("relative_month", _I.format(r"\b(?P<mod>last|next|this|in|during|since|by|until|early|late|mid-?|end\s+of)\s*")
         + rf"(?P<month>{_MONTH})\b"),
        ("ago", _I.format(rf"\b(?P<count>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
        ("period", _I.format(r"\b(?P<mod>last|this|next|earlier\s+this|later\s+this|past)\s+(?P<unit>week|month|year|weekend)\b")),
        ("day_word", _I.format(r"\b(?P<word>(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|yesterday"
                               r"|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b")),
        ("weekday", _I.format(r"(?:\b(?P<mod>last|next|this|on|by|until|since)\s+)?") + rf"\b(?P<weekday>{_WEEKDAY})\b"),
    )
)
_NOT_A_WEEKDAY = re.compile("|".join(re.escape(name) for name in NOT_A_WEEKDAY))
_FUTURE = re.compile(r"(?i)(?:^|\W)(?:" + "|".join(re.escape(cue) for cue in FUTURE_CUES) + r")\b")
_CLAUSE_END = re.compile(r"[.!?;:,\n]")


def resolve_dates(text: str, published: str | date | datetime) -> list[ResolvedDate]:
    """Every date expression in `text`, in order, resolved against `published`.

    `published` is a date, a datetime, or a string in ISO 8601 or RFC 2822 form; when it
    cannot be read nothing can be resolved and the result is empty.
    """
    anchor = parse_published(published)
    if anchor is None:
        return []
    blocked = [match.span() for match in _NOT_A_WEEKDAY.finditer(text)]
    found: list[ResolvedDate] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if name == "weekday" and any(start <= match.start("weekday") < end for start, end in blocked):
                continue
            resolved = _RESOLVERS[name](match, anchor, _points_ahead(text, match.start()))
            if resolved is not None:
                day, precision = resolved
                found.append(ResolvedDate(text=match.group(0), start=match.start(), end=match.end(), date=day,
                                          precision=precision))
    return _without_overlaps(found)


Resolved = tuple[date, str] | None


def _month_day(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    month = _month_number(match.group("month"))
    day = int(match.group("day"))
    if match.group("year"):
        exact = _safe_date(int(match.group("year")), month, day)
        return (exact, DAY) if exact else None
    candidates = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(year, month, day))]
    if not candidates:
        return None
    if ahead:
        later = [d for d in candidates if d >= anchor]
        candidates = later or candidates
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor)), DAY


def _month_year(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    return date(int(match.group("year")), _month_number(match.group("month")), 1), MONTH


def _relative_month(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    month = _month_number(match.group("month"))
    mod = " ".join(match.group("mod").lower().split())
    if month == 5 and match.group("month") == "May" and mod in ("by", "until", "since"):
        return None  # "by May" could be a name; only unambiguous phrasings of May count
    current = anchor.year * 12 + anchor.month - 1
    same_year = anchor.year * 12 + month - 1
    if mod == "last":
        target = same_year if same_year < current else same_year - 12
    elif mod == "next":
        target = same_year if same_year > current else same_year + 12
    elif mod == "this":
        target = same_year
    else:
        options = [same_year - 12, same_year, same_year + 12]
        if ahead or mod in ("by", "until"):
            options = [m for m in options if m >= current] or options
        target = min(options, key=lambda m: (abs(m - current), m > current))
    return date(target // 12, target % 12 + 1, 1), MONTH


def _ago(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    raw = match.group("count").lower()
    count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = match.group("unit").lower()
    if unit == "day":
        return anchor - timedelta(days=count), DAY
    if unit == "week":
        return anchor - timedelta(weeks=count), WEEK
    if unit == "month":
        return _shift_months(anchor, -count), MONTH
    return _shift_months(anchor, -12 * count), YEAR


def _period(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    mod = " ".join(match.group("mod").lower().split())
    unit = match.group("unit").lower()
    step = {"last": -1, "past": -1, "next": 1}.get(mod, 0)
    if mod == "past" and unit != "weekend":
        # "the past week" is the span of that length ending at publication, not the calendar period.
        if unit == "week":
            return anchor - timedelta(weeks=1), WEEK
        if unit == "month":
            return _shift_months(anchor, -1), MONTH
        return _shift_months(anchor, -12), YEAR
    monday = anchor - timedelta(days=anchor.weekday())
    if unit == "week":
        return monday + timedelta(weeks=step), WEEK
    if unit == "weekend":
        return monday + timedelta(days=5) + timedelta(weeks=step), WEEKEND
    if unit == "month":
        return _shift_months(anchor.replace(day=1), step), MONTH
    return date(anchor.year + step, 1, 1), YEAR


def _day_word(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    word = " ".join(match.group("word").lower().split()).removeprefix("the ")
    offsets = {"day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1, "day after tomorrow": 2}
    return anchor + timedelta(days=offsets.get(word, 0)), DAY


def _weekday(match: re.Match[str], anchor: date, ahead: bool) -> Resolved:
    target = WEEKDAYS.index(match.group("weekday"))
    mod = (match.group("mod") or "").lower()
    back = (anchor.weekday() - target) % 7
    forward = (target - anchor.weekday()) % 7
    if mod == "last":
        return anchor - timedelta(days=back or 7), DAY
    if mod == "next":
        return anchor + timedelta(days=forward or 7), DAY
    if mod == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=target), DAY
    if ahead or mod in ("by", "until"):
        return anchor + timedelta(days=forward), DAY
    return anchor - timedelta(days=back), DAY


_RESOLVERS = {
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "relative_month": _relative_month,
    "ago": _ago,
    "period": _period,
    "day_word": _day_word,
    "weekday": _weekday,
}


def _points_ahead(text: str, start: int) -> bool:
    """Whether the clause just before `start` speaks of the future."""
    before = text[max(0, start - FUTURE_CUE_WINDOW) : start]
    clause_breaks = list(_CLAUSE_END.finditer(before))
    if clause_breaks:
        before = before[clause_breaks[-1].end() :]
    return bool(_FUTURE.search(before))


def _without_overlaps(found: list[ResolvedDate]) -> list[ResolvedDate]:
    """Keep the longest expression where several overlap (the earliest on a tie)."""
    kept: list[ResolvedDate] = []
    for item in sorted(found, key=lambda r: (-(r.end - r.start), r.start)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda r: r.start)


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    if name in MONTHS:
        return MONTHS.index(name) + 1
    return _MONTH_ABBREVIATIONS[name]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return _safe_date(year, month + 1, day.day) or date(year, month + 1, 28)
