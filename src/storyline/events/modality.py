"""Whether a coded clause says the event happened, and who did it when the clause is passive.

    hypothetical("This may include hacking", "172")       # True: not coded as having happened
    passive_agent("17 homes were destroyed by the fire")   # "the fire": the actor, if it is named

Regular expressions over the clause's text, for the cases the verb lexicon cannot see: a
modal or a condition makes an event possible, not real; a future tense makes it planned,
which CAMEO codes only as an expressed intention or a threat (roots 03 and 13), never as
the act itself; a passive clause's subject is acted on, not acting.
"""

from __future__ import annotations

import re

# Possibility and condition: the event may never happen.
_HYPOTHETICAL = re.compile(
    r"\b(may|might|could|if|unless|whether|perhaps|possibly|would have|could have|in case|suppose|supposing)\b", re.IGNORECASE
)
# Future or planned: the event has not happened yet.
_FUTURE = re.compile(
    r"\b(will|would|shall|going to|plans? to|planned to|intends? to|expected to|set to|is to|are to|aims? to|wants? to)\b",
    re.IGNORECASE,
)
# CAMEO roots that are themselves statements about the future: "express intent to ..." and "threaten".
FUTURE_ROOTS = frozenset({"03", "13"})
_IRREGULAR_PARTICIPLES = (
    "sent held made built struck hit shot taken given seen found caught brought left put set won lost paid told sold "
    "kept led met spent bought thrown driven drawn known shown beaten bitten hidden stolen chosen frozen broken spoken "
    "torn worn sworn forgotten begun done gone cut hurt shut split spread burnt burned"
).split()
# "were destroyed", "has been reached", "will be offered", "was reportedly hit": a passive verb group.
_PASSIVE = re.compile(
    r"^\s*(?:(?:has|have|had|will|would|could|may|might|must|should|shall|to|not|also|already|reportedly|since|now|then)\s+)*"
    r"(?:been|be|was|were|is|are|being|got|get|gets)\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|" + "|".join(_IRREGULAR_PARTICIPLES) + r")\b",
    re.IGNORECASE,
)
_AGENT = re.compile(r"\bby\s+(?P<agent>[^,;.]+)")


def hypothetical(text: str, cameo: str) -> bool:
    """Whether the clause states a possible, conditional or future event as its code were fact."""
    if _HYPOTHETICAL.search(text):
        return True
    return bool(_FUTURE.search(text)) and cameo[:2] not in FUTURE_ROOTS


def is_passive(text: str, actor: str) -> bool:
    """Whether the clause's verb, right after its subject, is passive ("17 homes were destroyed")."""
    rest = text[len(actor):] if actor and text.lower().startswith(actor.lower()) else text
    return bool(_PASSIVE.match(rest))


def passive_agent(text: str) -> str:
    """The agent of a passive clause ("destroyed by the fire" -> "the fire"), or ""."""
    found = _AGENT.search(text)
    return found.group("agent").strip() if found else ""
