"""Whether a coded verb is used in the sense its code names, on real news.

The verb lexicon gives many verbs a default code for when no word of their object narrows
it: "give" is aid, "release" is freeing prisoners, "sign" is a formal agreement, "return"
is a handover. On single sentences of political news those defaults are mostly right; in a
story about a game, a film or a trial they are mostly the everyday sense ("gave a speech",
"released a statement", "signed a player", "returned home"). In a story such a verb
(`event_verb_senses.tsv`) codes an event only when a noun of its object named the sense
("released the hostages") or a listed preposition or object names someone ("called on
Congress", "warned North Korea", not "warned of the possibility of violence"). A
code read from a noun alone ("dispatched Pompeo to meet Kim" -> a meeting) stands only under
a light verb that makes the noun the act ("held talks", "staged a rally"), and not when the
noun is someone else's act ("announced Ratcliffe's withdrawal").

    stands = political_sense(coding, proposition)
"""

from __future__ import annotations

import re

from storyline.events.lexicon import load_event_lexicon
from storyline.events.records import Coding
from storyline.models import Argument, Proposition, ReportAnalysis

# The coder's confidence for a code its verb gives, with or without a cue (events/coder.py);
# below it the code came from a noun of the complement alone.
VERB_CONFIDENCE = 0.7
# Verbs that make their object noun the act: "held talks" is a meeting, "launched an attack" one.
LIGHT_VERBS = frozenset({"have", "hold", "conduct", "carry", "make", "begin", "start", "launch", "stage", "continue", "resume", "mount", "say", "announce"})
# Arguments a cue must be found in: what is acted on or handed over, and to whom.
OBJECT_ROLES = frozenset({"object", "dative", "patient", "attribute", "to", "on", "for", "with", "against", "object of"})
# In the sense table: the verb stands with a verb complement ("asked Ukraine to investigate").
COMPLEMENT = "complement"
# Verbs of agreeing, and the phrases that name what is agreed ("agreed to a ceasefire", "on a plan").
AGREEING_VERBS = frozenset({"agree", "concur"})
AGREED_ROLES = frozenset({"object", "to", "on", "upon", "over", "complement subject"})
# Verbs that can name what something is ("declared the outbreak a pandemic").
NAMING_VERBS = frozenset({"declare", "call", "name", "deem"})
# An object that is a small clause: a noun phrase, then an indefinite article ("the outbreak a
# public health emergency"), where a state imposed starts with its article ("a state of emergency").
_SMALL_CLAUSE = re.compile(r"^\S.*?\s(?:a|an)\s", re.IGNORECASE)
# Verbs of recording or catching in the act: "captured X saying", "caught X taking".
DEPICTING_VERBS = frozenset({"capture", "catch", "record", "film", "tape"})
_PREPOSITIONS_IN_ING = frozenset({"during", "including", "regarding", "following", "concerning", "according", "pending", "notwithstanding"})
# Cues that are particles or prepositions ("return to"): they do not name what is acted on.
_PARTICLES = frozenset({"to", "off", "on", "for", "with", "in", "out", "up", "down", "back", "over", "away", "into"})


# Words of force that news uses for words ("clashed with", "fired back at", "hit out at",
# "lashed out at", "took aim at"): between politicians they are criticism, not fighting.
_FIGURATIVE_FORCE = re.compile(
    r"\b(clash\w*|fir\w* back|hit(?:s|ting)? (?:back|out)|lash\w* out|str(?:ike|ikes|iking|uck) back|t(?:ake|akes|ook|aking) aim|swip\w+)\b",
    re.IGNORECASE,
)
# Roots of force, and the code a war of words gets instead (111: criticize or denounce).
FORCE_ROOTS = frozenset({"18", "19"})
CRITICISM = "111"
# Roots of force and coercion, which a party's "taking" or "seizing" a chamber is not.
PARTY_WINS_ROOTS = frozenset({"17", "18", "19", "20"})
# Roles whose force is real: a police charge or an army "clashing with" protesters.
ARMED_ROLES = frozenset({"military", "police", "opposition"})


def war_of_words(coding: Coding, proposition: Proposition, analysis: ReportAnalysis) -> bool:
    """Whether a code of force is a war of words: a figure of force ("clashed with", "fired
    back at") between people or parties, neither of them armed."""
    if coding.cameo[:2] not in FORCE_ROOTS or not _FIGURATIVE_FORCE.search(proposition.text):
        return False
    entities = {e.id: e for e in analysis.entities}
    source, target = entities.get(coding.source.entity), entities.get(coding.target.entity)
    if source is None or target is None:
        return False
    civil = all(e.role not in ARMED_ROLES and (e.kind == "person" or e.role == "party") for e in (source, target))
    return civil


def political_sense(coding: Coding, proposition: Proposition) -> bool:
    """Whether the coded verb is used in the sense its code names (see the module docstring)."""
    if coding.confidence < VERB_CONFIDENCE and coding.trigger not in LIGHT_VERBS:
        return False
    if coding.confidence < VERB_CONFIDENCE and _done_by_another(proposition):
        return False
    if _asked_of_another(coding, proposition) or _shared_view(coding, proposition) or _declared_to_be(coding, proposition):
        return False
    if _cue_of_purpose(coding, proposition):
        return False
    prepositions = load_event_lexicon().senses.get(coding.trigger)
    if prepositions is None:
        return True
    if COMPLEMENT in prepositions and _has_complement(coding.trigger, proposition):
        return True
    if coding.cue and coding.cue not in _PARTICLES and _in_object(coding.cue, proposition, coding.trigger):
        return True
    # The preposition must name someone: "called on Congress", not "called him a liar on Saturday".
    return any(argument.role in prepositions and (argument.entity or argument.owner) for argument in proposition.arguments)


def _asked_of_another(coding: Coding, proposition: Proposition) -> bool:
    """"challenged the governor to condemn the attack", "persuaded Iran to sign": the coded verb
    is an act asked of (or brought about in) the object of a verb before it, not the actor's."""
    lemmas = proposition.action.split()
    if coding.trigger not in lemmas:
        return False
    before = set(lemmas[: lemmas.index(coding.trigger)])
    return any(a.role in ("object", "dative") and a.verb in before for a in proposition.arguments)


def _cue_of_purpose(coding: Coding, proposition: Proposition) -> bool:
    """"offered bounties to militants to kill American troops": a cue named only in what the
    act is for (a purpose clause) does not say what the act is."""
    if not coding.cue or coding.cue in proposition.action.split():
        return False
    purposes = [a for a in proposition.arguments if a.role.startswith("purpose")]
    others = [a for a in proposition.arguments if not a.role.startswith("purpose")]
    return _names_cue(coding.cue, purposes) and not _names_cue(coding.cue, others)


def _names_cue(cue: str, arguments: list[Argument]) -> bool:
    return any(word.startswith(cue) for argument in arguments for word in argument.text.lower().split())


def party_force(coding: Coding, analysis: ReportAnalysis) -> bool:
    """"Democrats took control of the state Senate", "Republicans seized the House": a party
    wins, it does not seize, attack or coerce."""
    if coding.cameo[:2] not in PARTY_WINS_ROOTS:
        return False
    source = next((e for e in analysis.entities if e.id == coding.source.entity), None)
    return source is not None and source.role == "party"


def _shared_view(coding: Coding, proposition: Proposition) -> bool:
    """"agrees with the parents of the victims": agreeing with someone, with nothing agreed to
    or on, is sharing a view, not an agreement."""
    if coding.trigger not in AGREEING_VERBS or coding.cue or _has_complement(coding.trigger, proposition):
        return False
    own = [a for a in proposition.arguments if a.verb == coding.trigger]
    return any(a.role == "with" for a in own) and not any(a.role in AGREED_ROLES for a in own)


def _declared_to_be(coding: Coding, proposition: Proposition) -> bool:
    """"declared the outbreak a public health emergency": naming something as what it is (a
    small clause after the verb), not imposing a state of emergency."""
    return coding.trigger in NAMING_VERBS and any(
        a.role == "object" and a.verb == coding.trigger and _SMALL_CLAUSE.search(a.text) for a in proposition.arguments
    )


def depicted(coding: Coding, proposition: Proposition, sentence: str) -> bool:
    """"captured the senator saying ...", "caught him taking a bribe": a verb of recording
    whose object is shown doing something records, it does not seize."""
    if coding.trigger not in DEPICTING_VERBS:
        return False
    for argument in proposition.arguments:
        if argument.role == "object" and argument.verb == coding.trigger and argument.text:
            found = re.search(re.escape(argument.text) + r"\s+([a-z]+ing)\b", sentence)
            if found and found.group(1) not in _PREPOSITIONS_IN_ING:
                return True
    return False


def _done_by_another(proposition: Proposition) -> bool:
    """"Trump announced Ratcliffe's withdrawal": the act a noun names is its owner's."""
    return any(a.role == "object" and a.owner and a.owner != proposition.actor_entity for a in proposition.arguments)


def _has_complement(trigger: str, proposition: Proposition) -> bool:
    """Whether the verb governs an act asked for ("asked Ukraine to investigate"), as against a
    question put ("asked Clinton directly")."""
    lemmas = proposition.action.split()
    return trigger in lemmas and lemmas.index(trigger) < len(lemmas) - 1


def _in_object(cue: str, proposition: Proposition, proposition_trigger: str) -> bool:
    """Whether the cue is a word of what the verb itself acts on ("released the hostages"), not
    of a phrase of time, place or manner ("testimony before the Senate Intelligence
    Committee") nor of another verb ("stopped looking for work")."""
    return any(
        word.startswith(cue)
        for argument in proposition.arguments
        if argument.role in OBJECT_ROLES and argument.verb in ("", proposition_trigger)
        for word in argument.text.lower().split()
    )
