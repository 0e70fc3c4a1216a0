"""Cross-document alignment of event and entity mentions into chains.

    from storyline.alignment import MentionSpan, align_mentions
    chains = align_mentions({"a": text_a, "b": text_b}, mentions)   # mention id -> chain id

`predict_event_mentions` finds event triggers when mentions are not given, and
`predict_entity_mentions` the participants event alignment compares.
"""

from __future__ import annotations

from storyline.alignment.align import align_mentions, align_parsed, load_nlp, parse_documents
from storyline.alignment.options import AlignmentOptions, MentionSpan
from storyline.alignment.triggers import predict_entity_mentions, predict_event_mentions

__all__ = [
    "AlignmentOptions",
    "MentionSpan",
    "align_mentions",
    "align_parsed",
    "load_nlp",
    "parse_documents",
    "predict_entity_mentions",
    "predict_event_mentions",
]
