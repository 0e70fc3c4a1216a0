"""Normalise the values facts are compared by: numbers with what they count, and dates.

Two reports disagree only when they give comparable values: "12 people" against
"15 people", "June 22" against "June 23". These helpers turn text into forms that can be
compared ("12", "????-06-22") and say when a value is hedged ("about 20").
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "dozen": 12}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000, "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
# Words that make a number approximate: such values conflict only when far apart.
HEDGES = frozenset({"about", "around", "approximately", "nearly", "almost", "some", "over", "more", "than",
                    "least", "up", "roughly", "estimated", "several", "dozens", "hundreds", "thousands",
                    "under", "fewer", "less", "or", "to", "between"})
# The unit of a score or tally written as two numbers with a dash ("approved 9-3", "a 5-4
# ruling", "won 3-1"): distinctive enough to anchor two clauses, compared as written.
SCORE_UNIT = "score"
_SCORE = re.compile(r"(\d+)\s?[-–—]\s?(\d+)")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A hyphen with a word on one side ("two-million-euro", "2.6-million"), unlike a range or score.
_WORD_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=[0-9])")
# Multipliers written onto a figure ("2m", "1.5bn", "40k"), and such a figure.
FIGURE_SUFFIXES = frozenset({"m", "bn", "k"})
_SUFFIXED = re.compile(r"(\d[\d,]*(?:\.\d+)?)(" + "|".join(sorted(FIGURE_SUFFIXES)) + ")")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def parse_number(text: str) -> tuple[str, bool]:
    """(normalised value, approximate) of a number as written; the value is "" when unreadable."""
    lowered = text.lower().replace("$", " ").replace("€", " ").replace("£", " ").replace("%", " ")
    words = _WORD_HYPHEN.sub(" ", lowered).split()
    approximate = any(word in HEDGES for word in words)
    suffixed = [_SUFFIXED.fullmatch(word.rstrip(".")) for word in words]
    words = [part for word, match in zip(words, suffixed) for part in (match.groups() if match else (word,))]
    total = _spelled_value(words)
    if total is None:
        return "", approximate
    return (str(int(total)) if total == int(total) else f"{total:g}"), approximate


def _spelled_value(words: list[str]) -> float | None:
    """The value of the first number in `words`, digits or words: "sixty seven" is 67, "two
    hundred" 200, "2.5 million" 2,500,000, "one hundred twenty" 120. A bare "dozens" or
    "hundreds" is no number (None). Words after the number ends are ignored."""
    total = 0.0
    current: float | None = None
    started = False
    for word in words:
        bare = word.rstrip(".")
        match = _NUMBER.fullmatch(bare)
        if match and not started:
            current, started = float(match.group(0).replace(",", "")), True
        elif word in NUMBER_WORDS and (not started or (current is not None and _adds(current, NUMBER_WORDS[word]))):
            current, started = (current or 0.0) + NUMBER_WORDS[word], True
        elif word == "hundred":
            current, started = (current or 1.0) * 100, True
        elif word in MULTIPLIERS and current is not None:
            total += current * MULTIPLIERS[word]
            current = 0.0
        elif word == "and" and started:
            continue
        elif started:
            break
    if not started:
        return None
    return total + (current or 0.0)


def _adds(current: float, word_value: int) -> bool:
    """Whether a number word continues the number so far: "sixty" + "seven", "hundred" + "twenty"."""
    if current % 100 == 0 and current > 0:
        return word_value < 100
    return current % 10 == 0 and current >= 20 and word_value < 10 and current < 100


def parse_score(text: str) -> str:
    """"9-3" for a score written "9-3" or "9–3", "" when the text is not a score."""
    match = _SCORE.fullmatch(text.strip())
    return f"{int(match.group(1))}-{int(match.group(2))}" if match else ""


def normalise_date(text: str) -> str:
    """"YYYY-MM-DD" with "?" for unknown parts, a weekday name, or "" for relative dates."""
    lower = text.lower()
    year_match = _YEAR.search(lower)
    year = year_match.group(1) if year_match else "????"
    month = next((number for name, number in MONTHS.items() if re.search(rf"\b{name}\b\.?", lower)), 0)
    day = ""
    if month:
        stripped = _YEAR.sub(" ", lower)
        day_match = _DAY.search(stripped)
        if day_match and 1 <= int(day_match.group(1)) <= 31:
            day = f"{int(day_match.group(1)):02d}"
    if month:
        return f"{year}-{month:02d}-{day or '??'}"
    if year_match and not re.search(r"\b(ago|last|next|this|since|earlier|later)\b", lower):
        return year
    weekday = next((w for w in WEEKDAYS if w in lower), "")
    return weekday


def dates_comparable(first: str, second: str) -> bool:
    """Whether two normalised dates give the same parts (so a difference is a disagreement)."""
    if not first or not second:
        return False
    if first in WEEKDAYS or second in WEEKDAYS:
        return first in WEEKDAYS and second in WEEKDAYS
    a, b = first.split("-"), second.split("-")
    if len(a) != len(b):
        return False
    return all((x == "??" or x == "????") == (y == "??" or y == "????") for x, y in zip(a, b))
