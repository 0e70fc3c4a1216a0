"""The meaning channel of story clustering: reports told in other words join, details still part."""

from __future__ import annotations

import dataclasses
import json

import numpy as np

from storyline.encode.stage import choose_encoder
from storyline.stories import StoryClusterer, StoryDocument, StoryOptions, cluster_documents
from storyline.stories.features import DocumentFeatures, decode_vector, encode_vector, meaning_text

# One event told by two outlets in their own words, and an unrelated report, all one day.
FRAMINGS = [
    StoryDocument(
        id="left",
        title="China, Canada agree not to hack each other's companies",
        text="The two governments pledged not to conduct state-sponsored cyber attacks to steal trade secrets.",
        published="2022-06-23",
    ),
    StoryDocument(
        id="right",
        title="Beijing and Ottawa vow to refrain from economic cyber espionage",
        text="Neither side will sponsor hacking of the other's firms for commercial gain, officials said on Monday.",
        published="2022-06-23",
    ),
    StoryDocument(
        id="other",
        title="Heat wave grips Europe as temperatures top 40C",
        text="Spain and France issued red alerts while wildfires burned across the Iberian peninsula.",
        published="2022-06-23",
    ),
]


def _encoded(docs: list[StoryDocument]) -> list[StoryDocument]:
    encoder = choose_encoder("full")
    assert encoder is not None
    vectors = encoder.encode([meaning_text(doc.title, doc.text) for doc in docs])
    return [dataclasses.replace(doc, meaning=vectors[row], meaning_id=encoder.encoder_id) for row, doc in enumerate(docs)]


def test_framings_join_only_with_the_meaning_channel() -> None:
    docs = _encoded(FRAMINGS)
    with_meaning = cluster_documents(docs)
    assert with_meaning["left"] == with_meaning["right"] != with_meaning["other"]
    words_only = cluster_documents(docs, StoryOptions(meaning_weight=0.0))
    assert words_only["left"] != words_only["right"]


def test_stored_features_keep_the_vector_and_its_encoder() -> None:
    doc = _encoded(FRAMINGS[:1])[0]
    clusterer = StoryClusterer()
    saved = json.loads(json.dumps(clusterer.features(doc)))
    restored = DocumentFeatures.from_json(saved)
    assert restored.meaning is not None and doc.meaning is not None
    assert float(restored.meaning @ doc.meaning) > 0.999
    assert restored.meaning_id == doc.meaning_id
    second, third = _encoded(FRAMINGS[1:])
    fresh = StoryClusterer()
    fresh.add(doc)
    fresh.add(third)
    rebuilt = StoryClusterer()
    rebuilt.restore(doc.id, doc.id, saved)
    rebuilt.restore(third.id, third.id, json.loads(json.dumps(fresh.features(third))))
    assert rebuilt.add(second) == fresh.add(second)
    assert rebuilt.refine() == fresh.refine()
    assert rebuilt.assignments() == fresh.assignments()


def test_vector_encoding_round_trips_and_rejects_junk() -> None:
    vector = np.linspace(-1.0, 1.0, 384, dtype=np.float32)
    back = decode_vector(encode_vector(vector))
    assert back is not None and np.allclose(back, vector, atol=1e-3)
    assert decode_vector("not base64!") is None
    assert decode_vector(None) is None
    assert decode_vector("") is None


# A topic over two days: one development reported on both days, another the second day.
BORDER = [
    StoryDocument(
        id="vote-1",
        title="Pelosi says House will vote on border wall funding bill",
        text="House Speaker Nancy Pelosi said on Tuesday the House would vote this week on the Senate's border wall funding bill for the southern border.",
        published="2019-02-12",
    ),
    StoryDocument(
        id="vote-2",
        title="House to take up Senate border wall funding, Pelosi says",
        text="Speaker Nancy Pelosi told reporters the House would vote on the Senate border wall funding bill this week.",
        published="2019-02-12",
    ),
    StoryDocument(
        id="custody",
        title="Migrant girl dies in Border Patrol custody",
        text="A seven-year-old girl died in Border Patrol custody at the southern border; House Speaker Nancy Pelosi called for an investigation this week.",
        published="2019-02-13",
    ),
    StoryDocument(
        id="vote-3",
        title="Pelosi: House votes this week on Senate's border wall money",
        text="The House will vote this week on border wall funding already passed by the Senate, Speaker Nancy Pelosi said.",
        published="2019-02-13",
    ),
]


def test_a_new_development_on_the_next_day_starts_its_own_story() -> None:
    docs = _encoded(BORDER)
    stories = cluster_documents(docs)
    # The vote, reported again the next day in other words, stays one story; the death in
    # custody shares the names and words of the topic but not its meaning.
    assert stories["vote-1"] == stories["vote-2"] == stories["vote-3"]
    assert stories["custody"] != stories["vote-1"]
    # Without the test across days, the names and words chain it into the vote's story.
    chained = cluster_documents(docs, StoryOptions(meaning_across_days=-1.0))
    assert chained["custody"] == chained["vote-1"]
