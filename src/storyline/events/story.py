"""Events of a story: every proposition of every report is coded, the same event (code root,
source and target) told by several reports becomes one Event, and its outlets are those of
the facts the propositions were aligned into.

A pure function of stored records: no parse, no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storyline.analyze.records import Proposition, ReportAnalysis
from storyline.events.coder import Actor, Coding, code_proposition
from storyline.events.lexicon import load_event_lexicon
from storyline.models import Event, Fact, Report, Span

# Codes of these roots (public statements) are too weak to stand as events of their own.
SKIPPED_ROOTS = frozenset({"01"})
# Confidence added per independent outlet beyond the first, up to 1.0.
CONFIDENCE_PER_SOURCE = 0.05


@dataclass
class _Group:
    coding: Coding
    propositions: list[tuple[Report, Proposition]] = field(default_factory=list)


def code_story_events(
    story_id: str, reports: Sequence[Report], analyses: Mapping[str, ReportAnalysis], facts: Sequence[Fact]
) -> tuple[Event, ...]:
    """CAMEO/PLOVER events of a story, each with its support spans and the outlets behind it."""
    lexicon = load_event_lexicon()
    groups: dict[tuple[str, str, str], _Group] = {}
    for report in reports:
        analysis = analyses.get(report.id)
        if analysis is None:
            continue
        for proposition in analysis.propositions:
            coding = code_proposition(proposition, analysis, lexicon)
            if coding is None or coding.cameo[:2] in SKIPPED_ROOTS or not _stands_alone(coding, analysis):
                continue
            key = (coding.cameo[:2], _actor_key(coding.source), _actor_key(coding.target))
            group = groups.setdefault(key, _Group(coding=coding))
            group.propositions.append((report, proposition))
    events = [_event(story_id, group, facts) for group in groups.values()]
    events.sort(key=lambda e: (-len(e.independent_sources), -e.confidence, e.support[0].report, e.support[0].start))
    return tuple(events)


def _stands_alone(coding: Coding, analysis: ReportAnalysis) -> bool:
    """A story event needs a verb that names it and an actor that is not the reporting outlet."""
    if not coding.trigger or not coding.source.name:
        return False
    kinds = {e.id: e.kind for e in analysis.entities}
    return kinds.get(coding.source.entity) != "outlet"


def _actor_key(actor: Actor) -> str:
    return actor.country or actor.entity or actor.name.lower()


def _event(story_id: str, group: _Group, facts: Sequence[Fact]) -> Event:
    coding = group.coding
    support = tuple(
        Span(report=report.id, sentence=p.sentence, start=p.start, end=p.end) for report, p in group.propositions
    )
    sources: dict[str, None] = {}
    independent: dict[str, None] = {}
    for fact in facts:
        if any(_overlaps(span, other) for span in support for other in fact.support):
            sources.update(dict.fromkeys(fact.sources))
            independent.update(dict.fromkeys(fact.independent_sources))
    if not sources:
        sources = dict.fromkeys(report.source or report.source_domain or report.id for report, _ in group.propositions)
        independent = dict(sources)
    first_report, first = group.propositions[0]
    date = next((d for _, p in group.propositions for d in p.dates if d[:1].isdigit()), first_report.published[:10])
    place = next((p.place for _, p in group.propositions if p.place), "")
    key = "|".join((story_id, coding.cameo, _actor_key(coding.source), _actor_key(coding.target)))
    confidence = min(1.0, coding.confidence + CONFIDENCE_PER_SOURCE * max(0, len(independent) - 1))
    return Event(
        id="ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        story=story_id,
        actor1=coding.source.name,
        actor2=coding.target.name,
        actor1_country=coding.source.country,
        actor2_country=coding.target.country,
        actor1_role=coding.source.role,
        actor2_role=coding.target.role,
        cameo=coding.cameo,
        plover=coding.plover,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
        date=date,
        place=place,
        text=first.text,
        support=support,
        sources=tuple(sources),
        independent_sources=tuple(independent),
        confidence=round(confidence, 3),
    )


def _overlaps(a: Span, b: Span) -> bool:
    return a.report == b.report and a.start < b.end and b.start < a.end
