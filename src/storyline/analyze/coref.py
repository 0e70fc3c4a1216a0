"""Light, rule-based coreference for the subjects that decide who did something.

A pronoun or a bare description ("it", "the company", "the paper") is resolved to the
nearest preceding compatible mention: people for "he"/"she", outlets for "the paper",
the last main-clause subject for "it". Good enough for attribution and actors; not a
general coreference system.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from storyline.analyze.entities import EntityTable
from storyline.analyze.lexicon import Lexicon

# How far back (in tokens) a pronoun may reach for its antecedent.
MAX_DISTANCE = 120


@dataclass(frozen=True)
class Referent:
    """What a subject phrase stands for: an entity, or a thing named by a noun phrase."""

    text: str
    entity: str = ""
    lemma: str = ""
    plural: bool = False


@dataclass
class Resolver:
    """Resolves descriptions within one report, fed main-clause subjects in text order."""

    table: EntityTable
    lexicon: Lexicon
    _starts: list[int] = field(default_factory=list)
    _keys: list[str] = field(default_factory=list)
    _subjects: list[tuple[int, Referent, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for start, key in sorted(self.table.spans):
            self._starts.append(start)
            self._keys.append(key)

    def description(self, token: Token) -> str:
        """The coreference-table key a subject phrase matches ("it", "the paper"), or ""."""
        lower = token.lower_
        if token.pos_ == "PRON" and lower in self.lexicon.coreference:
            return lower
        if token.pos_ == "NOUN":
            children = [c for c in token.children if c.dep_ not in ("relcl", "acl", "punct")]
            if len(children) == 1 and children[0].dep_ == "det" and children[0].lower_ == "the":
                phrase = f"the {token.lower_}"
                if phrase in self.lexicon.coreference:
                    return phrase
        return ""

    def remember(self, token: Token, referent: Referent, main: bool) -> None:
        """Record a clause subject, so a later "it" can point back to it."""
        bisect.insort(self._subjects, (token.i, referent, main), key=lambda item: item[0])

    def resolve(self, token: Token) -> Referent | None:
        """The referent of a pronoun or description at `token`, or None when unresolved."""
        key = self.description(token)
        if not key:
            return None
        kinds = self.lexicon.coreference[key]
        if "thing" in kinds and key == "it":
            for index, referent, main in reversed(self._subjects):
                if index < token.i and main and token.i - index <= MAX_DISTANCE and not self._is_person(referent) and not referent.plural:
                    return referent
            return None
        if key == "they":
            # The nearest main subject that can be "they": a named entity or a plural noun
            # ("Payroll managers ... told the paper they had learned of the breach").
            for index, referent, main in reversed(self._subjects):
                if index < token.i and token.i - index <= MAX_DISTANCE and (referent.entity or referent.plural) and main:
                    return referent
        position = bisect.bisect_left(self._starts, token.i)
        for cursor in range(position - 1, -1, -1):
            start = self._starts[cursor]
            if token.i - start > MAX_DISTANCE:
                break
            entity = self._keys[cursor]
            if self._compatible(entity, kinds):
                builder = self.table.entities[entity]
                return Referent(text=builder.name, entity=entity)
        return None

    def _compatible(self, entity: str, kinds: tuple[str, ...]) -> bool:
        kind = self.table.kinds.get(entity, "")
        return kind in kinds

    def _is_person(self, referent: Referent) -> bool:
        """A person by entity, or a noun for one ("an ambulance service spokesman", "officials")."""
        if referent.entity:
            return self.table.kinds.get(referent.entity) == "person"
        return referent.lemma in self.lexicon.titles or referent.lemma in self.lexicon.roles
