"""Disagreement between reports on one fact: the same slot with incompatible values.

Only comparable values are compared: numbers counting the same thing ("12 people" vs
"14 people"), dates with the same parts ("June 22" vs "June 23"), places of the same kind
for the same action, and the people named as doing or saying the same thing (two outlets
naming different spokesmen for one quotation, different people as the one who acted).
Names compare only as canonical person entities, and a surname agrees with a full name
that ends with it; places agree when one name contains the other.
A difference in wording or detail ("goods" vs "assets") is not a conflict, and neither is
a figure that grows between reports published on different days (a developing story).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from storyline.analyze.records import Proposition
from storyline.analyze.values import dates_comparable, normalise_date
from storyline.models import ConflictValue, Report

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


@dataclass(frozen=True)
class Evidence:
    """One proposition of a fact with its report and the outlet credited for it."""

    proposition: Proposition
    report: Report
    origin: str
    index: int = -1


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
        for finder in (_number_conflict, _date_conflict, _place_conflict):
            conflict = finder(close)
            if conflict is not None:
                return conflict
        nearly = [
            other for other in close
            if other is item or similarity is None or similarity(item.index, other.index) >= NAME_CONFLICT_MIN_SIMILARITY
        ]
        if len(nearly) >= 2:
            conflict = _name_conflict(nearly)
            if conflict is not None:
                return conflict
    return None


def _same_person(a: str, b: str) -> bool:
    """Person keys that can name one person: equal, or a surname and a full name ending with it."""
    x, y = a.split(":", 1)[1].split(), b.split(":", 1)[1].split()
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    return shorter == longer[-len(shorter):] if shorter else True


def _same_place(a: str, b: str) -> bool:
    """Place keys that can name one place: one name's words contain the other's."""
    x, y = set(a.split(":", 1)[1].split()), set(b.split(":", 1)[1].split())
    return x <= y or y <= x


def _named(proposition: Proposition, slot: str) -> str:
    return proposition.attribution_entity if slot == "speaker" else proposition.actor_entity


def _name_text(proposition: Proposition, slot: str) -> str:
    return proposition.attribution if slot == "speaker" else proposition.actor


def _mentions(proposition: Proposition, person: str) -> bool:
    return any(e.startswith("person:") and _same_person(e, person) for e in proposition.entities)


def _name_conflict(evidence: Sequence[Evidence]) -> Conflict | None:
    """Two independent reports naming different people as the actor or the speaker of one claim."""
    for slot in ("speaker", "actor"):
        for i, first in enumerate(evidence):
            for second in evidence[i + 1 :]:
                if first.report.id == second.report.id or first.origin == second.origin:
                    continue
                a, b = _named(first.proposition, slot), _named(second.proposition, slot)
                if not (a.startswith("person:") and b.startswith("person:")) or _same_person(a, b):
                    continue
                if _mentions(first.proposition, b) or _mentions(second.proposition, a):
                    # Both reports name both people: they differ in roles, not in who it was.
                    continue
                if slot == "actor" and first.proposition.action != second.proposition.action:
                    continue
                values = {_name_text(first.proposition, slot): [first], _name_text(second.proposition, slot): [second]}
                return Conflict(slot=slot, values=_plain_values(values))
    return None


def _same_day(first: Report, second: Report) -> bool:
    a, b = first.published[:10], second.published[:10]
    if not a or not b:
        return True
    try:
        from datetime import date

        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) < DEVELOPMENT_DAYS
    except ValueError:
        return a == b


def _number_conflict(evidence: Sequence[Evidence]) -> Conflict | None:
    by_unit: dict[str, dict[str, list[tuple[Evidence, bool]]]] = {}
    for item in evidence:
        for quantity in item.proposition.quantities:
            by_unit.setdefault(quantity.unit, {}).setdefault(item.report.id, []).append((item, quantity.approximate))
    for unit, per_report in by_unit.items():
        values: dict[str, list[Evidence]] = {}
        for items in per_report.values():
            for item, _approx in items:
                for quantity in item.proposition.quantities:
                    if quantity.unit == unit:
                        values.setdefault(quantity.value, [])
                        if item not in values[quantity.value]:
                            values[quantity.value].append(item)
        if len(values) < 2:
            continue
        if _disagree(values, unit):
            return Conflict(slot="quantities", values=_values(values, unit))
    return None


def _disagree(values: Mapping[str, list[Evidence]], unit: str) -> bool:
    """Two values for one unit from independent reports that neither repeats nor updates."""
    keys = list(values)
    for x in range(len(keys)):
        for y in range(x + 1, len(keys)):
            for first in values[keys[x]]:
                for second in values[keys[y]]:
                    if first.report.id == second.report.id or first.origin == second.origin:
                        continue
                    if keys[y] in _report_values(first, unit) or keys[x] in _report_values(second, unit):
                        continue
                    if not _same_day(first.report, second.report):
                        continue
                    if _close(first, second, keys[x], keys[y], unit):
                        continue
                    return True
    return False


def _report_values(item: Evidence, unit: str) -> set[str]:
    return {q.value for q in item.proposition.quantities if q.unit == unit}


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
            if not a or not b or a & b:
                continue
            relative = any(x[:1].isalpha() for x in a | b) or _relative(first.proposition) or _relative(second.proposition)
            if relative and not _same_day(first.report, second.report):
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
            if first.proposition.action != second.proposition.action:
                continue
            return Conflict(slot="place", values=_plain_values({first.proposition.place: [first], second.proposition.place: [second]}))
    return None


def _plain_values(values: Mapping[str, list[Evidence]]) -> tuple[ConflictValue, ...]:
    return tuple(
        ConflictValue(
            value=value,
            sources=tuple(dict.fromkeys(i.report.source or i.origin for i in items)),
            reports=tuple(dict.fromkeys(i.report.id for i in items)),
        )
        for value, items in values.items()
    )
