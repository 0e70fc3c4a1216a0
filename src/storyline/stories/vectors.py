"""Sparse weighted vectors and the running document frequencies that weight them.

Vectors are plain dicts (key -> weight): a report has a few hundred keys, a story centroid
is pruned to a fixed size, and dict lookups beat sparse-matrix overhead at that scale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping


class DocumentFrequencies:
    """Counts of reports per key, seen so far, for one channel (words, names, ...).

    The idf uses a prior of `background` unseen reports, so the first reports of a stream,
    which are often all about one story, do not make that story's own words look common.
    """

    def __init__(self, background: float) -> None:
        self.counts: dict[str, int] = {}
        self.documents = 0
        self.background = background

    def add(self, keys: Mapping[str, int]) -> None:
        """Count one report's keys."""
        self.documents += 1
        counts = self.counts
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    def idf(self, key: str) -> float:
        """Inverse document frequency with the background prior."""
        return math.log((self.documents + self.background) / (self.counts.get(key, 0) + 1.0))


def weigh(counts: Mapping[str, int], frequencies: DocumentFrequencies) -> dict[str, float]:
    """Unit-length tf-idf vector with sublinear tf (1 + log tf): repetition says little."""
    vector = {key: (1.0 + math.log(count)) * frequencies.idf(key) for key, count in counts.items() if count > 0}
    norm = math.sqrt(sum(value * value for value in vector.values()))
    if norm == 0.0:
        return {}
    return {key: value / norm for key, value in vector.items()}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Dot product; pass the shorter vector first."""
    get = large.get
    return sum(value * get(key, 0.0) for key, value in small.items())


class Centroid:
    """Sum of the unit vectors of a story's reports, pruned to its heaviest keys."""

    __slots__ = ("limit", "norm", "weights")

    def __init__(self, limit: int) -> None:
        self.weights: dict[str, float] = {}
        self.norm = 0.0
        self.limit = limit

    def cosine(self, vector: Mapping[str, float]) -> float:
        """Cosine between a unit vector and this centroid."""
        if self.norm == 0.0 or not vector:
            return 0.0
        return dot(vector, self.weights) / self.norm

    def add(self, vector: Mapping[str, float]) -> list[str]:
        """Add a unit vector; returns the keys new to this centroid (for the inverted index)."""
        weights = self.weights
        new = [key for key in vector if key not in weights]
        # |c + v|^2 = |c|^2 + 2 c.v + |v|^2; |v| is 0 for a report with no key in this
        # channel, and below 1 for a pruned report vector (a story rebuilt after a split).
        squared = self.norm * self.norm + 2.0 * dot(vector, weights) + dot(vector, vector)
        for key, value in vector.items():
            weights[key] = weights.get(key, 0.0) + value
        if len(weights) > 2 * self.limit:
            kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[: self.limit]
            self.weights = dict(kept)
            squared = sum(value * value for _, value in kept)
        self.norm = math.sqrt(max(squared, 0.0))
        return new

    def merge(self, other: Centroid) -> list[str]:
        """Add another centroid's weights (a story absorbed); returns the keys new to this one."""
        weights = self.weights
        new = [key for key in other.weights if key not in weights]
        for key, value in other.weights.items():
            weights[key] = weights.get(key, 0.0) + value
        if len(weights) > 2 * self.limit:
            self.weights = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[: self.limit])
        self.norm = math.sqrt(sum(value * value for value in self.weights.values()))
        return new

    def unit(self) -> dict[str, float]:
        """The centroid scaled to unit length (empty when it has no weight)."""
        if self.norm == 0.0:
            return {}
        return {key: value / self.norm for key, value in self.weights.items()}
