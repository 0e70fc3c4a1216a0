"""Splitting a story whose reports are two events: the bisection and its use in refinement."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyline.errors import ConfigError
from storyline.stories import StoryClusterer, StoryDocument, StoryOptions
from storyline.stories.split import (
    bisect,
    neighbour_agreement,
    separates_days,
    separation,
    similarity_matrix,
    split_members,
)

WEIGHTS = {"terms": 1.0, "names": 1.4}


def vector(**weights: float) -> dict[str, float]:
    norm = sum(value * value for value in weights.values()) ** 0.5
    return {key: value / norm for key, value in weights.items()}


def report(terms: dict[str, float], names: dict[str, float]) -> dict[str, dict[str, float]]:
    return {"terms": terms, "names": names}


TWO_EVENTS = [
    report(vector(quake=1, island=1, magnitude=1, toll=1), vector(qeshm=2, iran=1)),
    report(vector(quake=1, island=1, magnitude=1, rescue=1), vector(qeshm=2, hormozgan=1)),
    report(vector(quake=1, island=1, toll=1, rescue=1), vector(qeshm=2, iran=1, hormozgan=1)),
    report(vector(quake=1, coast=1, magnitude=1, tsunami=1), vector(sumatra=2, indonesia=1)),
    report(vector(quake=1, coast=1, tsunami=1, warning=1), vector(sumatra=2, aceh=1)),
    report(vector(quake=1, coast=1, magnitude=1, warning=1), vector(sumatra=2, indonesia=1, aceh=1)),
]
ONE_EVENT = [
    report(vector(quake=1, island=1, magnitude=1, toll=1), vector(qeshm=2, iran=1)),
    report(vector(quake=1, island=1, magnitude=1, rescue=1), vector(qeshm=2, hormozgan=1)),
    report(vector(quake=1, island=1, toll=1, village=1), vector(qeshm=2, iran=1)),
    report(vector(quake=1, island=1, rescue=1, tent=1), vector(qeshm=2, hormozgan=1)),
    report(vector(quake=1, magnitude=1, toll=1, village=1), vector(qeshm=1, iran=1)),
    report(vector(island=1, magnitude=1, rescue=1, tent=1), vector(qeshm=2, iran=1, hormozgan=1)),
]


def test_similarity_matrix_is_the_weighted_mean_of_channel_cosines() -> None:
    matrix = similarity_matrix(TWO_EVENTS[:2], WEIGHTS)
    terms = sum(TWO_EVENTS[0]["terms"][k] * TWO_EVENTS[1]["terms"].get(k, 0.0) for k in TWO_EVENTS[0]["terms"])
    names = sum(TWO_EVENTS[0]["names"][k] * TWO_EVENTS[1]["names"].get(k, 0.0) for k in TWO_EVENTS[0]["names"])
    assert matrix.shape == (2, 2)
    assert np.allclose(np.diag(matrix), 1.0)
    assert np.isclose(matrix[0, 1], (terms + 1.4 * names) / 2.4)


def test_two_events_of_one_kind_are_split_where_they_part() -> None:
    mask = split_members(TWO_EVENTS, WEIGHTS, 0.45)
    assert mask is not None
    assert {tuple(np.flatnonzero(mask)), tuple(np.flatnonzero(~mask))} == {(0, 1, 2), (3, 4, 5)}


def test_one_event_is_left_whole() -> None:
    similarity = similarity_matrix(ONE_EVENT, WEIGHTS)
    mask = bisect(similarity)
    assert mask is not None and separation(similarity, mask) > 0.6
    assert split_members(ONE_EVENT, WEIGHTS, 0.45) is None


def test_a_cut_between_publication_days_splits_at_a_higher_ratio() -> None:
    # ONE_EVENT's best cut has a ratio of about 0.75: one event by content alone.
    similarity = similarity_matrix(ONE_EVENT, WEIGHTS)
    mask = bisect(similarity)
    assert mask is not None and 0.7 < separation(similarity, mask) < 0.8
    # Published on two different days, side by side: two developments.
    parted = [10 if side else 13 for side in mask]
    split = split_members(ONE_EVENT, WEIGHTS, 0.45, confirmed_ratio=0.8, days=parted)
    assert split is not None and list(split) == list(mask)
    # The ratio still has to be under the confirmed limit.
    assert split_members(ONE_EVENT, WEIGHTS, 0.45, confirmed_ratio=0.7, days=parted) is None
    # Days that interleave across the cut say nothing: left whole.
    mixed = [10, 10, 13, 13, 10, 13]
    assert not separates_days(mask, mixed)
    assert split_members(ONE_EVENT, WEIGHTS, 0.45, confirmed_ratio=0.8, days=mixed) is None


def test_days_separate_only_with_two_dated_reports_on_each_side() -> None:
    mask = np.array([True, True, True, False, False, False])
    assert separates_days(mask, [1, 1, None, 3, 4, None])
    assert separates_days(mask, [5, 6, 6, 1, 2, 2])
    assert not separates_days(mask, [1, None, None, 3, 4, 5])
    assert not separates_days(mask, [1, 2, 3, 3, 4, 5])


def test_confirmed_ratio_must_sit_between_the_split_and_merge_ratios() -> None:
    with pytest.raises(ConfigError, match="split_ratio_confirmed"):
        StoryOptions(split_ratio=0.45, split_ratio_confirmed=0.3)
    with pytest.raises(ConfigError, match="split_ratio_confirmed"):
        StoryOptions(split_ratio_confirmed=0.9, merge_ratio=0.8)
    with pytest.raises(ConfigError, match="split_agreement"):
        StoryOptions(split_agreement=0.0)


TERMS_ONLY = {"terms": 1.0}


def event(*words: str, tag: str) -> list[dict[str, dict[str, float]]]:
    """Six reports sharing the kind of event (quake, toll) and `words`, each with a detail of its own."""
    return [{"terms": vector(quake=1, toll=1, **dict.fromkeys(words, 1), **{f"detail{tag}{i}": 1})} for i in range(6)]


# Two events with half their words in common: each report is 0.8 alike to its own event's
# reports and 0.4 to the other's, a ratio of 0.5.
TWO_CLOSE_EVENTS = event("ferry", "qeshm", tag="a") + event("refinery", "lavan", tag="b")
# One story drifting from one angle to another: report i holds words i..i+8 of a sequence.
# The best cut has a ratio near 0.53, but the reports near it are closer to some across.
DRIFTING = [
    {"terms": vector(**{f"word{j}": 1 for j in range(i, i + 9)})}
    for i in range(11)
]


def test_neighbour_agreement_confirms_a_cut_in_the_middle_band() -> None:
    similarity = similarity_matrix(TWO_CLOSE_EVENTS, TERMS_ONLY)
    mask = bisect(similarity)
    assert mask is not None
    assert np.isclose(separation(similarity, mask), 0.5)
    assert neighbour_agreement(similarity, mask, 4) == 1.0
    # The ratio alone leaves them whole; agreeing neighbours split them where they part.
    assert split_members(TWO_CLOSE_EVENTS, TERMS_ONLY, 0.45) is None
    split = split_members(TWO_CLOSE_EVENTS, TERMS_ONLY, 0.45, confirmed_ratio=0.75, neighbours=4, agreement=0.9)
    assert split is not None
    assert {tuple(np.flatnonzero(split)), tuple(np.flatnonzero(~split))} == {tuple(range(6)), tuple(range(6, 12))}
    # Still bounded by the confirmed ratio, and 0 neighbours turns the test off.
    assert split_members(TWO_CLOSE_EVENTS, TERMS_ONLY, 0.45, confirmed_ratio=0.5, neighbours=4, agreement=0.9) is None
    assert split_members(TWO_CLOSE_EVENTS, TERMS_ONLY, 0.45, confirmed_ratio=0.75, neighbours=0) is None


def test_a_drifting_story_is_not_split_by_its_neighbours() -> None:
    similarity = similarity_matrix(DRIFTING, TERMS_ONLY)
    mask = bisect(similarity)
    assert mask is not None
    assert 0.45 < separation(similarity, mask) < 0.75
    assert neighbour_agreement(similarity, mask, 4) < 0.9
    assert split_members(DRIFTING, TERMS_ONLY, 0.45, confirmed_ratio=0.75, neighbours=4, agreement=0.9) is None


def test_a_side_no_larger_than_the_neighbour_count_cannot_agree_fully() -> None:
    similarity = similarity_matrix(TWO_EVENTS, WEIGHTS)
    mask = bisect(similarity)
    assert mask is not None
    # Sides of three: each report's fourth neighbour must lie across.
    assert neighbour_agreement(similarity, mask, 2) == 1.0
    assert neighbour_agreement(similarity, mask, 4) == 0.5


def test_too_few_reports_are_never_split() -> None:
    assert split_members(TWO_EVENTS[:3], WEIGHTS, 0.99) is None


def ferry_fire(doc_id: str, year: int, ship: str, captain: str, passengers: int, day: str) -> StoryDocument:
    return StoryDocument(
        id=doc_id,
        title=f"Fire on ferry {ship} off Port Ellery",
        text=(
            f"A fire broke out in the engine room of the ferry {ship} off Port Ellery on {day} {year}, and all "
            f"{passengers} passengers were taken off by lifeboat, the coastguard said. Captain {captain} said the crew "
            f"fought the fire for an hour. The {ship} was towed into Port Ellery harbour."
        ),
        published=f"{year}-03-{int(day.split()[1]):02d}",
    )


FERRIES = [
    ferry_fire("a1", 2019, "Marisol Bay", "Tomas Ferreira", 212, "March 4"),
    ferry_fire("b1", 2019, "Kestrel Point", "Ines Okafor", 87, "March 6"),
    ferry_fire("a2", 2019, "Marisol Bay", "Tomas Ferreira", 212, "March 4"),
    ferry_fire("b2", 2019, "Kestrel Point", "Ines Okafor", 87, "March 6"),
    ferry_fire("a3", 2019, "Marisol Bay", "Tomas Ferreira", 212, "March 5"),
    ferry_fire("b3", 2019, "Kestrel Point", "Ines Okafor", 87, "March 7"),
]


def test_refine_splits_a_story_that_holds_two_events_and_keeps_them_apart() -> None:
    # A join threshold this low lets the second fire join the first; refine parts them.
    options = StoryOptions(join_threshold=0.05, absorb_threshold=0.05, absorb_max_size=3)
    clusterer = StoryClusterer(options)
    for doc in FERRIES:
        assert clusterer.add(doc) == "a1"
    moved = clusterer.refine()
    assert moved == {"b1": "b1", "b2": "b1", "b3": "b1"}
    assert clusterer.assignments() == {"a1": "a1", "a2": "a1", "a3": "a1", "b1": "b1", "b2": "b1", "b3": "b1"}
    assert "Kestrel Point" in clusterer.headline("b1") and "Marisol Bay" in clusterer.headline("a1")
    # The two parts are not folded together again, and later reports find their own fire.
    assert clusterer.refine(["a1", "b1"]) == {}
    later = ferry_fire("b4", 2019, "Kestrel Point", "Ines Okafor", 87, "March 7")
    assert clusterer.add(later) == "b1"
    # A clusterer rebuilt from stored features puts every report back where it was.
    placed = [*FERRIES, later]
    features = {doc.id: json.loads(json.dumps(clusterer.features(doc))) for doc in placed}
    rebuilt = StoryClusterer(options)
    for doc in placed:
        rebuilt.restore(doc.id, clusterer.story_of(doc.id), features[doc.id])
    assert rebuilt.assignments() == {doc.id: clusterer.story_of(doc.id) for doc in placed}
    # ... and, told which stories the split parted, keeps them apart when refined again.
    assert clusterer.separated() == [("a1", "b1")]
    for pair in clusterer.separated():
        rebuilt.keep_apart(*pair)
    assert rebuilt.refine(["a1", "b1"]) == {}
    # Without that record the grown fire story absorbs the other one again, and the split
    # has to part them a second time: every report of the first fire moves.
    forgetful = StoryClusterer(options)
    for doc in placed:
        forgetful.restore(doc.id, clusterer.story_of(doc.id), features[doc.id])
    assert set(forgetful.refine(["a1", "b1"])) == {"a1", "a2", "a3"}


def test_splitting_can_be_turned_off() -> None:
    options = StoryOptions(join_threshold=0.05, absorb_threshold=0.05, absorb_max_size=3, split_ratio=0.0)
    clusterer = StoryClusterer(options)
    for doc in FERRIES:
        clusterer.add(doc)
    assert clusterer.refine() == {}
    assert set(clusterer.assignments().values()) == {"a1"}


# One ferry fire told in thirteen sentences; report i tells sentences i to i+3, so the
# coverage drifts from the fire to its aftermath.
FERRY_FIRE = [
    "A fire broke out in the engine room of the ferry Marisol Bay off Port Ellery.",
    "Smoke was seen rising from the stern shortly after the ferry left the harbour.",
    "The coastguard sent two lifeboats and a helicopter to the burning ship.",
    "All 212 passengers were taken off by lifeboat and brought ashore.",
    "Four crew members were treated in hospital for smoke inhalation.",
    "Captain Tomas Ferreira said the crew fought the blaze for an hour.",
    "The Marisol Bay was towed back into Port Ellery harbour overnight.",
    "The operator cancelled all sailings on the route until further notice.",
    "Passengers with tickets will be offered refunds or later crossings.",
    "Marine investigators boarded the ship to examine the engine room.",
    "The seafarers union called for an inquiry into maintenance on the fleet.",
    "The operator said the vessel had passed its last safety inspection in January.",
    "Insurers have sent assessors to estimate the damage to the hull.",
]
DRIFTING_REPORTS = [
    StoryDocument(id=f"d{i:02d}", title="", text=" ".join(FERRY_FIRE[i : i + 4]), published="2019-03-04")
    for i in range(len(FERRY_FIRE) - 3)
]


def restored(docs: list[StoryDocument], stories: dict[str, str], options: StoryOptions) -> StoryClusterer:
    """A clusterer holding `docs` in the given stories, as if placed there earlier."""
    clusterer = StoryClusterer(options)
    features = {doc.id: clusterer.features(doc) for doc in docs}
    for doc in docs:
        clusterer.restore(doc.id, stories[doc.id], features[doc.id])
    return clusterer


def test_refine_merges_two_stories_the_split_test_would_not_part() -> None:
    # The fire and its aftermath started as two stories. Across them the reports are 0.77
    # as alike as within (below merge_ratio), but the reports near the line are closer to
    # some across it than to their own story, so refinement would not split them either.
    halves = {doc.id: "d00" if index < 5 else "d05" for index, doc in enumerate(DRIFTING_REPORTS)}
    clusterer = restored(DRIFTING_REPORTS, halves, StoryOptions())
    assert clusterer.refine(["d00", "d05"]) == dict.fromkeys(["d05", "d06", "d07", "d08", "d09"], "d00")
    assert set(clusterer.assignments().values()) == {"d00"}


def ferry(tag: str, ship: str, captain: str, passengers: int, crew: str) -> list[StoryDocument]:
    """Six reports of one ferry fire, each with three of its facts and three of six lines
    about the operator that reports of either fire repeat."""
    own = [
        f"A fire broke out in the engine room of the ferry {ship} off Port Ellery.",
        f"All {passengers} passengers were taken off by lifeboat and brought ashore.",
        f"Captain {captain} said the crew fought the blaze for an hour.",
        f"{crew} crew members were treated in hospital for smoke inhalation.",
        f"The {ship} was towed back into Port Ellery harbour.",
    ]
    offset = 0 if tag == "a" else 4
    return [
        StoryDocument(
            id=f"{tag}{i}",
            title="",
            text=" ".join([own[(i + j) % 5] for j in range(3)] + [FERRY_FIRE[7 + (offset + 2 * i + j) % 6] for j in range(3)]),
            published="2019-03-04",
        )
        for i in range(6)
    ]


def test_agreeing_neighbours_keep_two_stories_apart_that_the_ratio_alone_would_merge() -> None:
    fires = ferry("a", "Marisol Bay", "Tomas Ferreira", 212, "Four") + ferry("b", "Kestrel Point", "Ines Okafor", 87, "Two")
    stories = {doc.id: doc.id[0] + "0" for doc in fires}
    # Their ratio is about 0.4: in the middle band once split_ratio is 0.3. Every report's
    # nearest neighbours report its own fire, which confirms the two stories.
    options = StoryOptions(split_ratio=0.3)
    assert restored(fires, stories, options).refine(["a0", "b0"]) == {}
    # Without the neighbour test nothing confirms them, and they merge.
    unconfirmed = StoryOptions(split_ratio=0.3, split_neighbours=0)
    assert set(restored(fires, stories, unconfirmed).refine(["a0", "b0"])) == {f"b{i}" for i in range(6)}
