"""The records storyline passes between stages.

Plain, frozen, keyword-only dataclasses: no I/O and no heuristics live here. Dates are
ISO 8601 strings ("2017-06-26" or "2017-06-26T14:05:00"), which sort correctly, survive
JSON unchanged and need no parsing to compare.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

FACT_STATUSES = ("corroborated", "single-source", "conflicting")


@dataclass(frozen=True, kw_only=True)
class Source:
    """An outlet: the unit of independence when counting who reports a fact."""

    name: str
    domain: str = ""
    kind: str = ""
    country: str = ""
    family: str = ""


@dataclass(frozen=True, kw_only=True)
class Report:
    """One article as published, after cleaning.

    `id` is the hash of the normalised content (see `storyline.ids`), so the same report
    read twice has the same id. `furniture` keeps the lines cleaning removed, for audit.
    `copy_of` names the report this one is a syndicated copy of.
    """

    id: str
    source: str = ""
    source_domain: str = ""
    url: str = ""
    title: str = ""
    byline: str = ""
    published: str = ""
    dateline: str = ""
    language: str = ""
    body: str = ""
    credits: tuple[str, ...] = ()
    cited_outlets: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()
    copy_of: str = ""
    origin: str = ""
    fetched: str = ""


@dataclass(frozen=True, kw_only=True)
class Span:
    """Where a piece of evidence sits: a sentence of a report and character offsets in its body."""

    report: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Mention:
    """An entity named in a report."""

    entity: str
    report: str
    text: str
    start: int
    end: int
    sentence: int = -1


@dataclass(frozen=True, kw_only=True)
class Entity:
    """A canonical person, organisation, place or country, with the names it goes by."""

    id: str
    name: str
    kind: str
    country: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    reports: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Quote:
    """Direct or reported speech, with who said it and the outlet it reached through."""

    report: str
    text: str
    speaker: str = ""
    speaker_entity: str = ""
    via: str = ""
    direct: bool = True
    span: Span | None = None


@dataclass(frozen=True, kw_only=True)
class ConflictValue:
    """One of the competing values of a conflicting fact, with the outlets that give it."""

    value: str
    sources: tuple[str, ...]
    reports: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One proposition within a story and the evidence behind it.

    `sources` are the outlets whose reports state the fact; `independent_sources` are the
    outlets left after copies and citations are credited to their origin.
    """

    id: str
    story: str
    text: str
    status: str
    actor: str = ""
    action: str = ""
    object: str = ""
    time: str = ""
    place: str = ""
    quantities: tuple[str, ...] = ()
    attribution: str = ""
    sources: tuple[str, ...] = ()
    independent_sources: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    support: tuple[Span, ...] = ()
    conflicts: tuple[ConflictValue, ...] = ()
    slot: str = ""
    # A minor single-source fact, shown only on request (corroborate/salience.py).
    folded: bool = False


@dataclass(frozen=True, kw_only=True)
class Event:
    """Who did what to whom, when and where, coded in CAMEO and PLOVER terms."""

    id: str
    story: str
    actor1: str
    actor2: str = ""
    actor1_country: str = ""
    actor2_country: str = ""
    actor1_role: str = ""
    actor2_role: str = ""
    cameo: str = ""
    plover: str = ""
    quad_class: int = 0
    goldstein: float = 0.0
    date: str = ""
    # day, week ("last week": the date is a day of it), month, year, day-without-year ("????-06-22")
    # or month-without-year; "" when undated.
    date_precision: str = ""
    place: str = ""
    text: str = ""
    support: tuple[Span, ...] = ()
    sources: tuple[str, ...] = ()
    independent_sources: tuple[str, ...] = ()
    confidence: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SummarySentence:
    """A sentence of a story summary and the reports that support it."""

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Story:
    """Reports about one real-world event."""

    id: str
    headline: str
    reports: tuple[str, ...]
    sources: tuple[str, ...] = ()
    independent_sources: tuple[str, ...] = ()
    first_seen: str = ""
    last_seen: str = ""
    thread_previous: tuple[str, ...] = ()
    thread_next: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class StoryAnalysis:
    """What corroboration found in one story: the facts matrix and its companions."""

    story: str
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    version: str = ""


@dataclass(frozen=True, kw_only=True)
class Rejection:
    """An input that was not stored, with a typed reason and a one-line message."""

    path: str
    reason: str
    message: str


STAGE_FAILURE_REASONS = ("too-large", "error")


@dataclass(frozen=True, kw_only=True)
class StageFailure:
    """A stage that could not fully process one stored report, kept so it is shown and not retried in a loop.

    `reason` is "too-large" (the text is over the stage's bound: analysed in part) or
    "error" (the stage raised on this report; the others went on).
    """

    stage: str
    reason: str
    message: str


def to_dict(record: Any) -> dict[str, Any]:
    """Turn a record (and nested records) into JSON-ready dicts and lists."""
    return {name: _plain(getattr(record, name)) for name in _field_names(typing.cast(type, type(record)))}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, found once per class: asking `dataclasses` anew for each
    of the million values of a store's analyses was a sixth of an ECB+ ingest's parent time."""
    return tuple(item.name for item in dataclasses.fields(cls))


# Values `_plain` returns as they are, looked up by exact type (a subclass takes the long way).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a record of type `cls` from `to_dict` output; unknown keys are ignored."""
    kwargs: dict[str, Any] = {}
    for name, revive in _field_revivers(typing.cast(type, cls)):
        if name in data:
            kwargs[name] = revive(data[name])
    return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a record class, resolved once per class: resolving the
    string annotations anew for every record was a fifth of the time of corroborating ECB+."""
    hints = typing.get_type_hints(cls)
    return tuple((item.name, hints[item.name]) for item in dataclasses.fields(cls))


@functools.cache
def _field_revivers(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(field name, reviver) of a record class: what each field's type asks of a stored value
    is worked out once per class, not again for each of the million values of a store."""
    return tuple((name, _reviver(hint)) for name, hint in _field_hints(cls))


def _as_is(value: Any) -> Any:
    return value


@functools.cache
def _reviver(hint: Any) -> Callable[[Any], Any]:
    """The function that turns a stored value back into `hint` (None stays None)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        inner = _reviver(args[0] if args else Any)
        return lambda value: None if value is None else tuple(inner(v) for v in value)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                return _reviver(arg)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record = hint
        return lambda value: from_dict(record, value) if isinstance(value, dict) else value
    return _as_is


__all__ = [
    "FACT_STATUSES",
    "ConflictValue",
    "Entity",
    "Event",
    "Fact",
    "Mention",
    "Quote",
    "Rejection",
    "Report",
    "Source",
    "Span",
    "Story",
    "StoryAnalysis",
    "SummarySentence",
    "from_dict",
    "to_dict",
]
