"""Events of a story: every proposition of every report is coded, and what the coder gives is
checked before it counts, precision first. The verb must be used in the sense its code names
(`senses`), in a story that is not about a game (`domain`); the source must be a named
entity of the story (`actors`), a passive clause's agent acts rather than its subject, and
a possible, conditional, negated, pending or future event is not coded as having happened
(`modality`). Dates come from the clause or its report (`dating`). One actor pair doing
one type of thing on one day is one Event, however many reports and sentences tell it; its
outlets are those of the facts the propositions were aligned into.

A pure function of stored records: no parse, no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from storyline.events.actors import named_actors, named_in
from storyline.events.coder import code_proposition, recoded
from storyline.events.dating import clause_date, of_the_day
from storyline.events.domain import VIOLENT_ROOTS, sports_story
from storyline.events.lexicon import load_event_lexicon
from storyline.events.modality import dismissal, hypothetical, is_passive, passive_agent, pending, scheduled
from storyline.events.records import Actor, Coding
from storyline.events.senses import CRITICISM, depicted, party_force, political_sense, war_of_words
from storyline.models import Entity, Event, Fact, Proposition, Report, ReportAnalysis, Span
from storyline.outlets import load_default_registry

# Codes of these roots (public statements) are too weak to stand as events of their own.
SKIPPED_ROOTS = frozenset({"01"})
# Verbs whose negation states a refusal or a pledge ("did not agree", "pledged not to attack").
NEGATABLE_VERBS = frozenset({"agree", "accept", "pledge", "promise", "vow", "commit", "support", "endorse", "recognize", "recognise"})
# Agreeing, meeting, supporting, cooperating: told without an object or a partner, it is a headline fragment.
COMPLEMENTED_ROOTS = frozenset({"03", "04", "05", "06"})
# A clause cut off before its end: on a function word, or on an infinitive ("refused to allow").
_CUT_OFF = re.compile(r"\b(than|that|of|the|a|an|and|or|to|with|for|as|to \w+)\W*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
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

@dataclass
class _Group:
    coding: Coding
    date: str = ""
    precision: str = ""
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
            checked = _checked(coding, proposition, analysis, report.title)
            if checked is None:
                continue
            date, precision = clause_date(proposition, report.published)
            key = (checked.plover or checked.cameo[:2], _actor_key(checked.source), _actor_key(checked.target), date)
            group = groups.setdefault(key, _Group(coding=checked, date=date, precision=precision))
            group.propositions.append((report, proposition))
    events = [_event(story_id, group, facts) for group in _fold_pledges(_merge_undated(groups)).values()]
    events.sort(key=lambda e: (-len(e.independent_sources), -e.confidence, e.support[0].report, e.support[0].start))
    return tuple(events)


def _checked(coding: Coding, proposition: Proposition, analysis: ReportAnalysis, title: str = "") -> Coding | None:
    """The coding with named actors, or None when it does not state a real event by a named actor."""
    found = next((s for s in analysis.sentences if s.index == proposition.sentence), None)
    sentence = found.text if found is not None else ""
    lead_in = sentence[: max(0, proposition.start - found.start)] if found is not None else ""
    headline = bool(title.strip()) and sentence.strip().startswith(title.strip())
    if hypothetical(proposition.text, coding.cameo, sentence, coding.trigger, attributed=bool(proposition.attribution)):
        return None
    if pending(proposition.tense, lead_in) or scheduled(proposition.text, proposition.tense, coding.cameo, headline=headline):
        return None
    if not political_sense(coding, proposition) or depicted(coding, proposition, sentence):
        return None
    if _negated(coding, proposition) or _incomplete(coding, proposition):
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
    if party_force(checked, analysis):
        return None
    if war_of_words(checked, proposition, analysis):
        checked = recoded(checked, CRITICISM)
    if not checked.target.name and (checked.cameo[:3] in HOSTED_CODES or checked.confidence < MIN_UNTARGETED_CONFIDENCE):
        return None
    return checked


def _negated(coding: Coding, proposition: Proposition) -> bool:
    """"She wasn't touring U.S. frat houses", "did not meet": what did not happen is no event, and
    not a refusal either; a refusal is told by its own verb ("refused", "rejected", "declined")
    or by a negated agreement or pledge ("did not agree", "pledged not to attack")."""
    return proposition.negated and coding.trigger not in NEGATABLE_VERBS


def _incomplete(coding: Coding, proposition: Proposition) -> bool:
    """A clause that reports no act of its own: a verb without a tense ("offering dirt on
    Clinton", "to step down"), an agreement or meeting with nothing agreed on or met ("Japan
    and China agree"), or a clause cut off ("he gave Liddy much less than", "Page refused to
    allow")."""
    if not proposition.tense or _CUT_OFF.search(proposition.text):
        return True
    return coding.cameo[:2] in COMPLEMENTED_ROOTS and all(a.role.startswith("complement ") for a in proposition.arguments)


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
        if m.entity in entities and proposition.start <= m.start < proposition.end and named_in(m.text, agent)
    ]
    if not agent or not acting:
        return None
    source = acting[0]
    subject = entities.get(proposition.actor_entity)
    target = _actor(subject) if subject is not None and subject.id != source.id else Actor()
    return replace(coding, source=_actor(source), target=target)


def _actor(entity: Entity) -> Actor:
    return Actor(name=entity.name, entity=entity.id, country=entity.country, role=entity.role)


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
    reported = published and any(of_the_day(p) for _, p in group.propositions)
    date, precision = (group.date, group.precision) if group.date else (published[0], "day") if reported else ("", "")
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
        date_precision=precision,
        place=place,
        text=_shown_text(group.propositions[0][0], first),
        support=support,
        sources=tuple(sources),
        independent_sources=tuple(independent),
        confidence=round(confidence, 3),
    )


def _shown_text(report: Report, proposition: Proposition) -> str:
    """The clause as a reader needs it: "Mr. Trump demanded" runs on to the end of the phrase
    that says of whom ("... John Kelly give Mr. Kushner clearance"), which the parse made a
    clause of its own."""
    beyond = [a.start + len(a.text) for a in proposition.arguments if a.start >= proposition.end and a.role.startswith("complement")]
    if not beyond or report.body[proposition.start:proposition.end] != proposition.text:
        return proposition.text
    stop = _SENTENCE_END.search(report.body, max(beyond))
    end = stop.start() if stop else len(report.body)
    return report.body[proposition.start:end].strip()


def _overlaps(a: Span, b: Span) -> bool:
    return a.report == b.report and a.start < b.end and b.start < a.end
