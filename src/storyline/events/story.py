"""Events of a story: every proposition of every report is coded, and what the coder gives is
checked before it counts. The source must be a named entity of the story (`actors`), a
passive clause's agent acts rather than its subject, and a possible, conditional or future
event is not coded as having happened (`modality`). One actor pair doing one type of thing
on one day is one Event, however many reports and sentences tell it; its outlets are those
of the facts the propositions were aligned into.

A pure function of stored records: no parse, no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from storyline.analyze.records import Proposition, ReportAnalysis
from storyline.events.actors import named_actors
from storyline.events.coder import code_proposition
from storyline.events.domain import VIOLENT_ROOTS, sports_story
from storyline.events.lexicon import load_event_lexicon
from storyline.events.modality import dismissal, hypothetical, is_passive, passive_agent
from storyline.events.records import Actor, Coding
from storyline.events.senses import political_sense
from storyline.models import Entity, Event, Fact, Report, Span
from storyline.outlets import load_default_registry

# Codes of these roots (public statements) are too weak to stand as events of their own.
SKIPPED_ROOTS = frozenset({"01"})
# Verbs whose negation states a refusal or a pledge ("did not agree", "pledged not to attack").
NEGATABLE_VERBS = frozenset({"agree", "accept", "pledge", "promise", "vow", "commit", "support", "endorse", "recognize", "recognise"})
# Visits (make a visit, host a visit): without a host named, "he arrived" is no interaction.
HOSTED_CODES = frozenset({"042", "043"})
# An event with no named target stands only on a code its verb's object narrowed (the coder's
# 0.9: "signed an agreement", "denied the accusations"); a verb's default code with nobody
# acted on is mostly an everyday verb ("sent me a letter", "released a statement"). Tuned by
# reading events of ECB+ and NewsWCL50 (seeds 19 and 23 of `storyline eval event-sample`,
# docs/events-reading.md); read a fresh seed after changing it.
MIN_UNTARGETED_CONFIDENCE = 0.9
# Confidence added per independent outlet beyond the first, up to 1.0.
CONFIDENCE_PER_SOURCE = 0.05
# Precision of an event date by its written form: 2017-06-26, 2017-06, 2017, ????-06-22, ????-06-??.
_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\?{4}-\d{2}-\d{2}$"), "day-without-year"),
    (re.compile(r"^\?{4}-\d{2}-\?{2}$"), "month-without-year"),
)


# Clauses about a span of time ("for years", "over the years") or told in the past perfect ("had
# agreed"): the act is not the report's news, so it takes no date from the report.
_DURATIVE = re.compile(
    r"\b(for (several |many )?(years|decades|months)|over the (years|decades)|in recent (years|months)|long (been|accused|denied)|"
    r"repeatedly|years ago|have long|has long|had long|had (\w+ly )?\w+(ed|en))\b",
    re.IGNORECASE,
)
_WEEK = re.compile(r"\b(last|this|past|previous) week\b", re.IGNORECASE)


@dataclass
class _Group:
    coding: Coding
    date: str = ""
    propositions: list[tuple[Report, Proposition]] = field(default_factory=list)


def code_story_events(
    story_id: str, reports: Sequence[Report], analyses: Mapping[str, ReportAnalysis], facts: Sequence[Fact]
) -> tuple[Event, ...]:
    """CAMEO/PLOVER events of a story, each with its support spans and the outlets behind it."""
    lexicon = load_event_lexicon()
    groups: dict[tuple[str, str, str, str], _Group] = {}
    sports = sports_story(reports)
    for report in reports:
        analysis = analyses.get(report.id)
        if analysis is None:
            continue
        for proposition in analysis.propositions:
            coding = code_proposition(proposition, analysis, lexicon)
            if coding is None or coding.cameo[:2] in SKIPPED_ROOTS or not _stands_alone(coding, analysis):
                continue
            if sports and coding.cameo[:2] not in VIOLENT_ROOTS:
                continue
            checked = _checked(coding, proposition, analysis)
            if checked is None:
                continue
            date = text_date(proposition)
            key = (checked.plover or checked.cameo[:2], _actor_key(checked.source), _actor_key(checked.target), date)
            group = groups.setdefault(key, _Group(coding=checked, date=date))
            group.propositions.append((report, proposition))
    events = [_event(story_id, group, facts) for group in _fold_pledges(_merge_undated(groups)).values()]
    events.sort(key=lambda e: (-len(e.independent_sources), -e.confidence, e.support[0].report, e.support[0].start))
    return tuple(events)


def _checked(coding: Coding, proposition: Proposition, analysis: ReportAnalysis) -> Coding | None:
    """The coding with named actors, or None when it does not state a real event by a named actor."""
    sentence = next((s.text for s in analysis.sentences if s.index == proposition.sentence), "")
    if hypothetical(proposition.text, coding.cameo, sentence, coding.trigger, attributed=bool(proposition.attribution)):
        return None
    if not political_sense(coding, proposition) or _negated(coding, proposition):
        return None
    if dismissal(proposition.text):
        return None
    roles = {argument.role for argument in proposition.arguments}
    if "patient" in roles and "agent" not in roles:
        # "O'Brien was accused of ...": the parse finds no one who acts.
        return None
    if "agent" not in roles and is_passive(proposition.text, proposition.actor):
        checked = _passive(coding, proposition, analysis)
    else:
        actors = named_actors(coding, proposition, analysis)
        checked = None if actors is None else replace(coding, source=actors[0], target=actors[1])
    if checked is None or _is_outlet(checked.source):
        return None
    if not checked.target.name and (checked.cameo[:3] in HOSTED_CODES or checked.confidence < MIN_UNTARGETED_CONFIDENCE):
        return None
    return checked


def _negated(coding: Coding, proposition: Proposition) -> bool:
    """"She wasn't touring U.S. frat houses", "did not meet": what did not happen is no event, and
    not a refusal either; a refusal is told by its own verb ("refused", "rejected", "declined")
    or by a negated agreement or pledge ("did not agree", "pledged not to attack")."""
    return proposition.negated and coding.trigger not in NEGATABLE_VERBS


def _is_outlet(actor: Actor) -> bool:
    """"The Times" criticised …: an outlet reporting is not an actor of the story."""
    registry = load_default_registry()
    name = actor.name.strip()
    return registry.by_name(name) is not None or registry.by_name("the " + name.removeprefix("the ")) is not None


def _passive(coding: Coding, proposition: Proposition, analysis: ReportAnalysis) -> Coding | None:
    """"17 homes were destroyed by the fire": the agent acts, the subject (when named) is the target."""
    agent = passive_agent(proposition.text).lower()
    entities = {e.id: e for e in analysis.entities}
    acting = [
        entities[m.entity] for m in analysis.mentions
        if m.entity in entities and proposition.start <= m.start < proposition.end and m.text.lower() in agent
    ]
    if not agent or not acting:
        return None
    source = acting[0]
    subject = entities.get(proposition.actor_entity)
    target = _actor(subject) if subject is not None and subject.id != source.id else Actor()
    return replace(coding, source=_actor(source), target=target)


def _actor(entity: Entity) -> Actor:
    return Actor(name=entity.name, entity=entity.id, country=entity.country, role=entity.role)


def _week_or(precision: str, group: _Group) -> str:
    """"Last week", "this week": the day a date resolver picked stands for its week."""
    if precision == "day" and all(_WEEK.search(p.text) for _, p in group.propositions):
        return "week"
    return precision


def text_date(proposition: Proposition) -> str:
    """The date the clause itself gives (2017-06-26, 2015, ????-06-22), or ""."""
    return next((d for d in proposition.dates if date_precision(d)), "")


def date_precision(date: str) -> str:
    """day, month, year, day-without-year or month-without-year by the date's form; "" when undated
    (an event's precision is "week" when its clause says "last week")."""
    return next((name for pattern, name in _PRECISION if pattern.match(date)), "")


def _fold_pledges(groups: dict[tuple[str, str, str, str], _Group]) -> dict[tuple[str, str, str, str], _Group]:
    """A pledge (CAMEO 03, "vowed not to attack") between the two parties of a signed agreement
    (057) on the same day is what the agreement says, not a second event: it joins the signing."""
    signed = {
        (frozenset(key[1:3]), key[3]): group for key, group in groups.items() if group.coding.cameo.startswith("057")
    }
    folded = dict(groups)
    for key, group in groups.items():
        agreement = signed.get((frozenset(key[1:3]), key[3]))
        if agreement is not None and group.coding.cameo.startswith("03"):
            agreement.propositions.extend(group.propositions)
            del folded[key]
    return folded


def _merge_undated(groups: dict[tuple[str, str, str, str], _Group]) -> dict[tuple[str, str, str, str], _Group]:
    """A clause without a date of its own joins the one dated event of its actors and type, if there is one."""
    merged = dict(groups)
    for key, group in groups.items():
        if key[3]:
            continue
        dated = [other for other_key, other in groups.items() if other_key[:3] == key[:3] and other_key[3]]
        if len(dated) == 1:
            dated[0].propositions.extend(group.propositions)
            del merged[key]
    return merged


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
    first = group.propositions[0][1]
    published = sorted(report.published[:10] for report, _ in group.propositions if report.published[:10])
    of_the_day = any(_of_the_day(p) for _, p in group.propositions)
    date = group.date or (published[0] if published and of_the_day else "")
    place = next((p.place for _, p in group.propositions if p.place), "")
    key = "|".join((story_id, coding.cameo, _actor_key(coding.source), _actor_key(coding.target), group.date))
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
        date_precision=_week_or(date_precision(date), group),
        place=place,
        text=first.text,
        support=support,
        sources=tuple(sources),
        independent_sources=tuple(independent),
        confidence=round(confidence, 3),
    )


def _of_the_day(proposition: Proposition) -> bool:
    """Whether the report's date may date a clause that gives none of its own: not when it tells
    of a span of time ("for years"), in the past perfect ("had agreed"), or at a time the date
    resolver could not place ("last year", "over the weekend")."""
    if _DURATIVE.search(proposition.text) or proposition.tense == "past-perfect":
        return False
    return not (proposition.time and not proposition.dates)


def _overlaps(a: Span, b: Span) -> bool:
    return a.report == b.report and a.start < b.end and b.start < a.end
