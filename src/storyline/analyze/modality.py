"""Modality of a clause: asserted, or hedged and by which word.

A hedged claim ("could hinder", "allegedly paid", "examining whether the campaign
colluded") is a different claim from its assertion, so alignment never joins the two and
the fact text keeps the hedge. The hedge words are data (`data/hedges.txt`); an embedded
question ("whether ...", "if ...") is hedged by its mark, which the clause text drops.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

# Verbs whose object or complement is a target, not something that happened.
TARGET_VERBS = frozenset({"need", "plan", "aim", "hope", "intend", "seek", "want"})
# Modalities of a forecast or a target: a claim about what is to come, which a report may
# state as "will" and another as "is expected to" ("will hold hearings" / "is expected to
# hold hearings"). They join asserted and hedged claims alike; an open question joins none.
FORECASTS = TARGET_VERBS | {"expected"}
# Hedges of hearsay: the claim is someone's account ("allegedly pointed a gun"), the same
# claim as one a speaker is reported to make ("police say he pointed a gun").
HEARSAY = frozenset({"alleged", "allegedly", "reportedly", "purported", "purportedly", "supposedly", "apparently", "suspected", "rumored", "rumoured", "unconfirmed", "unverified"})
# Marks that make a complement clause an open question rather than a claim.
QUESTION_MARKS = frozenset({"whether", "if"})


def modality_of(head: Token, tokens: Sequence[Token], hedges: frozenset[str]) -> str:
    """"" for an asserted clause, else the hedge word that qualifies it ("may", "whether").

    Only words that qualify the clause itself count: a modal or adverb on its verb chain, an
    adjective on its subject or object ("the alleged bribe"), or the mark of an embedded
    question on its head.
    """
    for child in head.children:
        if child.dep_ == "mark" and child.lower_ in QUESTION_MARKS and head.dep_ in ("ccomp", "advcl"):
            return child.lower_
    if head.lower_ in hedges and head.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in head.children):
        # "is expected to start in 2027": a forecast, as hedged as "could begin in 2027".
        return head.lower_
    if head.lemma_.lower() in TARGET_VERBS and any(c.dep_ in ("xcomp", "dobj") for c in head.children):
        # "needed nine points to pass Ford", "plans to cut 500 jobs": a target, not a result.
        return head.lemma_.lower()
    for child in head.children:
        if child.dep_ == "amod" and child.tag_ in ("VBD", "VBN") and child.lemma_.lower() in TARGET_VERBS and child.i < head.i:
            # The parser reads "the senior needed nine points" as a noun phrase headed by
            # "points" with "needed" as its modifier: still a target.
            return child.lemma_.lower()
    members = {token.i for token in tokens}
    for token in tokens:
        word = token.lower_
        if word not in hedges or token.i not in members:
            continue
        if token.dep_ in ("aux", "advmod") and _on_verb_chain(token, head):
            return word
        if token.dep_ == "amod" and token.head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _on_verb_chain(token.head, head):
            return word
        if token.dep_ in ("acomp", "attr") and token.head.i == head.i and word in ("likely", "possible", "probable"):
            return word
    return ""


def _on_verb_chain(token: Token, head: Token) -> bool:
    """Whether the token hangs on the clause head or on a verb of its xcomp chain."""
    current = token.head
    for _ in range(4):
        if current.i == head.i:
            return True
        if current.dep_ not in ("xcomp", "aux", "auxpass") or current.head.i == current.i:
            return False
        current = current.head
    return False


def compatible(first: str, second: str, *, first_reported: bool = False, second_reported: bool = False) -> bool:
    """Whether claims of these modalities can be one claim: the same modality; a forecast
    with anything but an open question; a hearsay hedge with a claim someone is reported to
    make (`*_reported`: the clause has a speaker); otherwise both asserted or both hedged
    ("could begin" never corroborates "began")."""
    if first == second:
        return True
    if first in QUESTION_MARKS or second in QUESTION_MARKS:
        return False
    if first in FORECASTS or second in FORECASTS:
        return True
    if (first in HEARSAY and (second_reported or second in HEARSAY)) or (second in HEARSAY and first_reported):
        return True
    return bool(first) == bool(second)
