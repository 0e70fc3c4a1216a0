"""Outlets a report cites for what it says ("the Globe and Mail reported", "according to AP")."""

from __future__ import annotations

import re

from storyline.outlets import OutletRegistry, load_default_registry

# Words that, in the same sentence as an outlet's name, make the outlet a cited origin.
CITATION_CUES = re.compile(
    r"\b(?:reported|reports|reporting|according to|told|quoted|cited|citing|first reported|broke the news|said in a report|wrote)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"(])|\n+")


def find_cited_outlets(body: str, *, own: str = "", registry: OutletRegistry | None = None) -> list[str]:
    """Names of outlets the body cites, in order of first citation, excluding the report's own."""
    registry = registry or load_default_registry()
    cited: list[str] = []
    for sentence in _SENTENCE_BREAK.split(body):
        if not CITATION_CUES.search(sentence):
            continue
        for outlet, _start, _end in registry.find_in_text(sentence):
            if outlet.name != own and outlet.name not in cited:
                cited.append(outlet.name)
    return cited
