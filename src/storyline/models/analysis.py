"""What the analysis of one report produces, persisted so a story can be re-corroborated
without parsing again. Plain frozen records, JSON through `to_dict` / `from_dict`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.models.records import Entity, Mention, Quote, from_dict, to_dict

# Bump when the shape or meaning of the records changes, so stored analyses are redone.
ANALYSIS_VERSION = "15"


@dataclass(frozen=True, kw_only=True)
class Sentence:
    """A sentence: character offsets into `Report.body` and its text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Quantity:
    """A number and what it counts ("12" "person"), for comparing facts across reports."""

    value: str
    unit: str
    text: str
    approximate: bool = False


@dataclass(frozen=True, kw_only=True)
class Argument:
    """A phrase the clause's verb governs: its object, dative, agent, a prepositional phrase of
    the verb ("with", "against"), of its object ("object with") or of a prepositional
    phrase's object ("by with": "by telephone with Trump"), by `role`. `head` is the lemma of
    the phrase's head word, `entity` the entity the head names, `owner` one its modifiers
    name ("China's", "U.S."), `start` its offset in the report body, `verb` the lemma of the
    verb that governs it."""

    role: str
    text: str
    head: str = ""
    entity: str = ""
    owner: str = ""
    start: int = 0
    verb: str = ""


@dataclass(frozen=True, kw_only=True)
class Proposition:
    """One clause-level claim of a report with its slots.

    `terms` are the canonical content lemmas and entity ids the claim is compared by;
    `core` the terms of its core clause only (subject head, verb, object head, negation,
    numbers and entities), so a claim diluted by subordinate detail still compares;
    `origin` is the outlet the report credits for it ("the Globe and Mail reported");
    `claim` the text a reader can quote alone (subject resolved, speaker kept, see
    analyze/claims.py); `modality` "" when asserted, else its hedge ("may", "whether");
    `arguments` the phrases its verb governs and `tense` the verb's (analyze/arguments.py).
    """

    index: int
    sentence: int
    start: int
    end: int
    text: str
    kind: str = "clause"
    actor: str = ""
    actor_entity: str = ""
    action: str = ""
    object: str = ""
    negated: bool = False
    time: str = ""
    dates: tuple[str, ...] = ()
    place: str = ""
    place_entity: str = ""
    quantities: tuple[Quantity, ...] = ()
    attribution: str = ""
    attribution_entity: str = ""
    origin: str = ""
    entities: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    core: tuple[str, ...] = ()
    claim: str = ""
    modality: str = ""
    arguments: tuple[Argument, ...] = ()
    tense: str = ""


@dataclass(frozen=True, kw_only=True)
class ReportAnalysis:
    """Sentences, canonical entities and their mentions, quotes and propositions of a report."""

    report: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    model: str = ""
    version: str = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as the store persists it."""
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportAnalysis:
        """Rebuild from `to_dict` output."""
        return from_dict(cls, data)

    def entity_names(self) -> tuple[str, ...]:
        """Canonical names of the entities the report mentions, most mentioned first."""
        ranked = sorted(self.entities, key=lambda e: (-e.mentions, e.name))
        return tuple(e.name for e in ranked)
