"""Plain text: one report per file, furniture and all; cleaning finds the title and the body."""

from __future__ import annotations

from storyline.decoding import decode_bytes
from storyline.models import RawDocument


def read_text(data: bytes, origin: str) -> list[RawDocument]:
    """One document holding the whole decoded file."""
    return [RawDocument(origin=origin, text=decode_bytes(data, origin))]
