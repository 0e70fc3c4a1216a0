"""Event triggers found in raw text, for when no one has marked the mentions.

A trigger is a main verb, or a noun that names an event: listed in the event-noun lexicon
or built with an eventive suffix (-tion, -ment) and not in the list of suffixed nouns that
name things. Title-case headline words tagged as proper nouns count when their folded form
is a known event word. Auxiliaries and copulas are left out: "was arrested" is one event, "arrested".
"""

from __future__ import annotations

from typing import Any

from storyline.alignment.lexicon import event_nouns, families, fold_inflection, non_event_nouns
from storyline.alignment.options import MentionSpan

EVENTIVE_SUFFIXES = ("ation", "tion", "sion", "ment")
SKIPPED_VERBS = frozenset({"be", "have", "do"})
# Named-entity types that are amounts, not participants.
ENTITY_SKIPPED_LABELS = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def predict_event_mentions(doc_id: str, text: str, nlp: Any, *, doc: Any = None) -> list[MentionSpan]:
    """Event trigger mentions of one document, one token each, in text order.

    Pass `doc` (the spaCy parse of `text`) to avoid parsing twice. Mention ids are
    "<doc_id>:<start>-<end>".
    """
    parsed = doc if doc is not None else nlp(text)
    found = []
    for token in parsed:
        if _is_trigger(token):
            start, end = token.idx, token.idx + len(token.text)
            found.append(MentionSpan(id=f"{doc_id}:{start}-{end}", doc=doc_id, start=start, end=end, text=token.text))
    return found


def predict_entity_mentions(doc_id: str, text: str, nlp: Any, *, doc: Any = None) -> list[MentionSpan]:
    """Entity mentions of one document: its noun phrases and named entities, in text order.

    They are the participants event alignment looks for when no one has marked the
    entities. Mention ids are "<doc_id>:<start>-<end>:entity".
    """
    parsed = doc if doc is not None else nlp(text)
    spans = {(chunk.start_char, chunk.end_char) for chunk in parsed.noun_chunks}
    spans.update((ent.start_char, ent.end_char) for ent in parsed.ents if ent.label_ not in ENTITY_SKIPPED_LABELS)
    return [
        MentionSpan(id=f"{doc_id}:{start}-{end}:entity", doc=doc_id, start=start, end=end, text=text[start:end], kind="entity")
        for start, end in sorted(spans)
    ]


def _is_trigger(token: Any) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return lemma not in SKIPPED_VERBS
    if token.pos_ == "PROPN" and not token.ent_type_:
        folded = fold_inflection(token.text)
        return folded in event_nouns() or folded in families()
    if token.pos_ != "NOUN":
        return False
    if lemma in event_nouns():
        return True
    return lemma.endswith(EVENTIVE_SUFFIXES) and lemma not in non_event_nouns()
