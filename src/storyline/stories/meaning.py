"""The meaning channel of story clustering: dense sentence vectors of reports and stories.

A report's vector comes from the sentence encoder (storyline.encode) run on its headline
and lead; a story keeps the sum of its members' vectors, from which the cosine with a
report and the mean similarity within and across stories follow exactly, as for the
sparse channels (vectors.Centroid). Stories are also found through this channel: outlets
that tell one event in their own words share few rare words for the inverted index to
find, so the stories nearest in meaning are proposed too (a dot product with every live
story centroid, which costs about a millisecond per report at 30,000 stories).

Cosines of this encoder sit higher than tf-idf cosines (unrelated news leads score about
0.1-0.3, one event told by two outlets 0.6-0.9), so a cosine c enters the weighted mean as
(c - floor) / (1 - floor): an affine map, which keeps means of pairs computable from sums.
"""

from __future__ import annotations

import numpy as np


def rescale(cosine: float, floor: float) -> float:
    """A cosine of this channel on the scale of the sparse channels."""
    return (cosine - floor) / (1.0 - floor)


def rescale_matrix(cosines: np.ndarray, floor: float) -> np.ndarray:
    """`rescale` of every entry."""
    result: np.ndarray = (cosines - floor) / (1.0 - floor)
    return result


class MeaningIndex:
    """Per story: the sum of its members' unit vectors and how many members have one."""

    def __init__(self) -> None:
        self._sums: dict[str, np.ndarray] = {}
        self._counts: dict[str, int] = {}
        self._shares: dict[str, float] = {}
        self._rows: dict[str, int] = {}
        self._ids: list[str] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._free: list[int] = []

    def count(self, story_id: str) -> int:
        """Members of the story that have a vector."""
        return self._counts.get(story_id, 0)

    def total(self, story_id: str) -> np.ndarray | None:
        """The sum of the story's member vectors (None when none has one)."""
        return self._sums.get(story_id)

    def centroid(self, story_id: str) -> np.ndarray | None:
        """The unit centroid of the story's vectors (None when no member has one)."""
        held = self._sums.get(story_id)
        if held is None:
            return None
        norm = float(np.linalg.norm(held))
        return held / norm if norm > 0.0 else None

    def share(self, story_id: str) -> float:
        """Mean share of their text the encoder read, over members with a vector."""
        count = self._counts.get(story_id, 0)
        return self._shares.get(story_id, 0.0) / count if count else 0.0

    def add(self, story_id: str, vector: np.ndarray | None, share: float = 1.0) -> None:
        """Add one member's vector (and the share of its text it stands for) to a story."""
        if vector is None:
            return
        held = self._sums.get(story_id)
        self._sums[story_id] = vector.astype(np.float32) if held is None else held + vector
        self._counts[story_id] = self._counts.get(story_id, 0) + 1
        self._shares[story_id] = self._shares.get(story_id, 0.0) + share
        self._refresh(story_id)

    def merge(self, target: str, small: str) -> None:
        """Fold story `small` into `target`."""
        held = self._sums.pop(small, None)
        count = self._counts.pop(small, 0)
        share = self._shares.pop(small, 0.0)
        self._drop_row(small)
        if held is None:
            return
        mine = self._sums.get(target)
        self._sums[target] = held if mine is None else mine + held
        self._counts[target] = self._counts.get(target, 0) + count
        self._shares[target] = self._shares.get(target, 0.0) + share
        self._refresh(target)

    def rebuild(self, story_id: str, members: list[tuple[np.ndarray, float]]) -> None:
        """Set a story's members anew (after a split): (vector, share) pairs."""
        self._sums.pop(story_id, None)
        self._counts.pop(story_id, None)
        self._shares.pop(story_id, None)
        self._drop_row(story_id)
        for vector, share in members:
            self.add(story_id, vector, share)

    def mean_similarity(self, vector: np.ndarray | None, story_id: str) -> float | None:
        """Mean cosine between a unit vector and the story's members (None when either is missing).

        Average link, not the cosine with the centroid: a story that has drifted over a
        whole topic (every lead about one pandemic, say) has a centroid close to any report
        on that topic, while the report is close to few of its members.
        """
        held = self._sums.get(story_id)
        if vector is None or held is None:
            return None
        return float(vector @ held) / self._counts[story_id]

    def cosine(self, vector: np.ndarray | None, story_id: str) -> float | None:
        """Cosine between a unit vector and the story's centroid; None when either is missing."""
        held = self._sums.get(story_id)
        if vector is None or held is None:
            return None
        norm = float(np.linalg.norm(held))
        return float(vector @ held) / norm if norm > 0.0 else None

    def nearest(self, vector: np.ndarray | None, count: int) -> list[str]:
        """Ids of up to `count` stories whose centroids are nearest to `vector`."""
        if vector is None or not self._rows or count <= 0:
            return []
        scores = self._matrix[: len(self._ids)] @ vector.astype(np.float32)
        live = len(self._rows)
        take = min(count + len(self._free), len(scores))
        if take < len(scores):
            top = np.argpartition(-scores, take - 1)[:take]
        else:
            top = np.arange(len(scores))
        top = top[np.lexsort((top, -scores[top]))]
        found = [self._ids[row] for row in top if self._ids[row]]
        return found[: min(count, live)]

    def _refresh(self, story_id: str) -> None:
        held = self._sums[story_id]
        row = self._rows.get(story_id)
        if row is None:
            row = self._free.pop() if self._free else len(self._ids)
            if row == len(self._ids):
                self._ids.append(story_id)
            else:
                self._ids[row] = story_id
            self._rows[story_id] = row
            if row >= len(self._matrix) or self._matrix.shape[1] != len(held):
                grown = np.zeros((max(64, 2 * len(self._ids)), len(held)), dtype=np.float32)
                if self._matrix.shape[1] == len(held):
                    grown[: len(self._matrix)] = self._matrix
                self._matrix = grown
        norm = float(np.linalg.norm(held))
        self._matrix[row] = held / norm if norm > 0.0 else 0.0

    def _drop_row(self, story_id: str) -> None:
        row = self._rows.pop(story_id, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._ids[row] = ""
            self._free.append(row)


def mean_across(first: np.ndarray | None, first_size: int, second: np.ndarray | None, second_size: int) -> float | None:
    """Mean cosine over pairs of members across two stories, from their sums."""
    if first is None or second is None or not first_size or not second_size:
        return None
    return float(first @ second) / (first_size * second_size)


def mean_within(total: np.ndarray | None, size: int) -> float | None:
    """Mean cosine over pairs of members within a story, from its sum (unit vectors)."""
    if total is None or size < 2:
        return None
    return (float(total @ total) - size) / (size * (size - 1))
