"""Whom an event acts on: one of the phrases its verb governs, of the kind its type takes.

The target is the verb's object ("accused Iran"), its dative ("offered Flynn a pardon"), the
subject of a passive verb whose agent acts ("Cooper was suspended by the NFL"), a
prepositional phrase of the verb or of its object ("met with Macron", "sanctions against
Iran"), the owner of any of these ("criticised Japan's plan", "a U.S. Customs agent") or,
for a demand, who is told to act ("demanded that the US cancel"). It is not a topic
discussed ("discussed Iran with Trump": Trump is the partner), nor the actor's own country
("agreed to give up North Korea's weapons"), nor a place where a person did something
("killed his father in Canada"); a place is the target of a visit, and of what a state, a
body or a group does there ("Serbia lifted a curfew in Montenegro"); the acts of a state also
reach anyone named deeper in their objects ("Albania denounced Serbia's suppression of
unrest"). A
clause that names no one of the right kind leaves the event without a target.

    target = event_target(proposition, analysis, code="040", trigger="meet", source="person:kim")
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.analyze.lexicon import load_lexicon
from storyline.events.actors import described_one, home_country
from storyline.events.lexicon import load_event_lexicon
from storyline.events.records import Actor
from storyline.models import Argument, Entity, Proposition, ReportAnalysis

# Prepositions whose object is acted on ("protested against", "talks with", "aid to").
TARGET_PREPOSITIONS = frozenset({"with", "to", "against", "toward", "towards", "on", "upon", "into", "at", "from", "over", "for", "of", "by", "between"})
# Prepositions of place: "in Canada" is where, not whom.
PLACE_PREPOSITIONS = frozenset({"in", "inside", "outside", "near", "across", "throughout", "around", "within"})
# Verbs whose object is what is talked about, not the party talked to.
TOPIC_VERBS = frozenset({"discuss", "debate", "negotiate", "talk", "raise", "address", "review", "consider", "mention"})
# Roots of meeting and cooperating: the partner named with "with" is the target.
PARTNER_ROOTS = frozenset({"03", "04", "05", "06"})
# Threats: whom a condition names ("unless Baghdad accepts") is threatened.
THREAT_ROOTS = frozenset({"13"})
# Protests and force: what they are for names their target ("to demand the removal of Mubarak").
PURPOSE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# A noun that ends so and shares this many first letters with a coded verb names its act.
NOMINAL_SUFFIXES = ("tion", "sion", "al", "ment", "ure", "ance", "ence")
NOMINAL_STEM = 5
# Appeals and demands: who is asked to act may be the subject of the clause asked for.
ADDRESSEE_ROLES = frozenset({"object", "dative", "to", "on", "upon"})
DEMAND_ROOTS = frozenset({"02", "10"})
# Prepositions of a verb after which a body is mostly a place, a medium or an occasion
# ("complained on Twitter"); of an object noun they still aim ("sanctions on the Taliban").
DESTINATION_PREPOSITIONS = frozenset({"to", "into", "at", "on", "for", "in"})
# Platforms something is said or done on, which the entity finder may take for a person or a body.
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "youtube", "tiktok", "truth social", "telegram", "whatsapp", "reddit", "snapchat", "parler", "gab"})
# Prepositions that aim what their noun names at someone, whatever the noun: "further action
# against Russia", "pressure on China".
AIMED_PREPOSITIONS = frozenset({"against", "on", "upon", "toward", "towards", "at"})
# Verbs whose complement is a claim denied, not an act: "denied colluding with Russians" acts
# on no Russian.
DENIAL_VERBS = frozenset({"deny", "refute"})
# What one party holds out to another: the owner of "accepted Kim's invitation" is the target.
# The owner of anything else an intention is about is mostly the actor's own ("promised to end
# the nation's isolation", "agreed to give up North Korea's weapons").
OFFERED_ACTS = frozenset({
    "invitation", "offer", "proposal", "request", "demand", "plan", "call", "appeal", "bid", "term", "condition",
    "motion", "petition", "application", "compromise", "counterproposal", "counteroffer",
})
# Refusals (CAMEO 12): of an offered act, the target is who made it.
REFUSAL_ROOT = "12"
# Visits (make, host a visit): the place visited is the target.
VISIT_CODES = frozenset({"042", "043"})
STATE_ROLES = frozenset({"government", "military", "police"})
# Names of laws, treaties and plans: what an act is about, never whom it acts on.
_NAMED_INSTRUMENT = re.compile(r"\b(Act|Agreement|Treaty|Accord|Accords|Convention|Protocol|Deal|Pact|Plan|Law|Resolution|Charter)\b$")
# A place named as the modifier of an instrument names where it was signed, not a party:
# "withdrew from the Paris Climate Accord", "left the Kyoto protocol". Tuned on AllSides leads
# (docs/events-reading.md); rerun `storyline eval events` and `eval event-sample`.
_INSTRUMENT_AFTER = r"(?:\s+[A-Za-z-]+){{0,3}}?\s+(?:accords?|agreements?|treaty|treaties|conventions?|protocols?|deals?|pacts?|charters?)\b"
_NOT_MODIFIER = frozenset({"with", "and", "between", "of", "to", "for", "against", "on", "by"})
# Treaties and trade agreements known by their acronyms, which the entity finder takes for
# bodies: "slammed NAFTA" acts on an agreement, not on anyone.
_INSTRUMENT_ACRONYMS = frozenset({
    "NAFTA", "USMCA", "CUSMA", "TPP", "CPTPP", "TTIP", "CETA", "RCEP", "JCPOA", "NPT", "INF", "START", "CTBT", "GATT",
})
DIRECT_ROLES = frozenset({"patient", "object", "dative"})
# Who may be named deep inside an object and still be acted on: not a group or a party, which
# the entity finder also makes of demonyms and plural nouns ("Euros").
DEEP_KINDS = frozenset({"person", "organisation", "organization", "country"})
ACTING_KINDS = frozenset({"person", "organisation", "organization", "country", "group", "government"})
# Pronouns (as lemmas) that fill the target's place when the verb acts on a person.
PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them", "i", "me", "we", "us", "you", "-PRON-"})
# Verbs whose object is what is moved, not whom the act reaches: "withdrew the U.S. from the
# agreement", "pulled its troops out of Syria" (the place left is named by "from", "out of").
MOVING_VERBS = frozenset({"withdraw", "pull"})


def event_target(proposition: Proposition, analysis: ReportAnalysis, *, code: str, trigger: str, source: str, cue: str = "") -> Actor:
    """The entity the event acts on, or an empty Actor when the clause names none of the right kind."""
    entities = {e.id: e for e in analysis.entities}
    actor = entities.get(source)
    # A person acts in a place, not on it; a state, a body, a group, or a source not named at
    # all (a single sentence coded alone) may act on it.
    acts_on_places = code[:3] in VISIT_CODES or actor is None or actor.kind != "person" or actor.role in STATE_ROLES
    arguments = proposition.arguments
    own = tuple(a for a in arguments if a.verb == trigger)
    offered = _offered_act(own, code)
    if offered:
        # "denied a request from House Democrats", "rejected an offer by the lawyer for ...":
        # a refusal acts on whoever made what it refuses, and on no one else the phrase names.
        arguments = offered
    elif trigger in DENIAL_VERBS:
        # "denied colluding with Russians", "denied any collusion with Russians": what is
        # denied names no one acted on; whose claim is dismissed may ("Tehran's insistence").
        arguments = tuple(a for a in own if " " not in a.role)
    elif code[:2] in DEMAND_ROOTS and any(a.role in ADDRESSEE_ROLES for a in own):
        # "urged parliament to pass the bailout", "appealed to lawmakers to move on from the
        # Russia controversy": the complement tells what is asked for, not of whom.
        arguments = own
    else:
        # The coded verb's own phrases first: "agreed to meet Kim" has none, "meet" gives Kim.
        arguments = own + tuple(a for a in arguments if a.verb != trigger)
    arguments = tuple(a for a in arguments if not (a.role == "object" and a.verb in MOVING_VERBS))
    if any(a.role in DIRECT_ROLES and not a.entity and a.head in PERSONAL_PRONOUNS for a in own):
        # "criticized him for his handling of the Russia investigation": the one acted on is
        # "him", whom coreference did not name; nobody else the clause names is.
        return Actor()
    deep_allowed = actor is None or actor.kind == "country"
    # A place named deep in an object ("an offensive against Kurdish forces in Syria") is tried
    # after every phrase of the clause: the Kurds before Syria.
    deferred: list[tuple[Argument, str]] = []
    for argument in _ranked(arguments, code, trigger, cue, places=acts_on_places):
        deep: list[str] = []
        if deep_allowed and argument.role in DIRECT_ROLES:
            for entity_id, placed in _mentioned_in(argument, analysis):
                if placed:
                    deferred.append((argument, entity_id))
                else:
                    deep.append(entity_id)
        owner = argument.owner if code[:2] != "03" or argument.head in OFFERED_ACTS or _names_the_act(argument.head, cue) else ""
        for entity_id in (argument.entity, owner, *deep):
            entity = entities.get(entity_id)
            if entity is not None and _fits(entity, argument, proposition, actor, code=code, source=source, owned=entity_id == owner):
                return Actor(name=entity.name, entity=entity.id, country=entity.country, role=entity.role)
    for argument, entity_id in deferred:
        entity = entities.get(entity_id)
        if entity is not None and _fits(entity, argument, proposition, actor, code=code, source=source, owned=False):
            return Actor(name=entity.name, entity=entity.id, country=entity.country, role=entity.role)
    return Actor()


def _fits(entity: Entity, argument: Argument, proposition: Proposition, actor: Entity | None, *, code: str, source: str, owned: bool) -> bool:
    """Whether an entity a phrase names may be the one acted on (see the module docstring)."""
    if not _can_be_acted_on(entity) or entity.id == source:
        return False
    if entity.id == proposition.attribution_entity and entity.kind == "person":
        # Nor the person who tells it: "Iran denies it," Netanyahu said. (A country may be
        # both: "killed a U.S. soldier, the U.S. military said".)
        return False
    if argument.role in DESTINATION_PREPOSITIONS and entity.name.lower() in PLATFORMS:
        # "blasted the media on Twitter": where it was said, whatever the tagger made of it.
        return False
    addressed = code[:2] in DEMAND_ROOTS and argument.role in ADDRESSEE_ROLES
    if entity.kind not in ("country", "person") and not entity.country and argument.role in DESTINATION_PREPOSITIONS and not addressed:
        # "complained on Twitter", "invited reporters into the Oval Office": a body named after
        # these is mostly where, not whom; an appeal "to the United Nations" is to whom.
        return False
    if actor is not None and (_own_country(entity, actor) or _same_person(entity, actor)):
        return False
    if entity.kind == "place" and _names_an_instrument(entity.name, argument.text):
        return False
    if entity.kind == "group" and entity.id == argument.entity and described_one(argument.text, entity):
        # "praised the Minnesota Democrat": one member described, not the party.
        return False
    return not (owned and entity.id != argument.entity and _party_of_one(entity, argument))


def _offered_act(own: tuple[Argument, ...], code: str) -> tuple[Argument, ...]:
    """The object of a refusal when it is something offered or asked (OFFERED_ACTS), with the
    phrases naming its maker ("from", "by"): or () when the refusal is of something else."""
    if code[:2] != REFUSAL_ROOT:
        return ()
    objects = [a for a in own if a.role == "object" and a.head in OFFERED_ACTS]
    if not objects:
        return ()
    makers = tuple(a for a in own if a.role in ("object from", "object by"))
    return (*objects, *makers)


def _ranked(arguments: tuple[Argument, ...], code: str, trigger: str, cue: str, *, places: bool) -> list[Argument]:
    """The arguments that may be the target, the likeliest first: the verb's object, its
    prepositional objects, those of its object when the object names an act ("talks with
    Xi", not "collusion with Russians") or the preposition aims it ("action against Russia"),
    and places last where they count."""
    visit = code[:3] in VISIT_CODES
    direct = [a for a in arguments if a.role in DIRECT_ROLES and (visit or trigger not in TOPIC_VERBS)]
    acts = {a.start for a in direct if a.role == "object" and _names_the_act(a.head, cue)}
    prepositional = [a for a in arguments if " " not in a.role and a.role in TARGET_PREPOSITIONS]
    nested = [a for a in arguments if _nested_target(a, acts, arguments)]
    asked = [a for a in arguments if a.role == "complement subject" and code[:2] in DEMAND_ROOTS]
    conditions = [a for a in arguments if a.role == "condition subject" and code[:2] in THREAT_ROOTS]
    purposes = [a for a in arguments if _purpose_target(a) and code[:2] in PURPOSE_ROOTS]
    ranked = direct + asked + conditions + prepositional + nested + purposes
    if code[:2] in PARTNER_ROOTS:
        partners = [a for a in ranked if _preposition(a) == "with" and a.role in ("with", "object with")]
        ranked = partners + [a for a in ranked if a not in partners]
    if places:
        ranked += [replace(a, owner="") for a in arguments if _preposition(a) in PLACE_PREPOSITIONS]
    return ranked


def _nested_target(argument: Argument, acts: set[int], arguments: tuple[Argument, ...]) -> bool:
    """A prepositional phrase inside another argument that may name the target: of an object
    naming the act ("held talks with Xi"), or of a phrase whose own preposition does ("by
    telephone with Trump"), not of a place or a time ("in a heated exchange with Magruder")."""
    outer, _, inner = argument.role.rpartition(" ")
    if not outer or inner not in TARGET_PREPOSITIONS:
        return False
    if outer == "object":
        if inner in AIMED_PREPOSITIONS:
            return True
        parent = max((a for a in arguments if a.role == "object" and a.start <= argument.start), key=lambda a: a.start, default=None)
        return parent is not None and parent.start in acts
    return outer.split()[-1] in TARGET_PREPOSITIONS


def _purpose_target(argument: Argument) -> bool:
    """What a protest or a use of force is for names its target: "to demand the resignation of
    Suharto", "to disperse demonstrators"."""
    outer, _, inner = argument.role.partition(" ")
    return outer == "purpose" and (inner == "object" or inner in TARGET_PREPOSITIONS)


def _names_the_act(head: str, cue: str) -> bool:
    """Whether an object noun names an act: the cue that coded the event, a noun the lexicon
    codes ("talks", "sanctions", "agreement") or one spelt as a verb it codes ("a ban", "an
    appeal")."""
    verbs = load_event_lexicon().verbs
    if head == cue or head in verbs.get("*", {}) or head in verbs or (bool(cue) and head.startswith(cue)):
        return True
    # A noun made of a verb the lexicon codes: "resignation", "removal", "suppression", "refusal".
    stem = head[:NOMINAL_STEM]
    return head.endswith(NOMINAL_SUFFIXES) and len(head) > NOMINAL_STEM and any(v.startswith(stem) for v in verbs if len(v) >= NOMINAL_STEM)


def _mentioned_in(argument: Argument, analysis: ReportAnalysis) -> list[tuple[str, bool]]:
    """Entities named anywhere in an argument's phrase, in text order, each with whether it is
    named as a place ("in Syria"): a state's act on "Serbia's suppression of unrest" acts on
    Serbia, however the parser hung the phrase."""
    end = argument.start + len(argument.text)
    kinds = {e.id: e.kind for e in analysis.entities}
    return [
        (m.entity, _after_place_preposition(argument.text[: m.start - argument.start]))
        for m in sorted(analysis.mentions, key=lambda m: m.start)
        if argument.start <= m.start < end and kinds.get(m.entity) in DEEP_KINDS
    ]


def _after_place_preposition(before: str) -> bool:
    """Whether a mention inside a phrase follows a preposition of place: "an offensive against
    Kurdish forces in Syria" names where, and the Kurds whom."""
    words = before.lower().split()
    return bool(words) and words[-1] in PLACE_PREPOSITIONS


def _preposition(argument: Argument) -> str:
    return argument.role.rpartition(" ")[2]


def _names_an_instrument(name: str, text: str) -> bool:
    """Whether a place is named as the modifier of a treaty or a deal in a phrase ("the Paris
    Climate Accord"), with no preposition between them ("a deal with Tehran" still names Tehran)."""
    match = re.search(re.escape(name) + _INSTRUMENT_AFTER.format(), text, flags=re.IGNORECASE)
    if match is None:
        return False
    return not _NOT_MODIFIER.intersection(match.group(0).lower().split())


def _can_be_acted_on(entity: Entity) -> bool:
    """People, bodies and countries; a place as its country (sanctions on Moscow, a visit to
    Tokyo); not a law or a treaty named like a body ("the Federal Vacancies Reform Act")."""
    if _NAMED_INSTRUMENT.search(entity.name) or entity.name in _INSTRUMENT_ACRONYMS:
        return False
    return entity.kind in ACTING_KINDS or (entity.kind == "place" and bool(entity.country))


def _party_of_one(owner: Entity, argument: Argument) -> bool:
    """"clashed with the state's Republican attorney general": a party or a group named as the
    modifier of one person's title tells who that person is, not that the party was acted on (as
    "Republican senators" or "a Republican counterproposal" would)."""
    head = argument.head.rstrip(".")
    if (owner.role != "party" and owner.kind != "group") or head not in load_lexicon().titles:
        return False
    words = re.findall(r"[\w.]+", argument.text.lower())
    return any(w.rstrip(".") == head for w in words) and not any(w.rstrip(".") == head + "s" for w in words)


def _same_person(target: Entity, source: Entity) -> bool:
    """"President Trump denounced the inquiry into Trump's campaign": a person named again by
    another form of their name ("Donald Trump", "Trump") is the actor, not the target; so is
    a part of a body's own name ("State" in "The State Department completed its inquiry into
    the Secretary of State's emails")."""
    if target.kind == "person" and source.kind == "person":
        return target.name.split()[-1].lower() == source.name.split()[-1].lower()
    words = target.name.lower().split()
    return target.kind != "country" and bool(words) and set(words) < set(source.name.lower().split())


def _own_country(target: Entity, source: Entity) -> bool:
    """The actor's own country or a place in it ("the U.S. Navy" is of the United States)."""
    if target.kind not in ("country", "place") or not target.country:
        return False
    return target.country == home_country(source)
