"""The event codebook as data: CAMEO codes with Goldstein and QuadClass, the CAMEO -> PLOVER
mapping, and the verb/noun lexicon that codes a clause (`storyline/data/cameo_*.tsv`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from storyline.wordlists import entries


@dataclass(frozen=True, kw_only=True)
class CameoCode:
    """One CAMEO event code as the codebook gives it."""

    code: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, kw_only=True)
class PloverType:
    """The PLOVER type, mode and context a CAMEO code maps to, and its PLOVER 0.5 (GSR) name."""

    plover: str
    mode: str = ""
    context: str = ""
    gsr_type: str = ""


@dataclass(frozen=True, kw_only=True)
class EventLexicon:
    """Codebook and verb lexicon: `verbs[lemma][cue] -> code`, cue "*" for any complement;
    `senses[lemma]`: verbs whose default code needs a cue, or one of these prepositions."""

    codes: dict[str, CameoCode] = field(default_factory=dict)
    plover: dict[str, PloverType] = field(default_factory=dict)
    verbs: dict[str, dict[str, str]] = field(default_factory=dict)
    senses: dict[str, frozenset[str]] = field(default_factory=dict)

    def code(self, code: str) -> CameoCode | None:
        """The codebook entry of a code, falling back to its parent (0871 -> 087 -> 08)."""
        for length in (len(code), 3, 2):
            entry = self.codes.get(code[:length])
            if entry is not None:
                return entry
        return None

    def plover_type(self, code: str) -> PloverType:
        """The PLOVER type of a code, from the code itself or its nearest listed parent."""
        for length in (len(code), 3):
            entry = self.plover.get(code[:length])
            if entry is not None:
                return entry
        root = code[:2] + "0"
        return self.plover.get(root, PloverType(plover=""))


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in entries(name)]


@functools.lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    """Read the data files once per process (the result is immutable in use)."""
    codes = {
        row[0]: CameoCode(code=row[0], name=row[1], goldstein=float(row[2]), quad_class=int(row[3]))
        for row in _rows("cameo_codes.tsv")
    }
    plover = {}
    for row in _rows("cameo_plover.tsv"):
        row = row + [""] * (5 - len(row))
        plover[row[0]] = PloverType(plover=row[1].strip(), mode=row[2].strip(), context=row[3].strip(), gsr_type=row[4].strip())
    verbs: dict[str, dict[str, str]] = {}
    for verb, cue, code in (row[:3] for row in _rows("cameo_verbs.tsv")):
        verbs.setdefault(verb.strip(), {})[cue.strip()] = code.strip()
    senses = {row[0].strip(): frozenset(row[1].split()) if len(row) > 1 else frozenset() for row in _rows("event_verb_senses.tsv")}
    return EventLexicon(codes=codes, plover=plover, verbs=verbs, senses=senses)
