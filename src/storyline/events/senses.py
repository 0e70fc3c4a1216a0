"""Whether a coded verb is used in the sense its code names, on real news.

The verb lexicon gives many verbs a default code for when no word of their object narrows
it: "give" is aid, "release" is freeing prisoners, "sign" is a formal agreement, "return"
is a handover. On single sentences of political news those defaults are mostly right; in a
story about a game, a film or a trial they are mostly the everyday sense ("gave a speech",
"released a statement", "signed a player", "returned home"). In a story such a verb
(`event_verb_senses.tsv`) codes an event only when a noun of its object named the sense
("released the hostages") or it governs a preposition that does ("called on Congress"). A
code read from a noun alone ("dispatched Pompeo to meet Kim" -> a meeting) stands only under
a light verb that makes the noun the act ("held talks", "staged a rally").

    stands = political_sense(coding, proposition)
"""

from __future__ import annotations

from storyline.analyze.records import Proposition
from storyline.events.lexicon import load_event_lexicon
from storyline.events.records import Coding

# The coder's confidence for a code its verb gives, with or without a cue (events/coder.py);
# below it the code came from a noun of the complement alone.
VERB_CONFIDENCE = 0.7
# Verbs that make their object noun the act: "held talks" is a meeting, "launched an attack" one.
LIGHT_VERBS = frozenset({"have", "hold", "conduct", "carry", "make", "begin", "start", "launch", "stage", "continue", "resume", "mount", "say", "announce"})
# Cues that are particles or prepositions ("return to"): they do not name what is acted on.
_PARTICLES = frozenset({"to", "off", "on", "for", "with", "in", "out", "up", "down", "back", "over", "away", "into"})


def political_sense(coding: Coding, proposition: Proposition) -> bool:
    """Whether the coded verb is used in the sense its code names (see the module docstring)."""
    if coding.confidence < VERB_CONFIDENCE and coding.trigger not in LIGHT_VERBS:
        return False
    prepositions = load_event_lexicon().senses.get(coding.trigger)
    if prepositions is None:
        return True
    if coding.cue and coding.cue not in _PARTICLES:
        return True
    return any(argument.role in prepositions for argument in proposition.arguments)
