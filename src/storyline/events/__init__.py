"""Events: who did what to whom, coded in CAMEO and PLOVER terms, per story.

    events = code_story_events(story_id, reports, analyses, facts)   # -> tuple[Event, ...]
"""

from __future__ import annotations

from storyline.events.coder import code_proposition, code_sentence
from storyline.events.lexicon import EventLexicon, load_event_lexicon
from storyline.events.records import Actor, Coding
from storyline.events.story import code_story_events

__all__ = ["Actor", "Coding", "EventLexicon", "code_proposition", "code_sentence", "code_story_events", "load_event_lexicon"]
