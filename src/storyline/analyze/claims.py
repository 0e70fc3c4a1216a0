"""The claim a proposition states, as a reader can quote it without the rest of the report.

A clause cut out of its sentence often cannot stand alone: "it is also a victim of
hacking", "the deal should have been vetted more thoroughly", "such as drone technology".
The claim text puts back what the clause leans on:

- the subject a pronoun or a bare description stands for ("it" -> "the new agreement"),
  unless it is the speaker, who is shown ("China says it is also a victim of hacking");
- the speaker of reported speech, with the reporting verb as the report wrote it;
- for an example ("such as drone technology"), the clause the example belongs to;
- a capital letter at the start.

`is_fragment` tells what is still no claim: too short, a question, a bare phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A claim text of this many words or fewer says too little to be a fact on its own
# ("including the US", "what he says there"). The bar for a fragment; checked on the
# seeds (tests/test_seed_facts.py) and `storyline eval facts`; rerun both after changing.
FRAGMENT_MAX_WORDS = 5
# Words a claim cannot start with and still be a whole sentence or main clause.
FRAGMENT_OPENERS = frozenset({"including", "such", "like", "especially", "particularly", "notably", "and", "or", "but", "which", "who", "whom", "whose", "that", "what", "whether", "if", "because", "while", "when", "as", "to", "for"})
# Pronouns a claim may not be left with as its subject when nothing resolved them.
# ("I" and "we" outside a quotation are the writer, who is the outlet: not dangling.)
DANGLING_SUBJECTS = frozenset({"it", "he", "she", "they", "this", "these", "those", "you", "him", "her", "them", "its", "his", "their"})
# Pronouns of the speaker and listener: never what another pronoun is resolved to.
PERSONAL_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "my", "our", "your"})
# Reporting verbs whose object is the listener, not the claim: "told the paper that X" is
# shown as "said X".
LISTENER_VERBS = {"told": "said", "tells": "says", "tell": "say", "telling": "saying", "assured": "said", "informed": "said"}
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, kw_only=True)
class Voice:
    """Who a claim is reported from: the speaker as written and how they said it."""

    speaker: str
    verb: str = "said"
    according: bool = False
    quotation: bool = False


def claim_text(
    text: str, *, subject: str = "", stands_for: str = "", voice: Voice | None = None, opens_with_name: bool = False
) -> str:
    """The self-contained claim of a clause whose text is `text`.

    `subject` is the pronoun or description the clause's subject was written as and
    `stands_for` what it was resolved to; `voice` the speaker, when the claim is reported;
    `opens_with_name` whether the clause's first word is a name, which keeps its capital
    after the speaker.
    """
    claim = text.strip()
    replaced = False
    reported_pronoun = voice is not None and subject.lower() in DANGLING_SUBJECTS
    # A pronoun standing for another pronoun resolves nothing ("It is so naive that ..."
    # once read "I is so naive ...").
    pronoun_for_pronoun = stands_for.strip().lower() in DANGLING_SUBJECTS | PERSONAL_PRONOUNS
    if subject and stands_for and not reported_pronoun and not pronoun_for_pronoun:
        # In reported speech a pronoun most often stands for the speaker ("Sondland said he
        # was acting on orders"), whom the claim shows: it is kept rather than guessed.
        claim, replaced = _replace_word(claim, subject, stands_for), True
    if voice is not None and voice.speaker and not _is_pronoun(voice.speaker) and not _same(voice.speaker, claim[: len(voice.speaker)]):
        if voice.quotation:
            claim = f"{voice.speaker} said: “{claim}”"
        elif voice.according:
            claim = f"{_capitalised(claim)}, according to {voice.speaker}"
        else:
            verb = LISTENER_VERBS.get(voice.verb.lower(), voice.verb)
            claim = f"{voice.speaker} {verb} {claim if opens_with_name or replaced else _lowered(claim)}"
    return _capitalised(claim)


def is_fragment(claim: str, *, gives_values: bool = False) -> bool:
    """Whether a claim text is no claim: a short phrase, a question, a clause opening with a
    word that ties it to another ("including", "which"), or a bare pronoun subject. A short
    clause that gives a figure or a date (`gives_values`: "the plant operating by 2030",
    "ten people died") is a claim however short."""
    words = _WORD.findall(claim)
    if (len(words) <= FRAGMENT_MAX_WORDS and not gives_values) or claim.rstrip("”\"' ").endswith("?"):
        return True
    first = words[0].lower().strip("“\"'(")
    return first in FRAGMENT_OPENERS or first in DANGLING_SUBJECTS


def _replace_word(text: str, word: str, replacement: str) -> str:
    """`text` with the first whole-word `word` (any case) replaced; at the start the
    replacement keeps the sentence's capital."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
    match = pattern.search(text)
    if match is None:
        return text
    return text[: match.start()] + replacement + text[match.end() :]


def _same(a: str, b: str) -> bool:
    return bool(a) and a.strip().lower() == b.strip().lower()


def _is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in DANGLING_SUBJECTS


def _capitalised(text: str) -> str:
    """The claim with a capital on its first letter, unless it opens with a figure
    ("16-year-old Kimani Gray") or a word already capitalised."""
    for position, char in enumerate(text):
        if char.isalnum():
            return text if char.isdigit() else text[:position] + char.upper() + text[position + 1 :]
    return text


def _lowered(text: str) -> str:
    """The claim as it reads after "X said": the capital of a plain first word dropped
    ("The deal" -> "the deal", "A fire" -> "a fire"), an acronym's or "I"'s kept."""
    first = text.split(" ", 1)[0]
    if first == "A" or (first[:1].isupper() and first[1:].islower() and first != "I"):
        return text[:1].lower() + text[1:]
    return text
