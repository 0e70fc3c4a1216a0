"""Recognise news outlets by name through the project's outlet registry.

An outlet named as a source ("told CTV", "the Globe and Mail reported") is an origin for
independence counting, so naming it canonically matters: "Globe and Mail" and "The Globe
and Mail" must be one outlet. A name the registry does not know is used as written.
"""

from __future__ import annotations

import functools

from storyline.outlets import load_default_registry


@functools.lru_cache(maxsize=4096)
def outlet_name(text: str) -> str:
    """Canonical outlet name for a name as written, or "" when the registry does not know it."""
    registry = load_default_registry()
    cleaned = text.strip()
    for candidate in (cleaned, cleaned[4:] if cleaned.lower().startswith("the ") else ""):
        if candidate and (outlet := registry.by_name(candidate)) is not None:
            return outlet.name
    return ""


def canonical_outlet(text: str) -> str:
    """The registry's name for an outlet, or the written name without a leading article."""
    name = outlet_name(text)
    if name:
        return name
    cleaned = text.strip()
    return cleaned[4:] if cleaned.lower().startswith("the ") else cleaned
