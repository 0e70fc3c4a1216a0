"""What story clustering reads from one report: words, names, numbers and dates.

Computed once per report and kept as plain JSON-ready data, so a store can persist it and
rebuild the clustering index without reading the texts again. Everything here is cheap
string work: named entities come from the analysis stage when it ran, and from a
capitalised-phrase heuristic when it did not.
"""

from __future__ import annotations

import base64
import datetime
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,:]\d+)*")
_CAPITALISED = re.compile(r"[A-Z][\w'’\-.]*")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?:\.\s(\d))?(?![\w])")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}}){_ORDINAL}\b|\b(\d{{1,2}}){_ORDINAL}\s+({_MONTH_WORD})\b", re.IGNORECASE
)
# A month-day with its year right after it: "April 10, 2007", "18th September 2013".
_FULL_DATE = re.compile(
    rf"\b(?:({_MONTH_WORD})\.?\s+(\d{{1,2}}){_ORDINAL}|(\d{{1,2}}){_ORDINAL}\s+({_MONTH_WORD})\.?),?\s+(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(1[89]\d\d|20\d\d)-(\d\d)-(\d\d)\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{2,4})\b")
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "dozen": "12",
}
# Capitalised words that start sentences or name weekdays and months: not names.
_NOT_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr"} | set(_MONTHS)
)
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "just", "like", "year", "years"}
# Suffixes stripped so "arrested", "arrests" and "arrest" count as one word.
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")
# Shortest stem a suffix may leave; shorter words are kept whole ("news", "bus").
_MIN_STEM = 4
# Lines shorter than this at the top of a report are headline/dateline candidates.
_LEADING_LINE_CHARS = 90
# The lead (first lines and sentences: headline, dateline, opening sentence) names the
# event; its words and names count `1 + LEAD_BOOST` times. Tuned on ECB+ train (pairwise
# AUC of same-event pairs within a topic: 0.886 without, 0.891 with); rerun evaluate_stories.
LEAD_SENTENCES = 3
LEAD_BOOST = 2
# How many leading lines are searched for a dateline.
_LEADING_LINES = 4


@dataclass(frozen=True, kw_only=True)
class DocumentFeatures:
    """One report as story clustering sees it.

    `terms` are stemmed content words with counts, `names` lower-cased name tokens and whole
    names, `numbers` the quantities mentioned ("23", "6.1"), `dates` month-day mentions
    ("11-30") and years, `published` an ISO date (given, or read from a dateline).
    `meaning` is the sentence encoder's unit vector of the headline and lead (None when no
    encoder ran), `meaning_id` the encoder that made it: a vector of another encoder is
    not comparable and is made again.
    """

    terms: dict[str, int]
    names: dict[str, int]
    numbers: dict[str, int]
    dates: dict[str, int]
    published: str = ""
    title: str = ""
    meaning: np.ndarray | None = None
    meaning_id: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready state, so a store can rebuild the index without the text.

        The vector is kept as base64 of float16 values: half the bytes of float32, and
        cosines change by less than 0.001.
        """
        data: dict[str, Any] = {
            "terms": self.terms,
            "names": self.names,
            "numbers": self.numbers,
            "dates": self.dates,
            "published": self.published,
            "title": self.title,
        }
        if self.meaning is not None:
            data["meaning"] = encode_vector(self.meaning)
            data["meaning_id"] = self.meaning_id
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentFeatures:
        """Inverse of `to_json`; missing keys are empty."""
        return cls(
            terms={str(k): int(v) for k, v in data.get("terms", {}).items()},
            names={str(k): int(v) for k, v in data.get("names", {}).items()},
            numbers={str(k): int(v) for k, v in data.get("numbers", {}).items()},
            dates={str(k): int(v) for k, v in data.get("dates", {}).items()},
            published=str(data.get("published", "")),
            title=str(data.get("title", "")),
            meaning=decode_vector(data.get("meaning")),
            meaning_id=str(data.get("meaning_id", "")),
        )


def encode_vector(vector: np.ndarray) -> str:
    """A vector as base64 of little-endian float16 values, for JSON."""
    return base64.b64encode(vector.astype("<f2").tobytes()).decode("ascii")


def decode_vector(encoded: Any) -> np.ndarray | None:
    """A stored vector back as float32 (None when absent or unreadable)."""
    if not isinstance(encoded, str) or not encoded:
        return None
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError:
        return None
    if not raw or len(raw) % 2:
        return None
    return np.frombuffer(raw, dtype="<f2").astype(np.float32)


def extract_features(
    *,
    title: str,
    text: str,
    published: str = "",
    entities: Sequence[str] = (),
    meaning: np.ndarray | None = None,
    meaning_id: str = "",
) -> DocumentFeatures:
    """Describe one report; `entities` (from NER) replace the capitalised-phrase guess."""
    full = f"{title}\n{text}" if title else text
    lead = lead_text(full)
    if entities:
        names = Counter(_name_keys(entities))
        lead_lower = lead.lower()
        names.update(_name_keys([name for name in entities if name.lower() in lead_lower]) * LEAD_BOOST)
    else:
        names = Counter(_name_keys(guess_names(full)))
        names.update(_name_keys(guess_names(lead)) * LEAD_BOOST)
    terms = Counter(content_words(full))
    terms.update(content_words(lead) * LEAD_BOOST)
    return DocumentFeatures(
        terms=dict(terms),
        names=dict(names),
        numbers=dict(Counter(numbers_in(full))),
        dates=dict(Counter(dates_in(full))),
        published=published[:10] if published else dateline_date(text),
        title=(title or first_sentence(text)).strip()[:300],
        meaning=meaning,
        meaning_id=meaning_id if meaning is not None else "",
    )


def meaning_text(title: str, text: str) -> str:
    """What the sentence encoder reads of a report: its headline and lead."""
    full = f"{title}\n{text}" if title else text
    return lead_text(full)


def lead_text(text: str) -> str:
    """Headline, dateline and opening sentence: where a report says which event it is about."""
    parts = [part for part in _SENTENCE_END.split(text) if part.strip()]
    return "\n".join(parts[:LEAD_SENTENCES])


def content_words(text: str) -> list[str]:
    """Stemmed, lower-cased words that are neither stop words nor numbers."""
    words = []
    for token in _TOKEN.findall(text):
        word = _content_word(token)
        if word:
            words.append(word)
    return words


@functools.lru_cache(maxsize=200_000)
def _content_word(token: str) -> str:
    """The stem of one token, "" when it does not count (memoised: vocabularies repeat)."""
    if token[0].isdigit():
        return ""
    word = token.lower().replace("’", "'")
    word = word.removesuffix("'s")
    if len(word) < 2 or word in _STOP:
        return ""
    return stem(word)


def stem(word: str) -> str:
    """Strip one inflectional suffix when enough of the word is left."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            base = word[: -len(suffix)]
            return base[:-1] if suffix in ("ed", "ing") and len(base) > _MIN_STEM and base[-1] == base[-2] else base
    return word


def guess_names(text: str) -> list[str]:
    """Runs of capitalised words, the cheap stand-in for named entities.

    A lone capitalised word that opens a sentence is kept only when the same word also
    appears capitalised inside a sentence, which drops "The", "After" and the like.
    """
    runs: list[tuple[str, bool]] = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        current: list[str] = []
        opens = True
        for index, word in enumerate(words):
            clean = word.strip("\"'“”‘’()[],;:!?")
            if clean and _CAPITALISED.fullmatch(clean) and clean.lower() not in _STOP - {"us"}:
                if not current:
                    opens = index == 0
                current.append(clean.rstrip("."))
                if word.endswith((",", ";", ":")):
                    runs.append((" ".join(current), opens))
                    current = []
            elif current:
                runs.append((" ".join(current), opens))
                current = []
        if current:
            runs.append((" ".join(current), opens))
    inside = {run.lower() for run, opens in runs if not opens}
    names = []
    for run, opens in runs:
        if opens and " " not in run and run.lower() not in inside:
            continue
        if run.isupper() and len(run) > 5 and " " in run:
            continue
        names.append(run)
    return names


def _name_keys(names: Iterable[str]) -> list[str]:
    """Whole names plus their words, so "Comeaux" matches "Arcade Joseph Comeaux Jr"."""
    keys = []
    for name in names:
        words = [w.lower().strip(".'’") for w in name.split()]
        words = [w for w in words if w and w not in _NOT_NAMES and w not in _STOP and not w.isdigit()]
        if not words:
            continue
        if len(words) > 1:
            keys.append("=" + " ".join(words))
        keys.extend(words)
    return keys


def numbers_in(text: str) -> list[str]:
    """Quantities mentioned: digits (years excluded) and spelled-out numbers above one."""
    found = []
    for match in _NUMBER.finditer(text):
        value = match.group(1).replace(",", "")
        if match.group(2):
            value = f"{value}.{match.group(2)}"
        if _YEAR.fullmatch(value):
            continue
        found.append(value.rstrip("0").rstrip(".") if "." in value else value.lstrip("0") or "0")
    for token in re.findall(r"[a-z]+", text.lower()):
        if token in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[token])
    return found


def dates_in(text: str) -> list[str]:
    """Years ("y2009") and month-day mentions ("11-30") in the text."""
    found = ["y" + year for year in _YEAR.findall(text)]
    for match in _MONTH_DAY.finditer(text):
        month = _MONTHS[(match.group(1) or match.group(4)).lower()]
        day = int(match.group(2) or match.group(3))
        if 1 <= day <= 31:
            found.append(f"{month:02d}-{day:02d}")
    return found


def dateline_date(text: str) -> str:
    """The date a report gives in its first short lines (its dateline), as ISO; "" if none.

    Read, in order of trust: an ISO date, a month and day with the year after them
    ("April 10, 2007"), a numeric date (month first, day first when the month cannot be).
    A year on its own is not a date: "1052 GMT (1852 HKT), April 10, 2007" is 2007.
    """
    for line in text.splitlines()[:_LEADING_LINES]:
        if len(line) > _LEADING_LINE_CHARS:
            continue
        for match in _ISO_DATE.finditer(line):
            found = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return found
        for match in _FULL_DATE.finditer(line):
            month = _MONTHS[(match.group(1) or match.group(4)).lower()]
            found = _iso(int(match.group(5)), month, int(match.group(2) or match.group(3)))
            if found:
                return found
        for match in _NUMERIC_DATE.finditer(line):
            first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            year = year + 2000 if year < 100 else year
            found = _iso(year, first, second) or _iso(year, second, first)
            if found:
                return found
    return ""


def _iso(year: int, month: int, day: int) -> str:
    """"YYYY-MM-DD" when the parts make a real date in 1900-2099, else ""."""
    if not 1900 < year < 2100:
        return ""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def first_sentence(text: str) -> str:
    """The first line or sentence, the headline of a report that has no title."""
    for part in _SENTENCE_END.split(text.strip()):
        if part.strip():
            return part.strip()
    return ""
