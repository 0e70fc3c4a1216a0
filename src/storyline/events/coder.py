"""Code one proposition into a CAMEO event: the verb (and the noun under a light verb) chooses
the code from the lexicon, modality and negation move it between CAMEO roots, and the
proposition's subject and object give the source and target actors.

    coding = code_proposition(proposition, analysis)   # -> Coding | None
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.events.actors import named_in
from storyline.events.lexicon import EventLexicon, load_event_lexicon
from storyline.events.records import Actor, Coding
from storyline.events.targets import event_target
from storyline.models import Entity, Proposition, ReportAnalysis

# Longest suffix a cue may carry and still match a word ("talk" -> "talks", "shell" -> "shelling").
CUE_SLACK = 4
# Words shorter than this match a cue only exactly ("ban" must not match "bank").
MIN_PREFIX_CUE = 4
_WORD = re.compile(r"[a-z][a-z'-]*")
# Endings that make a cue a word for people or for a standing, not for the act: "supporters"
# are no support, "protesters" no protest, a "relationship" with a film's cast no relations.
AGENT_SUFFIXES = frozenset({"er", "ers", "or", "ors", "ship", "ships"})
_INTENT = re.compile(
    r"\b(will|would|shall|plans? to|planned to|intends? to|ready to|prepared to|willing to|going to|vow\w* to|pledg\w* to)\b"
)
_OBLIGATION = re.compile(r"\b(must|should|has to|have to|ought to|needs? to)\b")
# "pledged not to attack": the negation belongs to the complement, not to the pledge.
_COMPLEMENT_NEGATION = re.compile(r"\b(not|never)\s+to\b")
# Roots an announced intention turns into "express intent to ..." (03 subcodes).
INTENT_OF_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
INTENT_OF_CODE = {"0871": "0356", "087": "0356", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "0831": "0341"}
# Conflict roots an announced intention turns into a threat.
THREAT_OF_ROOT = {"16": "131", "17": "132", "18": "138", "19": "138", "20": "1385", "14": "133"}
# Verbs that pledge what their complement says.
PLEDGE_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
# Cooperation refused: a negated cooperative code becomes the matching rejection.
REJECTION_OF_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# Codes a verb gives that say little ("said", "announced"): a later verb or noun is preferred.
WEAK_ROOTS = frozenset({"01"})


def code_proposition(
    proposition: Proposition, analysis: ReportAnalysis | None = None, lexicon: EventLexicon | None = None
) -> Coding | None:
    """The CAMEO event a proposition states, or None when no lexicon entry fits."""
    lexicon = lexicon or load_event_lexicon()
    if proposition.kind == "quote":
        return None
    text = proposition.text.lower()
    complement = _words(_without_actor(text, proposition.actor.lower()))
    lemmas = [lemma for lemma in proposition.action.split() if lemma != "not"]
    found = _lookup(lemmas, complement, lexicon)
    if found is None:
        return None
    code, trigger, confidence, cue = found
    if trigger in PLEDGE_VERBS:
        # "vowed to retaliate", "swore to fight": a pledge of force is a threat.
        code = _pledged_threat(lemmas, trigger, lexicon) or code
    source_text, source_entity = proposition.actor, proposition.actor_entity
    target = _target(proposition, analysis, source_entity, found)
    root = code[:2]
    head_negated = proposition.negated and not _COMPLEMENT_NEGATION.search(text)
    if head_negated:
        rejected = REJECTION_OF_ROOT.get(root)
        if rejected is None:
            return None
        code = rejected
    elif _OBLIGATION.search(text) and root not in ("10", "13", "12") and proposition.attribution:
        target = Actor(name=source_text, entity=source_entity)
        source_text, source_entity = proposition.attribution, proposition.attribution_entity
        target = _resolved(target.name, target.entity, analysis)
        code = "100"
    elif _INTENT.search(text) and trigger not in ("threaten", "warn", "promise", "pledge", "vow", "offer", "agree"):
        code = INTENT_OF_CODE.get(code) or INTENT_OF_ROOT.get(root) or THREAT_OF_ROOT.get(root) or code
    source = _resolved(source_text, source_entity, analysis)
    if not target.name and analysis is not None:
        source, target = _split_compound(source, analysis)
    entry = lexicon.code(code)
    kind = lexicon.plover_type(code)
    return Coding(
        cameo=code,
        plover=kind.plover,
        gsr_type=kind.gsr_type,
        quad_class=entry.quad_class if entry else 0,
        goldstein=entry.goldstein if entry else 0.0,
        source=source,
        target=target,
        trigger=trigger,
        confidence=confidence,
        cue=cue,
    )


def recoded(coding: Coding, code: str, lexicon: EventLexicon | None = None) -> Coding:
    """The coding with another CAMEO code, and the type, class and score that code has."""
    lexicon = lexicon or load_event_lexicon()
    entry = lexicon.code(code)
    kind = lexicon.plover_type(code)
    return replace(coding, cameo=code, plover=kind.plover, gsr_type=kind.gsr_type,
                   quad_class=entry.quad_class if entry else 0, goldstein=entry.goldstein if entry else 0.0)


def _lookup(lemmas: list[str], complement: list[str], lexicon: EventLexicon) -> tuple[str, str, float, str] | None:
    """(code, trigger word, confidence, cue): the first verb of the chain the lexicon knows,
    narrowed by a cue word of its complement."""
    weak: tuple[str, str, float, str] | None = None
    nouns = lexicon.verbs.get("*", {})
    for position, lemma in enumerate(lemmas):
        cues = lexicon.verbs.get(lemma)
        if not cues:
            continue
        later = lemmas[position + 1:] + complement
        cued = _first_cue(cues, later)
        result: tuple[str, str, float, str]
        if cued is not None:
            result = (cued[0], lemma, 0.9, cued[1])
        elif "*" in cues:
            noun = _first_cue(nouns, complement) if cues["*"][:2] in WEAK_ROOTS else None
            result = (noun[0], lemma, 0.6, noun[1]) if noun else (cues["*"], lemma, 0.7, "")
        else:
            noun = _first_cue(nouns, later)
            if noun is None:
                continue
            result = (noun[0], lemma, 0.6, noun[1])
        if result[0][:2] in WEAK_ROOTS:
            weak = weak or result
            continue
        return result
    noun = _first_cue(nouns, lemmas + complement)
    if noun is not None:
        return noun[0], "", 0.5, noun[1]
    return weak


def _pledged_threat(lemmas: list[str], trigger: str, lexicon: EventLexicon) -> str | None:
    """The threat a pledge makes when what it pledges is force (CAMEO 14-20)."""
    for lemma in lemmas[lemmas.index(trigger) + 1:]:
        default = lexicon.verbs.get(lemma, {}).get("*", "")
        if default[:2] in THREAT_OF_ROOT:
            return THREAT_OF_ROOT[default[:2]]
    return None


def _first_cue(cues: dict[str, str], words: list[str]) -> tuple[str, str] | None:
    """(code, cue) of the first word a cue matches: the word itself, or a cue it extends by at
    most CUE_SLACK letters, the cue listed first winning (looked up by prefix, not by scanning
    every cue: the noun cues are many and a story has thousands of clauses)."""
    for word in words:
        matched = [word[:length] for length in range(max(MIN_PREFIX_CUE, len(word) - CUE_SLACK), len(word)) if word[:length] in cues]
        if word in cues:
            matched.append(word)
        matched = [cue for cue in matched if cue != "*" and word[len(cue):] not in AGENT_SUFFIXES]
        if len(matched) > 1:
            listed = list(cues)
            matched.sort(key=listed.index)
        if matched:
            return cues[matched[0]], matched[0]
    return None


def _words(text: str) -> list[str]:
    return [w.removesuffix("'s").strip("'-") for w in _WORD.findall(text)]


def _without_actor(text: str, actor: str) -> str:
    if actor and text.startswith(actor):
        return text[len(actor):]
    return text


def _resolved(name: str, entity_id: str, analysis: ReportAnalysis | None) -> Actor:
    """An actor with its canonical entity, country and role, found by id or by a mention inside its text."""
    if analysis is None:
        return Actor(name=name, entity=entity_id)
    entities = {e.id: e for e in analysis.entities}
    entity = entities.get(entity_id)
    if entity is None or not entity.country:
        inside = _entity_inside(name, analysis, entities)
        entity = entity or inside
        if inside is not None and inside.country and entity is not None and not entity.country:
            return Actor(name=name or entity.name, entity=entity.id, country=inside.country, role=entity.role or inside.role)
    if entity is None:
        return Actor(name=name)
    return Actor(name=name or entity.name, entity=entity.id, country=entity.country, role=entity.role)


def _entity_inside(name: str, analysis: ReportAnalysis, entities: dict[str, Entity]) -> Entity | None:
    """The entity, a country first, one of whose mentions occurs in the actor phrase."""
    lowered = name.lower()
    hits = [entities[m.entity] for m in analysis.mentions if m.entity in entities and named_in(m.text, lowered)]
    hits.sort(key=lambda e: not e.country)
    return hits[0] if hits else None


def _split_compound(source: Actor, analysis: ReportAnalysis) -> tuple[Actor, Actor]:
    """"China and Canada have signed": a subject naming two countries acts on each other."""
    lowered = source.name.lower()
    if " and " not in lowered:
        return source, Actor()
    entities = {e.id: e for e in analysis.entities}
    found: dict[str, Entity] = {}
    for mention in analysis.mentions:
        entity = entities.get(mention.entity)
        if entity is not None and entity.country and named_in(mention.text, lowered):
            found.setdefault(entity.country, entity)
    if len(found) < 2:
        return source, Actor()
    first, second = sorted(found.values(), key=lambda e: lowered.find(e.name.lower()) % 10_000)[:2]
    return (
        Actor(name=first.name, entity=first.id, country=first.country, role=first.role or source.role),
        Actor(name=second.name, entity=second.id, country=second.country, role=second.role or source.role),
    )


def _target(proposition: Proposition, analysis: ReportAnalysis | None, source_entity: str, found: tuple[str, str, float, str]) -> Actor:
    """The one acted on, among the phrases the verb governs (events/targets.py)."""
    if analysis is None:
        return Actor()
    code, trigger, _, cue = found
    return event_target(proposition, analysis, code=code, trigger=trigger, source=source_entity, cue=cue)


def code_sentence(propositions: list[Proposition], analysis: ReportAnalysis | None = None) -> Coding | None:
    """The event of a sentence: the first of its propositions that codes, preferring a strong code."""
    codings = [c for c in (code_proposition(p, analysis) for p in propositions) if c is not None]
    strong = [c for c in codings if c.cameo[:2] not in WEAK_ROOTS]
    ranked = strong or codings
    return ranked[0] if ranked else None
