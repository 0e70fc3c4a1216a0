"""The bounded piece of a report's text that a costly stage reads.

Cleaning and storing keep a report whole; the stages whose cost grows faster than the text
(the parse, story features) read its leading piece only, so one enormous report costs
seconds, not hours. A leading piece keeps every character offset valid.
"""

from __future__ import annotations

# A cut is moved back to a paragraph or sentence end only if that keeps at least this share.
_MIN_KEPT_SHARE = 0.5
_BREAKS = ("\n\n", "\n", ". ", "。", "! ", "? ")


def leading_piece(text: str, max_chars: int) -> str:
    """`text` itself when short enough, else its first characters up to a break near `max_chars`."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    for mark in _BREAKS:
        cut = head.rfind(mark)
        if cut >= max_chars * _MIN_KEPT_SHARE:
            return head[: cut + len(mark)]
    return head
