"""Stable identifiers derived from content.

A report's id is the hash of its normalised content, so reading the same report twice
(from the same file, a re-export or a re-fetch) yields the same id and the store keeps it once.
The outlet is part of the content: the same wire text published by two outlets is two
reports, one a copy of the other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"\s+")
ID_LENGTH = 16


def normalise_text(text: str) -> str:
    """Fold the differences that do not change what a report says: Unicode forms, case, spacing."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("\u2019", "'").replace("\u2018", "'")
    folded = folded.replace("\u201c", '"').replace("\u201d", '"')
    return _SPACES.sub(" ", folded).strip()


def hash_text(*parts: str) -> str:
    """Hex digest of the normalised parts, joined with a separator no text contains."""
    joined = "\x1f".join(normalise_text(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:ID_LENGTH]


def make_report_id(*, source: str, title: str, body: str) -> str:
    """The id of a report: its outlet, title and clean body, normalised."""
    return hash_text(source, title, body)
