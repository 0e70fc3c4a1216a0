"""Hand-made coded events in three stories, for the event store, view, CLI and API tests.

China and Canada: an agreement (both directions count as the one dyad), an accusation of
China by the United States, China's rejection, and one undated event; a year-only date.
"""

from __future__ import annotations

from pathlib import Path

from storyline.models import Event, Story, StoryAnalysis
from storyline.store import SqliteStore, open_store

DEAL = "s-deal"
SPY = "s-spy"
OLD = "s-old"

EVENTS = {
    DEAL: (
        Event(id="ev-agree", story=DEAL, actor1="China", actor2="Canada", actor1_country="CN", actor2_country="CA",
              cameo="057", plover="AGREE", quad_class=1, goldstein=8.0, date="2017-06-26",
              text="China and Canada signed a deal", sources=("Reuters", "E&T"), independent_sources=("Reuters", "E&T")),
        Event(id="ev-consult", story=DEAL, actor1="Canada", actor2="China", actor1_country="CA", actor2_country="CN",
              cameo="040", plover="CONSULT", quad_class=1, goldstein=1.0, date="2017-06-20",
              text="Canada held talks with China", sources=("Reuters",), independent_sources=("Reuters",)),
        Event(id="ev-undated", story=DEAL, actor1="Beijing", actor2="Canada", actor1_country="CN", actor2_country="CA",
              cameo="100", plover="REQUEST", quad_class=3, goldstein=-5.0, date="",
              text="Beijing has been pushing Canada", sources=("Reuters",), independent_sources=("Reuters",)),
    ),
    SPY: (
        Event(id="ev-accuse", story=SPY, actor1="United States", actor2="China", actor1_country="US", actor2_country="CN",
              cameo="112", plover="ACCUSE", quad_class=3, goldstein=-2.0, date="2017-07-03",
              text="The US accused China of hacking", sources=("Reuters",), independent_sources=("Reuters",)),
        Event(id="ev-reject", story=SPY, actor1="China", actor2="United States", actor1_country="CN", actor2_country="US",
              cameo="120", plover="REJECT", quad_class=3, goldstein=-4.0, date="2017-07-04",
              text="China denied the accusation", sources=("Reuters",), independent_sources=("Reuters",)),
    ),
    OLD: (
        Event(id="ev-2015", story=OLD, actor1="China", actor2="United States", actor1_country="CN", actor2_country="US",
              cameo="030", plover="AGREE", quad_class=1, goldstein=4.0, date="2015",
              text="The US and China agreed to a deal in 2015", sources=("Reuters",), independent_sources=("Reuters",)),
    ),
}


def fill_events(store: SqliteStore) -> SqliteStore:
    """Save the three stories' analyses (events only) into `store`."""
    for story_id, events in EVENTS.items():
        store.save_story(Story(id=story_id, headline=story_id, reports=()))
        store.save_analysis(StoryAnalysis(story=story_id, events=events))
    return store


def build_event_store(path: Path) -> Path:
    with open_store(path) as store:
        fill_events(store)
    return path
