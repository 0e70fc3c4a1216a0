"""Who an event's actors are, as named entities of the story, or no event at all.

The coder takes the clause's subject as it is written; on real reports that is often a
pronoun ("This", "me"), a description ("the two countries", "Some countries") or a thing
("17 homes", "a strict new policy"). An event stands only when its source is a named
entity: the subject's own entity (coreference turned "he" or "the company" into one; it
stands when no other entity of its kind is named just before), a country named inside a
collective ("Some countries, including the United States"), or the two countries named just
before "the two countries" / "both sides" when no third is.

    source, target = named_actors(coding, proposition, analysis)   # or None: do not code it

A pure function of the report's analysis: no parse, no I/O.
"""

from __future__ import annotations

import functools
import re

from storyline.analyze.lexicon import load_lexicon
from storyline.events.records import Actor, Coding
from storyline.models import Entity, Proposition, ReportAnalysis

# Subjects that stand for another phrase and say nothing by themselves.
PRONOUNS = frozenset(
    "i me my we us our you he him his she her it its they them their this that these those which who whom one some many "
    "others other all both each either neither someone something anyone nobody none".split()
)
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "these", "those", "we", "us", "our"})
# Words an actor phrase may hold besides its entity's name and still be that entity
# ("the Chinese government", "Trudeau's government", "officials in Beijing").
_FUNCTION_WORDS = frozenset("the a an of in from for 's ’s and".split())
# Words that date or qualify a title: "Former Vice President Joe Biden", "acting Secretary".
_TITLE_QUALIFIERS = frozenset("former acting then ex late incoming outgoing interim deputy current".split())
# "the two countries", "both sides": the last two countries named before.
_COLLECTIVE_PAIR = re.compile(r"^(?:the two|both|the)\s+(?:countries|nations|sides|governments|states|neighbou?rs|leaders)$")
# "Some countries, including the United States, have ...": the named member acts.
_NAMED_MEMBER = r",?\s+(?:including|led by|such as|among them|notably)\s+(?P<member>[^,;]+)"
# Entity kinds that can act. Places act only as countries (a capital stands for its government).
ACTING_KINDS = frozenset({"person", "organisation", "organization", "country", "group", "government"})
_WORD = re.compile(r"[\w’'-]+")


def named_actors(coding: Coding, proposition: Proposition, analysis: ReportAnalysis) -> tuple[Actor, Actor] | None:
    """The source and target of a coded clause as named entities, or None when the source names none."""
    entities = {e.id: e for e in analysis.entities}
    phrase = proposition.actor.strip()
    lowered = phrase.lower()
    target = coding.target
    if _COLLECTIVE_PAIR.match(lowered):
        return _antecedent_pair(proposition, analysis, entities)
    member = _named_member(phrase, proposition, analysis, entities)
    if member is not None:
        return _actor(member, member.name, coding.source.role), _other(target, member)
    # The coder's own resolution first: it splits "China and Canada" into source and target.
    entity = entities.get(coding.source.entity) or entities.get(proposition.actor_entity)
    if entity is None or not _can_act(entity):
        return None
    words = _WORD.findall(lowered)
    if described_one(phrase, entity):
        # "The California Democrat has denied": one person told by a description, who is
        # named only when the text leaves no doubt.
        if entity.kind != "person" or not clear_antecedent(proposition, analysis, entity, lowered):
            return None
        return _actor(entity, entity.name, coding.source.role), _other(target, entity)
    pronoun = _resolved_subject(proposition, analysis)
    if pronoun or words and words[0] in PRONOUNS or lowered in load_lexicon().coreference:
        # Coreference resolved the pronoun or description: show who it stands for, when the
        # text leaves no doubt (the nearest name before "he" is often not who "he" is).
        if not proposition.actor_entity or not clear_antecedent(proposition, analysis, entity, pronoun or lowered):
            return None
        return _actor(entity, entity.name, coding.source.role), _other(target, entity)
    if not _names(phrase, entity, analysis):
        return None
    if not _names_words(phrase):
        # "Authorities", "the officials": role words only; they stand for a country or an
        # organisation, never for one person, whatever coreference found.
        if entity.kind == "person":
            return None
        return _actor(entity, entity.name, coding.source.role), _other(target, entity)
    source = coding.source if coding.source.entity == entity.id else _actor(entity, phrase, coding.source.role)
    return source, _other(target, entity)


def clear_antecedent(proposition: Proposition, analysis: ReportAnalysis, entity: Entity, subject: str) -> bool:
    """Whether a pronoun or description `subject` stands for `entity` beyond doubt: it is the
    only entity of its kind named in the sentence before and in this one before the subject
    ("Pompeo met Kim. He said ..." is in doubt), named there as the subject of a clause ("He
    shot Barnes. Then he shot ..." is not Barnes), and a plural pronoun ("they") stands for no
    one person."""
    words = _WORD.findall(subject.lower())
    if words and words[0] in PLURAL_PRONOUNS and entity.kind == "person":
        return False
    window = (proposition.sentence - 1, proposition.sentence)
    entities = {e.id: e for e in analysis.entities}
    named = {
        m.entity for m in analysis.mentions
        if m.sentence in window and m.start < proposition.start and m.entity in entities
        and entities[m.entity].kind == entity.kind and m.text.lower() not in PRONOUNS
    }
    subjects = {
        p.actor_entity for p in analysis.propositions
        if p.sentence in window and p.start < proposition.start and not _resolved_subject(p, analysis)
    }
    return named == {entity.id} and entity.id in subjects


def _resolved_subject(proposition: Proposition, analysis: ReportAnalysis) -> str:
    """The pronoun or description coreference resolved into the clause's actor ("they" for
    "Kimani Gray"), as the clause writes it, or "" when the actor is named."""
    coreference = load_lexicon().coreference
    for mention in analysis.mentions:
        if mention.entity != proposition.actor_entity or not proposition.start <= mention.start < proposition.end:
            continue
        text = mention.text.lower().strip()
        if text in PRONOUNS or text in coreference:
            return text
    return ""


def described_one(phrase: str, entity: Entity) -> bool:
    """Whether an actor phrase describes one person instead of naming anyone: "The California
    Democrat", "the former vice president" (a person without a word of their name), or a
    singular member of a group the entity finder made of a party or a people ("the Texas
    Republican" as the group "Republican")."""
    words = _WORD.findall(phrase.lower())
    if not words or words[0] not in ("the", "a", "an"):
        return False
    if entity.kind == "group":
        return not words[-1].endswith("s") and words[-1] == entity.name.lower()
    if entity.kind != "person":
        return False
    names = {w for name in (entity.name, *entity.aliases) if not name.lower().startswith("the ") for w in _WORD.findall(name.lower())}
    return not names & set(words)


def home_country(entity: Entity) -> str:
    """The entity's country, or that of a body its name places in one ("U.S. Navy", "Turkish
    military", "Israel's parliament"): whose own country an act cannot target."""
    if entity.country or entity.kind not in ("organisation", "organization", "group"):
        return entity.country
    lexicon = load_lexicon()
    words = [w.removesuffix("'s").removesuffix("’s") for w in entity.name.split()]
    for length in (2, 1):
        if len(words) > length:
            lead = " ".join(words[:length])
            code = lexicon.country_code(lead) or lexicon.demonyms.get(lead.lower(), "")
            if code:
                return code
    return ""


def named_in(mention: str, phrase: str) -> bool:
    """Whether a mention's text is written in a phrase as whole words, and is a name: "it"
    (a pronoun coreference resolved) is not named in "the White House"."""
    lowered = mention.lower().strip()
    if not lowered or lowered in PRONOUNS or lowered not in phrase.lower():
        return False
    return re.search(r"(?<![\w])" + re.escape(lowered) + r"(?![\w])", phrase.lower()) is not None


def _names_words(phrase: str) -> bool:
    """Whether the phrase holds a word beyond role, title and function words (a name, a demonym)."""
    lexicon = load_lexicon()
    plain = set(_FUNCTION_WORDS) | set(lexicon.roles) | _title_words()
    return any(w not in plain and w.removesuffix("s") not in plain for w in _WORD.findall(phrase.lower()))


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Titles and each word of a title of several ("vice president", "secretary of state"),
    and the words that qualify them ("former")."""
    titles = load_lexicon().titles
    return frozenset(titles) | {word for title in titles for word in title.split()} | _TITLE_QUALIFIERS


def _can_act(entity: Entity) -> bool:
    return entity.kind in ACTING_KINDS or (entity.kind == "place" and bool(entity.country))


def _names(phrase: str, entity: Entity, analysis: ReportAnalysis) -> bool:
    """Whether the phrase is the entity: its words are the entity's name or aliases, role words
    ("government", "officials"), demonyms ("Chinese") and function words only."""
    lexicon = load_lexicon()
    allowed = set(_FUNCTION_WORDS) | set(lexicon.roles) | _title_words()
    lowered = phrase.lower()
    # The entity's names, and those of other entities named in the phrase ("The US and China").
    names = [entity.name, *entity.aliases, *(m.text for m in analysis.mentions if m.entity == entity.id or named_in(m.text, lowered))]
    for name in names:
        allowed.update(w.lower() for w in _WORD.findall(name))
    for word in _WORD.findall(lowered):
        bare = word.removesuffix("'s").removesuffix("’s")
        if any(w in allowed or w in lexicon.demonyms or w in lexicon.capitals for w in (bare, bare.removesuffix("s"))):
            continue
        if lexicon.country_code(bare):
            continue
        return False
    return True


def _named_member(phrase: str, proposition: Proposition, analysis: ReportAnalysis, entities: dict[str, Entity]) -> Entity | None:
    """The named entity of "X, including <entity>," in the clause's sentence, when X is unnamed."""
    words = _WORD.findall(phrase.lower())
    if not words or words[0] not in PRONOUNS:
        return None
    sentence = next((s for s in analysis.sentences if s.index == proposition.sentence), None)
    if sentence is None:
        return None
    found = re.search(re.escape(phrase) + _NAMED_MEMBER, sentence.text, flags=re.IGNORECASE)
    if found is None:
        return None
    start = sentence.start + found.start("member")
    end = sentence.start + found.end("member")
    for mention in analysis.mentions:
        entity = entities.get(mention.entity)
        if entity is not None and _can_act(entity) and start <= mention.start and mention.end <= end:
            return entity
    return None


def _antecedent_pair(proposition: Proposition, analysis: ReportAnalysis, entities: dict[str, Entity]) -> tuple[Actor, Actor] | None:
    """"The two countries": the two countries named in the sentence before and this one before
    the clause, in the order they were named; none when more or fewer are named there."""
    window = (proposition.sentence - 1, proposition.sentence)
    found: list[Entity] = []
    for mention in sorted(analysis.mentions, key=lambda m: m.start):
        entity = entities.get(mention.entity)
        if mention.sentence not in window or mention.start >= proposition.start or entity is None or entity.kind != "country":
            continue
        if entity not in found:
            found.append(entity)
    if len(found) != 2:
        return None
    first, second = found
    return _actor(first, first.name, ""), _actor(second, second.name, "")


def _actor(entity: Entity, name: str, role: str) -> Actor:
    return Actor(name=name, entity=entity.id, country=entity.country, role=entity.role or role)


def _other(target: Actor, source: Entity) -> Actor:
    """The target, unless it is the source itself (then the event has none)."""
    if target.entity == source.id or (target.country and target.country == source.country and source.kind == "country"):
        return Actor()
    return target
