"""Merge the per-report canonical entities of a story into one list.

Keys are already canonical across reports ("country:CN"); what is left is joining a
surname-only person ("person:trudeau") to the one full name in the story that ends with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.analyze.entities import pick_role
from storyline.models import Entity


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
