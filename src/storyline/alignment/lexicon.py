"""Word lists behind alignment, read from `storyline/data`: heuristics kept as data."""

from __future__ import annotations

from functools import lru_cache

from storyline import wordlists

# Shortest prefix two different lemmas must share to count as one stem ("announce",
# "announcement"). Tuned on the ECB+ train split (gold event mentions); rerun
# `evaluate_alignment` on ECB+ after changing it.
STEM_PREFIX = 5
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "s", "e")


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Lemmas of nouns that name events (an attack, an election)."""
    return wordlists.words("event_nouns.txt")


@lru_cache(maxsize=1)
def light_lemmas() -> frozenset[str]:
    """Reporting and light verbs: sharing one says little about sharing an event."""
    return wordlists.words("reporting_verbs.txt")


@lru_cache(maxsize=2)
def families(name: str = "event_derivations.txt") -> dict[str, frozenset[int]]:
    """Word -> ids of the families (lines of data file `name`) it belongs to."""
    found: dict[str, set[int]] = {}
    for number, line in enumerate(wordlists.entries(name)):
        for word in line.lower().split():
            found.setdefault(word, set()).add(number)
    return {word: frozenset(ids) for word, ids in found.items()}


def family_ids(*words: str, name: str = "event_derivations.txt") -> frozenset[int]:
    """Families of any of `words` (a lemma and the surface form, say) in data file `name`."""
    table = families(name)
    ids: set[int] = set()
    for word in words:
        ids |= table.get(word.lower(), frozenset())
    return frozenset(ids)


def association_ids(*words: str) -> frozenset[int]:
    """Looser families: words that often name one event in different reports."""
    return family_ids(*words, name="event_associations.txt")


def stem(word: str) -> str:
    """A crude stem: common suffixes stripped, kept only when long enough to be telling."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= STEM_PREFIX:
            word = word[: -len(suffix)]
            break
    return word[: STEM_PREFIX + 2] if len(word) >= STEM_PREFIX else ""


@lru_cache(maxsize=1)
def non_event_nouns() -> frozenset[str]:
    """Nouns with an eventive suffix that name things or people (government, department)."""
    return wordlists.words("non_event_nouns.txt")


def fold_inflection(word: str) -> str:
    """A verb or noun base form for a word the tagger got wrong ("Checks" in a headline).

    Title-case headlines make spaCy tag verbs as proper nouns and keep them as they are;
    stripping the regular endings puts "Checks" and "checked" back on "check".
    """
    word = word.lower()
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")):
        return word[:-1] if len(word) == 4 else word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ed") and len(word) > 4:
        stemmed = word[:-2]
        if stemmed[-1] == stemmed[-2] and stemmed[-1] not in "ls":
            return stemmed[:-1]
        if stemmed.endswith(("c", "g", "v", "z", "u")) or _one_syllable_cvc(stemmed):
            return stemmed + "e"
        return stemmed
    return word


def _one_syllable_cvc(word: str) -> bool:
    """'fir', 'hop', 'vot': short stems that lost a final e ('fired', 'hoped', 'voted')."""
    vowels = "aeiou"
    groups = sum(1 for i, c in enumerate(word) if c in vowels and (i == 0 or word[i - 1] not in vowels))
    return groups == 1 and len(word) >= 3 and word[-1] not in vowels + "wxy" and word[-2] in vowels and word[-3] not in vowels
