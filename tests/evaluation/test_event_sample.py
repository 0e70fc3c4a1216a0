"""The event sample read by hand: seeded, an equal share per store, the fields a reader needs."""

from __future__ import annotations

from pathlib import Path

from event_corpus import EVENTS, build_event_store

from storyline.evaluation.event_sample import sample_events


def test_the_same_seed_draws_the_same_events_from_each_store(tmp_path: Path) -> None:
    first, second = build_event_store(tmp_path / "a.db"), build_event_store(tmp_path / "b.db")
    drawn = sample_events([first, second], count=5, seed=19)
    assert drawn == sample_events([first, second], count=5, seed=19)
    assert [row["store"] for row in drawn] == ["a.db"] * 3 + ["b.db"] * 2
    texts = {e.text for events in EVENTS.values() for e in events}
    assert all(row["text"] in texts and row["type"] and row["headline"] for row in drawn)
    assert drawn != sample_events([first, second], count=5, seed=20)


def test_a_sample_larger_than_the_store_takes_every_event(tmp_path: Path) -> None:
    drawn = sample_events([build_event_store(tmp_path / "a.db")], count=100)
    assert len(drawn) == sum(len(events) for events in EVENTS.values())
