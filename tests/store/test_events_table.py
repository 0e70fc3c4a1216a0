"""The events table: filled when an analysis is saved, replaced with it, queried across stories."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from event_corpus import DEAL, EVENTS, SPY, fill_events

from storyline.models import StoryAnalysis, to_dict
from storyline.store import EventQuery, Store, open_store
from storyline.store.migrations import MIGRATIONS


def ids(events) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.id for e in events]


def test_events_are_queried_by_country_type_date_and_story(each_store: Store) -> None:
    fill_events(each_store)
    assert ids(each_store.query_events(EventQuery(actor="CN"))) == ["ev-reject", "ev-agree", "ev-2015", "ev-undated"]
    assert ids(each_store.query_events(EventQuery(target="CN"))) == ["ev-accuse", "ev-consult"]
    assert ids(each_store.query_events(EventQuery(plover="AGREE"))) == ["ev-agree", "ev-2015"]
    assert ids(each_store.query_events(EventQuery(cameo="12"))) == ["ev-reject"]
    assert ids(each_store.query_events(EventQuery(story=SPY))) == ["ev-reject", "ev-accuse"]
    assert ids(each_store.query_events(EventQuery(since="2017-06-21", until="2017-07-03"))) == ["ev-accuse", "ev-agree"]
    # A year-only date is kept by a filter on a day of that year, and undated events by none.
    assert ids(each_store.query_events(EventQuery(since="2015-03-01", until="2016"))) == ["ev-2015"]
    assert ids(each_store.query_events(EventQuery(dyad=("CA", "CN")))) == ["ev-agree", "ev-consult", "ev-undated"]
    assert ids(each_store.query_events(EventQuery(party="US", limit=1, offset=1))) == ["ev-accuse"]
    assert each_store.query_events(EventQuery(actor="CN"))[1] == EVENTS[DEAL][0]


def test_saving_an_analysis_again_replaces_its_events(each_store: Store) -> None:
    fill_events(each_store)
    each_store.save_analysis(StoryAnalysis(story=DEAL, events=EVENTS[DEAL][:1]))
    assert ids(each_store.query_events(EventQuery(story=DEAL))) == ["ev-agree"]
    each_store.drop_story(SPY)
    assert each_store.query_events(EventQuery(story=SPY)) == []


def test_dyads_of_a_country_count_both_directions_apart(each_store: Store) -> None:
    fill_events(each_store)
    dyads = each_store.event_dyads(EventQuery(party="CA"))
    assert [(a, b, n) for a, b, n, _ in dyads] == [("CN", "CA", 2), ("CA", "CN", 1)]
    assert dyads[0][3] == 1.5


def test_migration_copies_events_of_analyses_saved_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        for number, script in enumerate(MIGRATIONS[:4], start=1):
            db.executescript(script)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("PRAGMA application_id = 0x53544C4E")
        analysis = StoryAnalysis(story=SPY, events=EVENTS[SPY])
        db.execute("INSERT INTO story_analysis (story_id, data) VALUES (?, ?)", (SPY, json.dumps(to_dict(analysis))))
    with open_store(path) as store:
        assert ids(store.query_events(EventQuery(target="US"))) == ["ev-reject"]
        assert store.query_events(EventQuery(story=SPY)) == list(reversed(EVENTS[SPY]))
