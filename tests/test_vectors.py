"""Story centroids: sums of unit vectors whose norm gives mean similarities."""

from __future__ import annotations

import math

from storyline.stories.vectors import Centroid, DocumentFrequencies, dot, weigh


def test_weigh_gives_unit_vectors_and_nothing_for_no_keys() -> None:
    frequencies = DocumentFrequencies(background=20.0)
    frequencies.add({"quake": 1, "toll": 1})
    vector = weigh({"quake": 3, "toll": 1}, frequencies)
    assert math.isclose(math.sqrt(dot(vector, vector)), 1.0)
    assert vector["quake"] > vector["toll"]
    assert weigh({}, frequencies) == {}


def test_centroid_norm_counts_only_reports_with_keys_in_the_channel() -> None:
    # Three reports, one without any number: the centroid is the sum of two unit vectors.
    centroid = Centroid(limit=300)
    for vector in ({"6.1": 1.0}, {}, {"6.1": 0.6, "1,200": 0.8}):
        centroid.add(vector)
    assert centroid.weights == {"6.1": 1.6, "1,200": 0.8}
    assert math.isclose(centroid.norm, math.sqrt(1.6**2 + 0.8**2))
    assert math.isclose(centroid.cosine({"6.1": 1.0}), 1.6 / centroid.norm)


def test_pruned_and_merged_centroids_keep_a_true_norm() -> None:
    first, second = Centroid(limit=2), Centroid(limit=2)
    for key in ("a", "b", "c", "d", "e"):
        first.add({key: 1.0})
    second.add({"a": 0.6, "z": 0.8})
    first.merge(second)
    assert math.isclose(first.norm, math.sqrt(sum(value * value for value in first.weights.values())))
