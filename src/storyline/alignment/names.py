"""What an entity mention names: its proper-name words, its initials, how it is described.

Entity mentions of one story are chained before events; these keys let "Tara Reid",
"Reid" and "Ms. Reid" meet, "LAPD" meet "Los Angeles Police Department", and "the
actress" meet "Lindsay Lohan" when a report writes "actress Lindsay Lohan". Titles come
from `storyline/data/titles.txt` through `storyline.analyze.lexicon`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from storyline.analyze.lexicon import load_lexicon

# Shortest acronym (in letters) compared with the initials of a longer name.
MIN_ACRONYM = 2
# Dependency relations that tie a common noun to a name as its description ("actress
# Lindsay Lohan", "Lohan, the actress"). Chosen on ECB+ train entity chains; rerun
# `python -m storyline.evaluation.alignment` after changing them.
DESCRIPTOR_DEPS = frozenset({"compound", "appos", "nmod"})


@dataclass(frozen=True, kw_only=True)
class NameKeys:
    """The name-matching keys of one entity mention."""

    words: frozenset[str] = frozenset()
    initials: str = ""
    acronym: str = ""
    descriptors: frozenset[str] = frozenset()


def name_keys(span: Any) -> NameKeys:
    """Keys of the entity mention `span` (a spaCy Span)."""
    titles = _title_words()
    words = frozenset(t.lower_ for t in span if t.pos_ == "PROPN" and t.is_alpha and t.lower_ not in titles)
    capitalised = [t for t in span if t.is_alpha and t.text[:1].isupper() and not t.is_stop]
    initials = "".join(t.text[0] for t in capitalised).lower() if len(capitalised) >= MIN_ACRONYM else ""
    letters = "".join(ch for ch in span.text if ch.isalpha())
    acronym = letters.lower() if letters.isupper() and len(letters) >= MIN_ACRONYM else ""
    return NameKeys(words=words, initials=initials, acronym=acronym, descriptors=_descriptors(span.doc, words))


def _descriptors(doc: Any, words: frozenset[str]) -> frozenset[str]:
    """Lemmas of the common nouns the document puts next to one of the name's words."""
    if not words:
        return frozenset()
    found = set()
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        if (token.dep_ in DESCRIPTOR_DEPS and token.head.lower_ in words) or any(
            child.lower_ in words and child.dep_ in DESCRIPTOR_DEPS for child in token.children
        ):
            found.add(token.lemma_.lower())
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(word for title in load_lexicon().titles for word in title.split())
