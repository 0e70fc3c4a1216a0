"""Cross-document alignment: chains of event mentions across reports of one story."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from storyline.alignment import (
    AlignmentOptions,
    MentionSpan,
    align_mentions,
    load_nlp,
    predict_entity_mentions,
    predict_event_mentions,
)
from storyline.alignment.align import group_mentions
from storyline.alignment.clustering import MAX_LINK_SHARE, cluster_links
from storyline.alignment.lexicon import fold_inflection
from storyline.errors import ConfigError, UsageError

DOCS = {
    "wire": "Police arrested the former mayor in Springfield on Monday. His arrest followed a two-year fraud inquiry.",
    "paper": "The former mayor of Springfield was detained by police on Monday over alleged fraud.",
    "other": "In Lisbon, a football fan was arrested after a brawl at the stadium on Saturday.",
}
STORIES = {"wire": "mayor", "paper": "mayor", "other": "football"}


def _mention(doc: str, word: str, kind: str = "event") -> MentionSpan:
    start = DOCS[doc].index(word)
    return MentionSpan(id=f"{doc}:{word}", doc=doc, start=start, end=start + len(word), text=word, kind=kind)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def test_one_arrest_reported_three_ways_is_one_chain(nlp: Any) -> None:
    mentions = [
        _mention("wire", "arrested"),
        _mention("wire", "arrest"),
        _mention("paper", "detained"),
        _mention("other", "arrested"),
        _mention("other", "brawl"),
    ]
    chains = align_mentions(DOCS, mentions, nlp=nlp, stories=STORIES)
    assert chains["wire:arrested"] == chains["wire:arrest"] == chains["paper:detained"]
    assert chains["other:arrested"] != chains["wire:arrested"]
    assert chains["other:brawl"] != chains["other:arrested"]


def test_unrelated_events_of_one_story_stay_apart(nlp: Any) -> None:
    mentions = [_mention("wire", "arrested"), _mention("wire", "inquiry"), _mention("paper", "detained")]
    chains = align_mentions(DOCS, mentions, nlp=nlp, stories=STORIES)
    assert chains["wire:inquiry"] != chains["wire:arrested"]


def test_chain_ids_name_kind_and_first_mention(nlp: Any) -> None:
    mentions = [_mention("wire", "arrested"), _mention("wire", "arrest")]
    chains = align_mentions(DOCS, mentions, nlp=nlp)
    assert chains == {"wire:arrested": "event:wire:arrested", "wire:arrest": "event:wire:arrested"}


def test_events_and_entities_never_share_a_chain() -> None:
    mentions = [
        _mention("wire", "arrested"),
        _mention("wire", "Police", kind="entity"),
        _mention("paper", "police", kind="entity"),
    ]
    groups = group_mentions(mentions)
    assert sorted(len(group) for group in groups) == [1, 2]
    assert all(len({m.kind for m in group}) == 1 for group in groups)


def test_stories_keep_groups_apart() -> None:
    mentions = [_mention("wire", "arrested"), _mention("paper", "detained"), _mention("other", "arrested")]
    assert len(group_mentions(mentions, STORIES)) == 2
    assert len(group_mentions(mentions)) == 1


def test_bad_input_is_refused_with_a_fix() -> None:
    with pytest.raises(ConfigError, match="between 0 and 1"):
        AlignmentOptions(event_threshold=1.5)
    with pytest.raises(ConfigError, match="known:"):
        AlignmentOptions(event_weights={"colour": 1.0})
    with pytest.raises(ConfigError, match="mixed"):
        AlignmentOptions(event_linkage="ward")
    with pytest.raises(UsageError, match="unique"):
        group_mentions([_mention("wire", "arrest"), _mention("wire", "arrest")])
    with pytest.raises(UsageError, match="kind"):
        group_mentions([_mention("wire", "arrest", kind="time")])


def test_predicted_mentions_are_the_verbs_and_event_nouns(nlp: Any) -> None:
    text = "Rebels attacked the village and burned houses before the election."
    found = predict_event_mentions("d", text, nlp)
    assert [m.text for m in found] == ["attacked", "burned", "election"]
    assert all(text[m.start : m.end] == m.text and m.doc == "d" for m in found)
    assert found[0].id == "d:7-15"


def test_predicted_mentions_skip_auxiliaries_and_thing_nouns(nlp: Any) -> None:
    found = predict_event_mentions("d", "The government has been investigating the shooting.", nlp)
    assert [m.text for m in found] == ["investigating", "shooting"]


def test_headline_inflections_fold_back() -> None:
    assert [fold_inflection(w) for w in ("Checks", "Dies", "Fired", "Arrested", "Stopped")] == [
        "check",
        "die",
        "fire",
        "arrest",
        "stop",
    ]


def test_event_arguments_fall_in_entity_chains(nlp: Any) -> None:
    from storyline.alignment.features import pair_features, profile_mentions
    from storyline.alignment.weights import FEATURES

    docs = {"a": "Police arrested the mayor on Monday.", "b": "Police detained the mayor in Springfield."}
    parsed = {doc_id: nlp(text) for doc_id, text in docs.items()}
    events = [
        MentionSpan(id="a:1", doc="a", start=7, end=15, text="arrested"),
        MentionSpan(id="b:1", doc="b", start=7, end=15, text="detained"),
    ]
    mayor = (docs["a"].index("mayor"), docs["a"].index("mayor") + 5, "entity:mayor")
    entities = {"a": [mayor], "b": [(docs["b"].index("mayor"), docs["b"].index("mayor") + 5, "entity:mayor")]}
    profiles = profile_mentions(parsed, events, entities)
    assert profiles[0].participants == profiles[1].participants == frozenset({"entity:mayor"})
    assert profiles[0].own_times == frozenset({"monday"}) and profiles[1].own_places == frozenset({"springfield"})
    features = pair_features(profiles, docs)
    assert features[0, 1, FEATURES.index("shared_participant")] == 1.0
    assert features[0, 1, FEATURES.index("participant_clash")] == 0.0
    assert profile_mentions(parsed, events)[0].participants == frozenset()


def test_entities_are_aligned_alongside_events(nlp: Any) -> None:
    mentions = [
        _mention("wire", "arrested"),
        _mention("paper", "detained"),
        _mention("wire", "mayor", kind="entity"),
        _mention("paper", "mayor", kind="entity"),
    ]
    chains = align_mentions(DOCS, mentions, nlp=nlp, stories=STORIES)
    assert chains["wire:arrested"] == chains["paper:detained"] == "event:wire:arrested"
    assert chains["wire:mayor"] == chains["paper:mayor"] == "entity:wire:mayor"


def test_predicted_entity_mentions_are_noun_phrases_and_names(nlp: Any) -> None:
    text = "Rebels attacked the village near Goma, killing 12 people."
    found = predict_entity_mentions("d", text, nlp)
    assert {m.text for m in found} >= {"Rebels", "the village", "Goma"}
    assert all(m.kind == "entity" and text[m.start : m.end] == m.text for m in found)
    assert "12" not in {m.text for m in found}


def test_lemma_spread_is_the_share_of_reports_naming_the_event(nlp: Any) -> None:
    from storyline.alignment.features import pair_features, profile_mentions
    from storyline.alignment.weights import FEATURES

    mentions = [_mention("wire", "arrested"), _mention("paper", "detained"), _mention("other", "arrested")]
    parsed = {doc_id: nlp(text) for doc_id, text in DOCS.items()}
    features = pair_features(profile_mentions(parsed, mentions), DOCS)
    spread = features[..., FEATURES.index("lemma_spread")]
    assert spread[0, 2] == pytest.approx(2 / 3)
    assert spread[0, 1] == 0.0


def test_entity_names_match_by_containment_acronym_and_description(nlp: Any) -> None:
    from storyline.alignment.features import pair_features, profile_mentions
    from storyline.alignment.weights import FEATURES

    docs = {
        "a": "Police arrested actress Lindsay Lohan at the Los Angeles Police Department station.",
        "b": "Ms. Lohan said the LAPD was fair to the actress.",
    }
    parsed = {doc_id: nlp(text) for doc_id, text in docs.items()}

    def entity(doc: str, text: str) -> MentionSpan:
        start = docs[doc].index(text)
        return MentionSpan(id=f"{doc}:{text}", doc=doc, start=start, end=start + len(text), text=text, kind="entity")

    mentions = [
        entity("a", "Lindsay Lohan"),
        entity("b", "Ms. Lohan"),
        entity("a", "Los Angeles Police Department"),
        entity("b", "LAPD"),
        entity("b", "the actress"),
    ]
    profiles = profile_mentions(parsed, mentions)
    assert profiles[1].name.words == frozenset({"lohan"})
    assert "actress" in profiles[0].name.descriptors
    features = pair_features(profiles, docs)
    column = FEATURES.index
    assert features[0, 1, column("name_containment")] == 1.0
    assert features[0, 2, column("name_containment")] == 0.0
    assert features[2, 3, column("acronym")] == features[3, 2, column("acronym")] == 1.0
    assert features[0, 3, column("acronym")] == 0.0
    assert features[0, 4, column("described_as")] == features[4, 0, column("described_as")] == 1.0
    assert features[2, 4, column("described_as")] == 0.0


def test_mixed_linkage_lets_one_strong_pair_join_a_report_group() -> None:
    # Mentions 0 and 1 are one report's group; 2 matches only 0 well. The average over
    # both pairs (0.5) stays under the threshold, the blend with the strongest pair does not.
    probability = np.array([[1.0, 0.9, 0.8], [0.9, 1.0, 0.2], [0.8, 0.2, 1.0]])
    threshold = 0.55
    assert (1 - MAX_LINK_SHARE) * 0.5 + MAX_LINK_SHARE * 0.8 >= threshold
    average = cluster_links(probability, threshold)
    mixed = cluster_links(probability, threshold, "mixed")
    assert average[0] == average[1] != average[2]
    assert mixed[0] == mixed[1] == mixed[2]


@pytest.mark.parametrize("seed", range(5))
def test_mixed_linkage_refines_single_linkage_and_stops_below_threshold(seed: int) -> None:
    rng = np.random.default_rng(seed)
    probability = rng.random((12, 12))
    similarity = (probability + probability.T) / 2
    mixed = cluster_links(probability, 0.6, "mixed")
    single = cluster_links(probability, 0.6, "single")
    assert len(mixed) == 12 and min(mixed) == 0
    # A merge needs one pair at the threshold, so a mixed cluster never spans two
    # single-linkage clusters; and no two final clusters still qualify for a merge.
    assert all(single[i] == single[j] for i in range(12) for j in range(12) if mixed[i] == mixed[j])
    members = [np.flatnonzero(np.array(mixed) == label) for label in set(mixed)]
    for a, left in enumerate(members):
        for right in members[a + 1 :]:
            block = similarity[np.ix_(left, right)]
            assert (1 - MAX_LINK_SHARE) * block.mean() + MAX_LINK_SHARE * block.max() < 0.6
    assert cluster_links(probability[:1, :1], 0.6, "mixed") == [0]
    assert cluster_links(np.zeros((0, 0)), 0.6, "mixed") == []
