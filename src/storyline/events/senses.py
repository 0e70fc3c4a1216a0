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

from storyline.events.lexicon import load_event_lexicon
from storyline.events.records import Coding
from storyline.models import Proposition

# The coder's confidence for a code its verb gives, with or without a cue (events/coder.py);
# below it the code came from a noun of the complement alone.
VERB_CONFIDENCE = 0.7
# Verbs that make their object noun the act: "held talks" is a meeting, "launched an attack" one.
LIGHT_VERBS = frozenset({"have", "hold", "conduct", "carry", "make", "begin", "start", "launch", "stage", "continue", "resume", "mount", "say", "announce"})
# Arguments a cue must be found in: what is acted on or handed over, and to whom.
OBJECT_ROLES = frozenset({"object", "dative", "patient", "attribute", "to", "on", "for", "with", "against", "object of"})
# In the sense table: the verb stands with a verb complement ("asked Ukraine to investigate").
COMPLEMENT = "complement"
# Cues that are particles or prepositions ("return to"): they do not name what is acted on.
_PARTICLES = frozenset({"to", "off", "on", "for", "with", "in", "out", "up", "down", "back", "over", "away", "into"})


def political_sense(coding: Coding, proposition: Proposition) -> bool:
    """Whether the coded verb is used in the sense its code names (see the module docstring)."""
    if coding.confidence < VERB_CONFIDENCE and coding.trigger not in LIGHT_VERBS:
        return False
    if coding.confidence < VERB_CONFIDENCE and _done_by_another(proposition):
        return False
    prepositions = load_event_lexicon().senses.get(coding.trigger)
    if prepositions is None:
        return True
    if COMPLEMENT in prepositions and _has_complement(coding.trigger, proposition):
        return True
    if coding.cue and coding.cue not in _PARTICLES and _in_object(coding.cue, proposition):
        return True
    # The preposition must name someone: "called on Congress", not "called him a liar on Saturday".
    return any(argument.role in prepositions and (argument.entity or argument.owner) for argument in proposition.arguments)


def _done_by_another(proposition: Proposition) -> bool:
    """"Trump announced Ratcliffe's withdrawal": the act a noun names is its owner's."""
    return any(a.role == "object" and a.owner and a.owner != proposition.actor_entity for a in proposition.arguments)


def _has_complement(trigger: str, proposition: Proposition) -> bool:
    """Whether the verb governs an act asked for ("asked Ukraine to investigate"), as against a
    question put ("asked Clinton directly")."""
    lemmas = proposition.action.split()
    return trigger in lemmas and lemmas.index(trigger) < len(lemmas) - 1


def _in_object(cue: str, proposition: Proposition) -> bool:
    """Whether the cue is a word of what the verb acts on ("released the hostages"), not of a
    phrase of time, place or manner ("testimony before the Senate Intelligence Committee")."""
    return any(
        word.startswith(cue)
        for argument in proposition.arguments
        if argument.role in OBJECT_ROLES
        for word in argument.text.lower().split()
    )
