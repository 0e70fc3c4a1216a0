"""Whether a coded clause says the event happened, and who did it when the clause is passive.

    hypothetical("This may include hacking", "172")       # True: not coded as having happened
    passive_agent("17 homes were destroyed by the fire")   # "the fire": the actor, if it is named

Regular expressions over the clause's text, for the cases the verb lexicon cannot see: a
modal, a hedge or a condition makes an event possible, not real; a future tense makes it
planned, which counts only when the verb itself states the intention or the threat ("will
offer", "vowed to"), never as the act itself; a passive clause's subject is acted on.
"""

from __future__ import annotations

import re

# Possibility and condition: the event may never happen.
_HYPOTHETICAL = re.compile(
    r"\b(may|might|could|if|unless|whether|perhaps|possibly|probably|would have|could have|in case|suppose|supposing|"
    r"appears? to|appeared to|seems? to|seemed to|believed to|tried to|tries to|try to|trying to|attempted to|attempting to|"
    r"sought to|seeking to|seeks? to|failed to|fails? to|in hopes?|"
    r"can|cannot|can't|hopes? to|hoped to|hoping to|wants? to|wanted to|would like)\b",
    re.IGNORECASE,
)
# An act put forward, not done: "suggests arresting the senator", "considered imposing tariffs".
# The proposal itself may be an event (its verb is the trigger then); the act proposed is not.
# Tuned on AllSides leads (reading 5 of docs/events-reading.md); rerun `storyline eval event-sample`.
_PROPOSED = re.compile(r"\b(suggest|propose|recommend|consider|float|mull|weigh)(s|es|ed|d|ing)?\s+(\w+ing)\b", re.IGNORECASE)
_PROPOSING_VERBS = frozenset({"suggest", "propose", "recommend", "consider", "float", "mull", "weigh"})
# Obligation and advice: what someone should do, not what they did (a demand is coded as 10).
_OBLIGATION = re.compile(r"\b(should|must|ought to|need to|needs to|needed to|has to|have to|had to)\b", re.IGNORECASE)
_DEMAND_MODAL = re.compile(r"\b(must|should|ought to)\b", re.IGNORECASE)
# Newsroom phrases that look like requests or refusals but are no event of the story.
_NEWSROOM = re.compile(
    r"\b(asked not to be (named|identified)|declined to be (named|identified)|on condition of anonymity|"
    r"did not (immediately )?respond|could not be reached|declined to comment|(did not|didn't|didn’t) return|"
    r"not returning (phone )?calls)\b",
    re.IGNORECASE,
)
# Future or planned: the event has not happened yet.
_FUTURE = re.compile(
    r"\b(will|would|shall|going to|plans? to|planned to|planning to|intends? to|intended to|intending to|expected to|set to|is to|are to|was to|were to|aims? to|wants? to|"
    r"prepares? to|preparing to|scheduled to|due to|next (week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"later (this|next) (week|month|year)|tomorrow)\b",
    re.IGNORECASE,
)
# Verbs that state an intention or a threat: "X will offer", "X vowed to": the statement is the
# event (CAMEO 03 and 13), not the future act. Any other verb in the future is not yet an event.
INTENT_VERBS = frozenset({"promise", "pledge", "vow", "offer", "agree", "threaten", "warn", "plan", "intend", "commit", "propose"})
_IRREGULAR_PARTICIPLES = (
    "sent held made built struck hit shot taken given seen found caught brought left put set won lost paid told sold "
    "kept led met spent bought thrown driven drawn known shown beaten bitten hidden stolen chosen frozen broken spoken "
    "torn worn sworn forgotten begun done gone cut hurt shut split spread burnt burned jailed sentenced"
).split()
# "were destroyed", "has been reached", "will be offered", "was reportedly hit": a passive verb group.
_PASSIVE = re.compile(
    r"^\s*(?:(?:has|have|had|will|would|could|may|might|must|should|shall|to|not|also|already|reportedly|since|now|then|all|both|"
    r"each|since|later|subsequently|eventually|finally)\s+)*"
    r"(?:been|be|was|were|is|are|being|got|get|gets|['’]s|['’]re)\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|" + "|".join(_IRREGULAR_PARTICIPLES) + r")\b",
    re.IGNORECASE,
)
# Conjunctions after which a clause in the present is expected, not done.
_PENDING = re.compile(r"\b(before|until|unless|once|if|when|whenever|after|as soon as)\W*$", re.IGNORECASE)
# A question or a condition the clause is asked in, whatever its tense: "asked whether Mexico has
# pledged to buy more", "if the council approved it". Tuned on AllSides leads (reading 5 of
# docs/events-reading.md); rerun `storyline eval event-sample`.
_ASKED = re.compile(r"\b(whether|if)\W*$", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"\b(is|are|am|['’]s|['’]re)\s+(?:\w+ly\s+)?\w+ing\b", re.IGNORECASE)
# Roots of acts (meetings, cooperation, aid, yielding, protest, force), as against statements,
# appeals, intentions, support and verbal conflict (01-03, 05, 09-13), which are news in the
# present.
ACT_ROOTS = frozenset({"04", "06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|it|they|we|I|who|which)(?=\W)", re.IGNORECASE)
_DISMISSAL = re.compile(r"\bfir(?:e|ed|es|ing)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z'’]")
_AGENT = re.compile(r"\bby\s+(?P<agent>[^,;.]+)")


def hypothetical(text: str, cameo: str, sentence: str = "", trigger: str = "", *, attributed: bool = True) -> bool:
    """Whether the clause states a possible, hedged, conditional, obliged or future event, or asks
    a question (its sentence ends in "?"), as if its code were fact. `trigger` is the verb the
    code came from: a future intention or threat ("will offer") is an event, a future act is not;
    `attributed` whether a speaker is credited with the clause ("X must stop", the minister said)."""
    if _HYPOTHETICAL.search(text) or _NEWSROOM.search(text) or sentence.rstrip(" \"'”’)").endswith("?"):
        return True
    proposed = _PROPOSED.search(text)
    if proposed and trigger not in _PROPOSING_VERBS and proposed.group(3).lower() not in ("during", "nothing", "something", "anything"):
        return True
    if _OBLIGATION.search(text) and (cameo[:2] != "10" or not attributed or not _DEMAND_MODAL.search(text)):
        # "Iraq must cooperate" is no demand made, unless a speaker made it ("must", "should"):
        # the coder then codes the speaker's demand (CAMEO 10), which stands. "Had to" and
        # "needed to" tell a constraint, not a demand.
        return True
    return bool(_FUTURE.search(text)) and trigger not in INTENT_VERBS


def pending(tense: str, lead_in: str) -> bool:
    """"... before Mr. Kim agrees to give up his weapons": a clause in the present after "before",
    "until", "if" or "once" tells what is expected, not what happened. `lead_in` is the text of
    its sentence before the clause; one after "whether" or "if" is asked, in any tense."""
    if _ASKED.search(lead_in):
        # "... whether Mexico has pledged": asked, in any tense, not told.
        return True
    return tense == "present" and bool(_PENDING.search(lead_in))


def scheduled(text: str, tense: str, cameo: str, *, headline: bool = False) -> bool:
    """"Trump meets Kim in the coming weeks", "Merkel visits the White House": an act told in the
    simple present outside a headline is scheduled or habitual, not reported as done. A
    statement or a stance is told in the present when it is news ("Iran denies", "the DNC
    blames Russia"), and so is an act going on ("is investigating")."""
    return tense == "present" and not headline and cameo[:2] in ACT_ROOTS and not _PROGRESSIVE.search(text)


def is_passive(text: str, actor: str) -> bool:
    """Whether the clause's verb, right after its subject, is passive ("17 homes were destroyed").

    The subject is found where the clause writes it; an actor resolved from a pronoun ("he"
    -> "Vincent Gigante") is not in the text, and then the pronoun is the subject.
    """
    lowered = text.lower()
    at = lowered.find(actor.lower()) if actor else -1
    if at >= 0:
        return bool(_PASSIVE.match(text[at + len(actor):]))
    pronoun = _PRONOUN_SUBJECT.search(text)
    return bool(pronoun and _PASSIVE.match(text[pronoun.end():])) or bool(_PASSIVE.match(text))


def dismissal(text: str) -> bool:
    """"He fired Mr. Comey": firing a named person from a post, not firing on anyone."""
    return bool(_DISMISSAL.search(text))


def passive_agent(text: str) -> str:
    """The agent of a passive clause ("destroyed by the fire" -> "the fire"), or ""."""
    found = _AGENT.search(text)
    return found.group("agent").strip() if found else ""
