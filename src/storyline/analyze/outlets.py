"""Recognise news outlets by name through the project's outlet registry, when it is there.

An outlet named as a source ("told CTV", "the Globe and Mail reported") is an origin for
independence counting, so naming it canonically matters: "Globe and Mail" and "The Globe
and Mail" must be one outlet. Without a registry the name is used as written.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        from storyline import outlets
    except ImportError:
        return None
    factory = getattr(outlets, "default_registry", None) or getattr(outlets, "load_default_registry", None)
    if factory is None:
        return None
    try:
        return factory()
    except Exception as exc:  # a broken registry must not stop analysis
        log.warning("outlet registry unavailable: %s", exc)
        return None


@functools.lru_cache(maxsize=4096)
def outlet_name(text: str) -> str:
    """Canonical outlet name for a name as written, or "" when the registry does not know it."""
    registry = _registry()
    if registry is None:
        return ""
    cleaned = text.strip()
    for candidate in (cleaned, cleaned[4:] if cleaned.lower().startswith("the ") else ""):
        if not candidate:
            continue
        try:
            outlet = registry.by_name(candidate)
        except Exception:
            outlet = None
        if outlet is not None:
            return str(getattr(outlet, "name", candidate))
    return ""


def canonical_outlet(text: str) -> str:
    """The registry's name for an outlet, or the written name without a leading article."""
    name = outlet_name(text)
    if name:
        return name
    cleaned = text.strip()
    return cleaned[4:] if cleaned.lower().startswith("the ") else cleaned
