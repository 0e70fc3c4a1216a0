"""Disagreement between reports on one fact: the same slot with incompatible values.

Only comparable values are compared: numbers counting the same thing ("12 people" vs
"14 people"), dates with the same parts ("June 22" vs "June 23"), places of the same kind
for the same action, and the people named as doing or saying the same thing (two outlets
naming different spokesmen for one quotation, different people as the one who acted).
Names compare only as canonical person entities, and only as the report writes them: a name
that the analysis resolved from "he" or "the minister" is an inference, not a report's
word, so it conflicts with nothing. Two names agree when the shorter one's words match
words of the longer ("Nichols" / "Brian G. Nichols", "W. Mark Felt" / "William Mark
Felt"). Who said something conflicts only for a direct quotation: two officials can
both say that nobody was hurt. Places agree when one name contains the other.
A difference in wording or detail ("goods" vs "assets") is not a conflict, and neither is
a figure that grows between reports published on different days (a developing story), a
count of another person's doing, a sum in another currency, or a weekday in a report whose
publication day is unknown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from storyline import wordlists
from storyline.analyze.lexicon import load_lexicon
from storyline.analyze.values import dates_comparable, normalise_date, parse_number
from storyline.corroborate.entities import name_words, same_person
from storyline.models import ConflictValue, Proposition, Report

# Hedged numbers ("about 40") conflict only when they differ by more than this fraction.
# Tuned on the example corpus (tests/test_corroborate.py).
APPROXIMATE_TOLERANCE = 0.25
# Figures from reports published this many days apart or more are updates, not conflicts.
DEVELOPMENT_DAYS = 1
# Two propositions must be this similar (cosine, as in align.py) for their values to be
# compared: "2.3 million people affected" and "310,000 of them in Canada" align loosely but
# count different things. Tuned on the example corpus (tests/test_corroborate.py).
CONFLICT_MIN_SIMILARITY = 0.45
# Different people for one claim conflict only when the claims are nearly the same
# otherwise: outlets often quote two officials saying similar things. Tuned on the example
# corpus and the seeds (`storyline eval facts`: no spurious conflicts); rerun after changing.
NAME_CONFLICT_MIN_SIMILARITY = 0.6
# The unit of sums of money, and how the currency of one is written.
MONEY_UNIT = "money"
CURRENCY_MARKS = {
    "EUR": ("€", "euro"),
    "GBP": ("£", "pound", "sterling"),
    "JPY": ("¥", "yen"),
    "USD": ("$", "dollar"),
}
# Words after a count that make it a count of the rest ("two other rifles").
REMAINDER_WORDS = "other|more|additional|further|remaining"
# Words before a count that make it a bound, not a value: "at least two people" agrees with
# "100 people", "up to three motors" with "two motors".
LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "as many as")
UPPER_BOUNDS = ("up to", "fewer than", "less than", "under", "at most", "no more than", "nearly", "almost", "just under")
# Counts of one thing more than this factor apart count different things (one punch in a
# round and 178 in the fight, one arrest early on and 46 by the end): reports that disagree
# on a count disagree by less (11 or 7 shots, 10 or 9 games, .38 or .357). Tuned on ECB+
# (`storyline eval conflicts --json`, read in docs/conflicts-reading.md); rerun after changing.
COUNT_RATIO = 10.0
# Words after a count that make it a part of a whole named elsewhere: "nine of the dead",
# "two of them", "one of Egypt's largest providers".
PART_OF = r"of\s+(?:the|them|those|whom|which|its|their|his|her|our|these|[A-Z][\w.'’]*(?:'s|’s))\b"
# Last words of a place name that make it an address, not a town.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "lane", "drive", "boulevard", "way", "place", "square", "highway"})


@dataclass(frozen=True)
class Evidence:
    """One proposition of a fact with its report and the outlet credited for it."""

    proposition: Proposition
    report: Report
    origin: str
    index: int = -1
    sentence: str = ""


@dataclass(frozen=True)
class Conflict:
    """A slot whose values disagree, each value with its sources and reports."""

    slot: str
    values: tuple[ConflictValue, ...]


def find_conflict(evidence: Sequence[Evidence], similarity: Callable[[int, int], float] | None = None) -> Conflict | None:
    """The first slot on which independent reports of one fact disagree, if any.

    Only propositions at least CONFLICT_MIN_SIMILARITY alike are compared.
    """
    for item in evidence:
        close = [
            other for other in evidence
            if other is item or similarity is None or similarity(item.index, other.index) >= CONFLICT_MIN_SIMILARITY
        ]
        if len(close) < 2:
            continue
        conflict = _number_conflict(close, evidence)
        if conflict is not None:
            return conflict
        for finder in (_date_conflict, _place_conflict):
            conflict = finder(close)
            if conflict is not None:
                return conflict
        nearly = [
            other for other in close
            if other is item or similarity is None or similarity(item.index, other.index) >= NAME_CONFLICT_MIN_SIMILARITY
        ]
        if len(nearly) >= 2:
            conflict = _name_conflict(nearly, evidence)
            if conflict is not None:
                return conflict
    return None


def _written(item: Evidence, person: str) -> bool:
    """Whether the report writes the person's surname in the claim's sentence (unknown
    sentences count as written)."""
    if not item.sentence:
        return True
    words = name_words(person)
    return bool(words) and words[-1] in _sentence_words(item.sentence)


@functools.lru_cache(maxsize=4096)
def _sentence_words(sentence: str) -> frozenset[str]:
    """The sentence's words as `name_words` spells them; a sentence is asked about often."""
    return frozenset(name_words("x:" + sentence.lower()))


def _same_place(a: str, b: str) -> bool:
    """Place keys that can name one place: one name's words contain the other's."""
    x, y = set(a.split(":", 1)[1].split()), set(b.split(":", 1)[1].split())
    return x <= y or y <= x


def _named(proposition: Proposition, slot: str) -> str:
    return proposition.attribution_entity if slot == "speaker" else proposition.actor_entity


def _name_text(proposition: Proposition, slot: str) -> str:
    return proposition.attribution if slot == "speaker" else proposition.actor


def _names(evidence: Sequence[Evidence], report: str, person: str) -> bool:
    """Whether the report's clauses of this fact name the person (as an entity, or by the
    surname in their sentences)."""
    return any(
        any(e.startswith("person:") and same_person(e, person) for e in item.proposition.entities)
        or (item.sentence and _written(item, person))
        for item in evidence
        if item.report.id == report
    )


def _name_conflict(evidence: Sequence[Evidence], whole: Sequence[Evidence]) -> Conflict | None:
    """Two independent reports naming different people as the actor of one claim, or as the
    speaker of one direct quotation; `whole` is all of the fact's evidence."""
    for slot in ("speaker", "actor"):
        for i, first in enumerate(evidence):
            for second in evidence[i + 1 :]:
                if first.report.id == second.report.id or first.origin == second.origin:
                    continue
                a, b = _named(first.proposition, slot), _named(second.proposition, slot)
                if not (a.startswith("person:") and b.startswith("person:")) or same_person(a, b):
                    continue
                if slot == "speaker" and not (first.proposition.kind == second.proposition.kind == "quote"):
                    continue
                if not (_written(first, a) and _written(second, b)):
                    continue
                if _names(whole, first.report.id, b) or _names(whole, second.report.id, a):
                    # Both reports name both people: they differ in roles, not in who it was.
                    continue
                if slot == "actor" and (
                    first.proposition.action != second.proposition.action
                    or not (_actor_written(first.proposition) and _actor_written(second.proposition))
                ):
                    continue
                values = {_name_text(first.proposition, slot): [first], _name_text(second.proposition, slot): [second]}
                return Conflict(slot=slot, values=_plain_values(values))
    return None


def _actor_written(proposition: Proposition) -> bool:
    """Whether the clause names its actor as the actor text says, a name of capitalised words
    written in the clause ("Stanley"), not one resolved from "she" or a long phrase the
    parse took for a subject."""
    actor = proposition.actor.strip()
    words = actor.split()
    if not words or not all(w[:1].isupper() for w in words if w.isalpha()):
        return False
    return actor.lower() in proposition.text.lower()


def _same_day(first: Report, second: Report) -> bool:
    a, b = first.published[:10], second.published[:10]
    if not a or not b:
        return True
    try:
        from datetime import date

        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) < DEVELOPMENT_DAYS
    except ValueError:
        return a == b


def _number_conflict(evidence: Sequence[Evidence], whole: Sequence[Evidence]) -> Conflict | None:
    """Two independent reports giving different counts of one thing.

    A clause that gives two counts of one unit ("scored on four of their first five
    drives", "28 of 41 passes") names a part and a whole, and a count of "other" or "more"
    ("two other rifles") names what is left of a whole: neither is compared on that unit.
    """
    for unit in dict.fromkeys(q.unit for item in evidence for q in item.proposition.quantities):
        values: dict[str, list[Evidence]] = {}
        for item in evidence:
            if item.proposition.modality:
                # A hedged or targeted figure ("could cost $5bn", "needed nine points") is
                # no figure a report stands by.
                continue
            counts = _report_values([item], unit)
            partial = any(
                q.unit == unit and (_remainder(q.text, item.proposition.text) or _part(q.text, item.proposition.text))
                for q in item.proposition.quantities
            )
            if len(counts) == 1 and not partial:
                values.setdefault(counts.pop(), []).append(item)
        if len(values) >= 2 and _disagree(values, unit, whole):
            return Conflict(slot="quantities", values=_values(values, unit))
    return None


def _disagree(values: Mapping[str, list[Evidence]], unit: str, whole: Sequence[Evidence]) -> bool:
    """Two values for one unit from independent reports that neither repeats nor updates,
    counting the same people's doing and in the same currency."""
    keys = list(values)
    given: dict[str, set[str]] = {}  # per report, every value its clauses of the fact give
    for item in whole:
        given.setdefault(item.report.id, set()).update(_report_values([item], unit))
    for x in range(len(keys)):
        for y in range(x + 1, len(keys)):
            for first in values[keys[x]]:
                for second in values[keys[y]]:
                    if first.report.id == second.report.id or first.origin == second.origin:
                        continue
                    if keys[y] in given[first.report.id] or keys[x] in given[second.report.id]:
                        continue
                    if not _same_day(first.report, second.report) or _close(first, second, keys[x], keys[y], unit):
                        continue
                    if _within_bounds(first, second, keys[x], keys[y], unit) or _apart(keys[x], keys[y]):
                        continue
                    if _writes_figure(first, keys[y]) or _writes_figure(second, keys[x]):
                        continue
                    if not same_predicate(first.proposition, second.proposition, strict=True) or _other_scopes(first.proposition, second.proposition):
                        continue
                    if _different_people(first.proposition, second.proposition) or _different_currencies(first, second, unit):
                        continue
                    return True
    return False


def _remainder(figure: str, clause: str) -> bool:
    """Whether the clause counts the rest of something with this figure ("two other rifles",
    "another 40 people", "12 more victims")."""
    written = re.escape(figure.strip())
    return bool(written) and re.search(rf"(?i)(\banother\s+{written}\b|\b{written}\s+(?:{REMAINDER_WORDS})\b)", clause) is not None


def _part(figure: str, clause: str) -> bool:
    """Whether the clause counts a part of a whole with this figure ("nine of the dead", "one
    of Egypt's largest providers"): a part is not the whole another report counts."""
    written = re.escape(figure.strip())
    return bool(written) and re.search(rf"(?i:\b{written})\s+{PART_OF}", clause) is not None


def bound(figure: str, clause: str) -> str:
    """"min" when the clause gives the figure as a lower bound ("at least 50"), "max" as an
    upper bound ("up to three"), else ""."""
    written = re.escape(figure.strip())
    if not written:
        return ""
    for kind, words in (("min", LOWER_BOUNDS), ("max", UPPER_BOUNDS)):
        pattern = "|".join(re.escape(w) for w in words)
        if re.match(rf"(?i)(?:{pattern})\s", figure.strip()) or re.search(rf"(?i)\b(?:{pattern})\s+{written}\b", clause):
            return kind
    return ""


def _within_bounds(first: Evidence, second: Evidence, a: str, b: str, unit: str) -> bool:
    """Whether one value is a bound the other satisfies ("at least 2" and "100")."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    for item, value, other in ((first, x, y), (second, y, x)):
        for quantity in item.proposition.quantities:
            if quantity.unit != unit:
                continue
            kind = bound(quantity.text, item.proposition.text)
            if (kind == "min" and other >= value) or (kind == "max" and other <= value):
                return True
    return False


def _apart(a: str, b: str) -> bool:
    """Two counts more than COUNT_RATIO apart."""
    try:
        x, y = abs(float(a)), abs(float(b))
    except ValueError:
        return False
    low, high = min(x, y), max(x, y)
    return low > 0 and high / low > COUNT_RATIO


_FIGURE = re.compile(r"(?i)\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|trillion|thousand|hundred|m|bn|k)\b)?|\b[a-z]+(?:[- ][a-z]+)?\b")


def _writes_figure(item: Evidence, value: str) -> bool:
    """Whether the report's clause writes the other report's figure too ("about 32 million
    people tuning in, compared with 55.3 million a decade ago", "28 of 41 passes"): a report
    that gives both figures gives them different roles, and disagrees with neither."""
    if value in _sentence_figures(item.proposition.text):
        return True
    return bool(item.sentence) and value in _compared_figures(item.sentence)


@functools.lru_cache(maxsize=4096)
def _sentence_figures(sentence: str) -> frozenset[str]:
    found: set[str] = set()
    for match in _FIGURE.finditer(sentence):
        number, _approximate = parse_number(match.group(0))
        if number:
            found.add(number)
    return frozenset(found)


# Phrases that limit a count to a span of a longer story: "in his last two games", "since
# Week 11", "this season", "in the first half". Tuned on ECB+ (`storyline eval conflicts`).
_SCOPE = re.compile(
    r"(?i)\b(?:since\s+(?:week|round|game|the)\s+\w+|in\s+(?:his|her|their|its|the)\s+(?:last|first|past|previous|next)\s+"
    r"(?:\w+\s+)?(?:games?|matches|seasons?|weeks?|days?|months?|years?|races?|starts?|rounds?)|(?:this|last)\s+season|"
    r"in\s+the\s+(?:first|second|third|fourth|final|\w+th)\s+(?:half|quarter|period|round|inning|set)|in\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+th)\b)"
)


_COMPARED = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|versus|vs\.?|than)\s+(?:about\s+|nearly\s+|around\s+)?(\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|trillion|thousand|m|bn|k)\b)?)")


@functools.lru_cache(maxsize=4096)
def _compared_figures(sentence: str) -> frozenset[str]:
    """Figures a sentence compares its own against ("32 million, compared with 55.3 million
    a decade ago"): the report knows both, so neither is its disagreement."""
    return frozenset(value for match in _COMPARED.finditer(sentence) if (value := parse_number(match.group(1))[0]))


def same_predicate(first: Proposition, second: Proposition, *, strict: bool = False) -> bool:
    """Whether two clauses state their values of one predicate: a verb in common, through
    the synonym table ("were hurt" / "were injured"), or one's verb named by the other's
    object ("were damaged" / "suffered severe damage") or, unless `strict`, anywhere in the
    other clause ("sold in 1957" / "worked there until it was sold in 1967"); true when
    either has no verb. Counts are compared strictly: a clause holds many counts, each of
    its own verb."""
    a, b = _verbs(first), _verbs(second)
    if not a or not b:
        return True
    if a & b:
        return True
    if strict:
        return bool(a & _object_words(second)) or bool(b & _object_words(first))
    return bool(a & _content(second)) or bool(b & _content(first))


def _verbs(proposition: Proposition) -> set[str]:
    synonyms = load_lexicon().synonyms
    return {synonyms.get(w, w) for w in proposition.action.removeprefix("not ").split() if w not in ("be", "have")}


def _content(proposition: Proposition) -> set[str]:
    """The clause's content lemmas (through the synonym table) and its object's words."""
    return {t for t in proposition.terms if not t.startswith(("@:", "#"))} | _object_words(proposition)


def _object_words(proposition: Proposition) -> set[str]:
    """The words of the clause's object, through the synonym table, singular and as written."""
    synonyms = load_lexicon().synonyms
    words = [w.strip(".,;:'’\"").lower() for w in proposition.object.split()]
    return {synonyms.get(w, w) for w in words if w} | {synonyms.get(w.removesuffix("s"), w.removesuffix("s")) for w in words if w}


def _other_scopes(first: Proposition, second: Proposition) -> bool:
    """The clauses count over different spans: both give a time and not the same one, or one
    limits its count to a span the other does not name ("two touchdowns in his last two
    games" / "since Week 11, eight touchdowns")."""
    a, b = first.time.strip().lower(), second.time.strip().lower()
    if a and b and a != b and not (set(first.dates) & set(second.dates)):
        return True
    x, y = _scope(first.text), _scope(second.text)
    return (bool(x) or bool(y)) and x != y


def _scope(text: str) -> str:
    match = _SCOPE.search(text)
    return " ".join(match.group(0).lower().split()) if match else ""


def _report_values(items: Sequence[Evidence], unit: str) -> set[str]:
    return {q.value for item in items for q in item.proposition.quantities if q.unit == unit}


def _different_people(first: Proposition, second: Proposition) -> bool:
    """Both clauses name a person as the actor, and not the same one ("Artino scored 14
    points" / "Carter scored seven"): their counts are of different people's doing."""
    a, b = first.actor_entity, second.actor_entity
    return a.startswith("person:") and b.startswith("person:") and not same_person(a, b)


def _different_currencies(first: Evidence, second: Evidence, unit: str) -> bool:
    """Sums of money written in two different currencies ("£88m" / "€103 million")."""
    if unit != MONEY_UNIT:
        return False
    a = {_currency(q.text) for q in first.proposition.quantities if q.unit == unit} - {""}
    b = {_currency(q.text) for q in second.proposition.quantities if q.unit == unit} - {""}
    return bool(a and b and not a & b)


def _currency(text: str) -> str:
    lowered = text.lower()
    return next((code for code, marks in CURRENCY_MARKS.items() if any(mark in lowered for mark in marks)), "")


def _close(first: Evidence, second: Evidence, a: str, b: str, unit: str) -> bool:
    approximate = any(q.approximate for q in first.proposition.quantities + second.proposition.quantities if q.unit == unit)
    if not approximate:
        return False
    try:
        x, y = float(a), float(b)
    except ValueError:
        return True
    return abs(x - y) <= APPROXIMATE_TOLERANCE * max(abs(x), abs(y), 1.0)


def _values(values: Mapping[str, list[Evidence]], unit: str) -> tuple[ConflictValue, ...]:
    result = []
    for value, items in values.items():
        result.append(
            ConflictValue(
                value=f"{value} {unit}",
                sources=tuple(dict.fromkeys(i.report.source or i.origin for i in items)),
                reports=tuple(dict.fromkeys(i.report.id for i in items)),
            )
        )
    return tuple(result)


def _date_conflict(evidence: Sequence[Evidence]) -> Conflict | None:
    for i, first in enumerate(evidence):
        for second in evidence[i + 1 :]:
            if first.report.id == second.report.id or first.origin == second.origin:
                continue
            a, b = set(first.proposition.dates), set(second.proposition.dates)
            if len(a) != 1 or len(b) != 1 or a & b:
                # A clause with two dates gives them roles ("below 2005 levels by 2030"): a
                # base year is not a target year, so only one date a side is compared.
                continue
            weekday = any(x[:1].isalpha() for x in a | b)
            relative = weekday or _relative(first.proposition) or _relative(second.proposition)
            if relative and not _same_day(first.report, second.report):
                continue
            if weekday and not (first.report.published and second.report.published):
                # "on Friday" in a report of unknown day may mean any Friday.
                continue
            if not same_predicate(first.proposition, second.proposition):
                continue
            if all(dates_comparable(x, y) for x in a for y in b):
                values: dict[str, list[Evidence]] = {}
                for item in (first, second):
                    values.setdefault(", ".join(sorted(item.proposition.dates)), []).append(item)
                return Conflict(slot="time", values=_plain_values(values))
    return None


def _relative(proposition: Proposition) -> bool:
    """Whether a date of the proposition was written relative to publication ("on Sunday").

    Such a date is resolved against each report's own publication day, so reports from
    different days name different days for the same words: a developing story, not a
    disagreement.
    """
    return any(not normalise_date(part)[:1].isdigit() for part in proposition.time.split("; ") if part)


def _place_conflict(evidence: Sequence[Evidence]) -> Conflict | None:
    for i, first in enumerate(evidence):
        for second in evidence[i + 1 :]:
            if first.report.id == second.report.id or first.origin == second.origin:
                continue
            a, b = first.proposition.place_entity, second.proposition.place_entity
            if not (a.startswith("place:") and b.startswith("place:")) or _same_place(a, b):
                continue
            if place_level(a) != place_level(b):
                # "Nashville" / "Tennessee", "Millom" / "Newton Street": one may hold the other.
                continue
            if first.proposition.action != second.proposition.action:
                continue
            if b in first.proposition.entities or a in second.proposition.entities:
                # "born in the Bronx; died ... in Springfield": a clause naming both places
                # gives them different roles.
                continue
            return Conflict(slot="place", values=_plain_values({first.proposition.place: [first], second.proposition.place: [second]}))
    return None


def place_level(key: str) -> str:
    """"street" for an address ("97th Avenue"), "water" for a sea, a river or a coast
    (data/water_places.txt), "region" for a state, province or county (ISO 3166-2
    subdivisions), else "locality" (a town, a district, a landmark)."""
    words = key.split(":", 1)[-1].split()
    if words and words[-1] in STREET_WORDS:
        return "street"
    if words and words[-1] in _water_words():
        return "water"
    return "region" if " ".join(words) in _subdivision_names() else "locality"


@functools.lru_cache(maxsize=1)
def _water_words() -> frozenset[str]:
    return wordlists.words("water_places.txt")


@functools.lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    import pycountry

    return frozenset(subdivision.name.lower() for subdivision in pycountry.subdivisions)


def _plain_values(values: Mapping[str, list[Evidence]]) -> tuple[ConflictValue, ...]:
    return tuple(
        ConflictValue(
            value=value,
            sources=tuple(dict.fromkeys(i.report.source or i.origin for i in items)),
            reports=tuple(dict.fromkeys(i.report.id for i in items)),
        )
        for value, items in values.items()
    )
