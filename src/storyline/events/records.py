"""What the coder gives: an event's actors and its coding in CAMEO, PLOVER and Goldstein terms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Actor:
    """One side of an event: display name, canonical entity id, country (ISO alpha-2) and role."""

    name: str = ""
    entity: str = ""
    country: str = ""
    role: str = ""


@dataclass(frozen=True, kw_only=True)
class Coding:
    """A coded proposition: CAMEO code, PLOVER type, QuadClass, Goldstein and actors; `trigger`
    is the verb the code came from and `cue` the word of its complement that narrowed it."""

    cameo: str
    plover: str
    gsr_type: str
    quad_class: int
    goldstein: float
    source: Actor
    target: Actor
    trigger: str
    confidence: float
    cue: str = ""
