"""Merge the per-report canonical entities of a story into one list.

Keys are already canonical across reports ("country:CN"); what is left is joining a
surname-only person ("person:trudeau") to the one full name in the story that ends with it,
and recovering in a clause a name that the entity recogniser found in another report only.
`same_person` tells whether two person keys can name one person; alignment
(`unify_people`) and conflicts (`conflicts.py`) both ask it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.analyze.entities import pick_role
from storyline.models import Entity, Proposition

# Given names this long or longer that begin the other are one name, short and long.
SHORT_NAME_MIN_LETTERS = 3
# Surnames this long or longer that are one letter apart are one name spelt two ways.
SPELLING_MIN_LETTERS = 5
# Words a name needs before it is looked for verbatim in other reports' clauses: one word
# ("Spirit", "Point") is too often a plain word.
RECOVERED_NAME_MIN_WORDS = 2


def merge_entities(groups: Iterable[Iterable[Entity]]) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Story entities (most mentioned first) and a map from every report key to the story key."""
    collected: dict[str, list[Entity]] = {}
    for entities in groups:
        for entity in entities:
            collected.setdefault(entity.id, []).append(entity)
    rename = _surname_links(collected)
    merged: dict[str, list[Entity]] = {}
    for key, items in collected.items():
        merged.setdefault(rename.get(key, key), []).extend(items)
    result = [_merge(key, items) for key, items in merged.items()]
    result.sort(key=lambda e: (-e.mentions, e.name))
    mapping = {key: rename.get(key, key) for key in collected}
    return tuple(result), mapping


def _surname_links(collected: dict[str, list[Entity]]) -> dict[str, str]:
    full: dict[str, list[str]] = {}
    for key in collected:
        if key.startswith("person:") and " " in key:
            full.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    rename: dict[str, str] = {}
    for key in collected:
        if key.startswith("person:") and " " not in key:
            matches = full.get(key[len("person:"):], [])
            if len(matches) == 1:
                rename[key] = matches[0]
    return rename


def _merge(key: str, items: list[Entity]) -> Entity:
    names = [e.name for e in items if e.id == key] or [e.name for e in items]
    name = max(names, key=len) if not key.startswith("country:") else names[0]
    aliases = sorted({a for e in items for a in e.aliases} | {e.name for e in items} - {name})
    roles = [e.role for e in items if e.role]
    return Entity(
        id=key,
        name=name,
        kind=items[0].kind,
        country=next((e.country for e in items if e.country), ""),
        role=pick_role(roles),
        aliases=tuple(aliases),
        mentions=sum(e.mentions for e in items),
        reports=tuple(dict.fromkeys(r for e in items for r in e.reports)),
    )


def recover_names(propositions: Sequence[Proposition]) -> list[Proposition]:
    """Propositions with the entity terms of names they spell out but were not recognised in.

    Each report is tagged alone, so "the Morning Star" can be a named vessel in one report
    and plain words in the next; the clause then compares as if it named something else.
    """
    names: dict[str, str] = {}
    for proposition in propositions:
        for term in proposition.terms:
            if term.startswith("@:"):
                name = term[2:].split(":", 1)[-1]
                words = name.split()
                if len(words) >= RECOVERED_NAME_MIN_WORDS and all(w.isalpha() for w in words):
                    names.setdefault(name, term)
    if not names:
        return list(propositions)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.IGNORECASE)
    result: list[Proposition] = []
    for proposition in propositions:
        known = {t[2:].split(":", 1)[-1] for t in proposition.terms if t.startswith("@:")}
        found = [names[m.lower()] for m in pattern.findall(proposition.text) if m.lower() not in known]
        if found:
            proposition = replace(proposition, terms=proposition.terms + tuple(dict.fromkeys(found)))
        result.append(proposition)
    return result


def unify_people(propositions: Sequence[Proposition]) -> list[Proposition]:
    """Propositions whose person terms name each person one way across the story.

    Each report keys a person by the fullest name it writes, so one man is "@:person:gigante"
    in one report and "@:person:vincent gigante" in the next, and their clauses share no
    name. A name becomes the fullest name in the story that it can be (`same_person`), when
    every such fuller name can be one person; "Gigante" stays as it is in a story that also
    names Louis Gigante.
    """
    # In order of first appearance, so names of one length (and the fullest name chosen among
    # them) come in the same order in every process, not in the order of a set's hashes.
    people = sorted(dict.fromkeys(t[2:] for p in propositions for t in (*p.terms, *p.core) if t.startswith("@:person:")), key=len)
    fullest: dict[str, str] = {}
    for position, person in enumerate(people):
        fuller = [other for other in people[position + 1 :] if len(other) > len(person) and same_person(other, person)]
        if fuller and all(same_person(a, b) for i, a in enumerate(fuller) for b in fuller[i + 1 :]):
            fullest["@:" + person] = "@:" + max(fuller, key=len)
    if not fullest:
        return list(propositions)

    def renamed(terms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fullest.get(term, term) for term in terms))

    return [replace(p, terms=renamed(p.terms), core=renamed(p.core)) for p in propositions]


def same_person(a: str, b: str) -> bool:
    """Person keys that can name one person: each word of the shorter name matches a word of
    the longer, in order, as the same word, as its initial ("w." / "william"), as its short
    form ("fred" / "frederick"), or, for the surname, spelt one letter apart ("Wolfe" /
    "Wolff")."""
    x, y = name_words(a), name_words(b)
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    if not shorter:
        return True
    if len(shorter) > 1 and not _same_word(shorter[-1], longer[-1], surname=True):
        return False
    position = 0
    for word in shorter:
        while position < len(longer) and not _same_word(word, longer[position], surname=position == len(longer) - 1):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def name_words(key: str) -> list[str]:
    """The words of a person key ("person:w. mark felt") without dots: initials stay one letter."""
    return [w.replace(".", "") for w in key.split(":", 1)[-1].replace("-", " ").split() if w.replace(".", "")]


def _same_word(a: str, b: str, *, surname: bool = False) -> bool:
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if surname:
        return min(len(a), len(b)) >= SPELLING_MIN_LETTERS and _one_edit_apart(a, b)
    # A short form of a given name ("Fred" / "Frederick", "Alex" / "Alexander").
    return min(len(a), len(b)) >= SHORT_NAME_MIN_LETTERS and (a.startswith(b) or b.startswith(a))


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one substitution, insertion or deletion turns a into b."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
