"""Whether a story's reports form two separate events, and where the line runs.

The incremental clusterer only ever adds: once two events of one kind (two earthquakes in
one region, two contract offers to one player) have met in one story, every later report
of either joins it. This module looks at a story's members from the inside. It bisects
their similarity graph spectrally (the sign pattern of the Fiedler vector, with the cut
placed where the normalised cut is smallest) and accepts the split only when the two
sides are much less alike across than within: a single event gives halves about as
similar to each other as to themselves, two events give a clear gap.

The test is relative, not a fixed similarity threshold, because how alike reports of one
event are varies a lot between stories (a wire story retold vs. a trial covered from
many angles); a ratio adapts to that where a global join threshold cannot.

The ratios of two events and of one event overlap in a middle band (on ECB+, two events
of one kind score 0.02-0.81, single events 0.31-1.4). A cut in that band is accepted only
when a second, independent signal confirms it: the sides were published on different
days, or nearly every report's nearest neighbours lie on its own side. The second is the
sharper test: a spectral cut through one event leaves the reports near the line closer
to some across it than to their own side, while two events leave every report among its
own (`neighbour_agreement`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from storyline.stories.meaning import rescale_matrix

# A side smaller than this is not a story of its own: two reports, at least.
MIN_SIDE = 2


def similarity_matrix(
    vectors: Sequence[Mapping[str, Mapping[str, float]]],
    weights: Mapping[str, float],
    *,
    meanings: np.ndarray | None = None,
    meaning_weight: float = 0.0,
    meaning_floor: float = 0.0,
) -> np.ndarray:
    """Weighted mean over channels of the cosines between unit vectors, as an n x n array.

    `meanings` (one sentence vector per report, rows in order) add the meaning channel,
    rescaled as the clusterer rescales it (meaning.rescale).
    """
    count = len(vectors)
    total = np.zeros((count, count))
    weight_sum = sum(weights.values())
    if meanings is not None and meaning_weight > 0.0:
        total += meaning_weight * rescale_matrix(meanings.astype(np.float64) @ meanings.T.astype(np.float64), meaning_floor)
        weight_sum += meaning_weight
    for channel, weight in weights.items():
        if weight == 0.0:
            continue
        columns: dict[str, int] = {}
        rows, cols, values = [], [], []
        for row, vector in enumerate(vectors):
            for key, value in vector.get(channel, {}).items():
                rows.append(row)
                cols.append(columns.setdefault(key, len(columns)))
                values.append(value)
        if not values:
            continue
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=(count, len(columns)))
        total += weight * (matrix @ matrix.T).toarray()
    total /= weight_sum
    np.fill_diagonal(total, 1.0)
    return total


def bisect(similarity: np.ndarray) -> np.ndarray | None:
    """A boolean mask of one side of the best two-way cut, or None when none is possible.

    Spectral bisection: order the reports by the Fiedler vector of the normalised graph
    Laplacian and cut the order where the normalised cut is smallest.
    """
    count = len(similarity)
    if count < 2 * MIN_SIDE:
        return None
    affinity = np.clip(similarity, 0.0, None)
    np.fill_diagonal(affinity, 0.0)
    degree = affinity.sum(axis=1)
    if np.any(degree <= 0.0):
        # A report unlike every other one: the graph is disconnected at it; split it off
        # only through the ordinary refinement, not here.
        degree = np.where(degree <= 0.0, 1e-9, degree)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(count) - affinity * scale[:, None] * scale[None, :]
    _, eigenvectors = np.linalg.eigh(laplacian)
    fiedler = eigenvectors[:, 1] * scale
    # Stable order: ties broken by position, so the same members always cut the same way.
    order = np.lexsort((np.arange(count), fiedler))
    ordered = affinity[np.ix_(order, order)]
    # cut(k) = weight between the first k reports and the rest, for every k at once.
    prefix = ordered.cumsum(axis=0).cumsum(axis=1)
    volume = np.cumsum(degree[order])
    best_k, best_cut = 0, np.inf
    for k in range(MIN_SIDE, count - MIN_SIDE + 1):
        cut = prefix[k - 1, count - 1] - prefix[k - 1, k - 1]
        left, right = volume[k - 1], volume[-1] - volume[k - 1]
        if left <= 0.0 or right <= 0.0:
            continue
        normalised = cut / left + cut / right
        if normalised < best_cut - 1e-12:
            best_k, best_cut = k, normalised
    if best_k == 0:
        return None
    mask = np.zeros(count, dtype=bool)
    mask[order[:best_k]] = True
    return mask


def separation(similarity: np.ndarray, mask: np.ndarray) -> float:
    """Mean similarity across the cut over the mean similarity within the less cohesive side.

    Near 1 for halves of one event; well below 1 for two events.
    """
    left, right = np.flatnonzero(mask), np.flatnonzero(~mask)
    across = float(similarity[np.ix_(left, right)].mean())
    within = min(_mean_within(similarity, left), _mean_within(similarity, right))
    if within <= 0.0:
        return float("inf")
    return across / within


def split_members(
    vectors: Sequence[Mapping[str, Mapping[str, float]]],
    weights: Mapping[str, float],
    max_ratio: float,
    *,
    confirmed_ratio: float = 0.0,
    days: Sequence[int | None] | None = None,
    neighbours: int = 0,
    agreement: float = 1.0,
) -> np.ndarray | None:
    """The mask of the side to split off, or None when the members are one event: the
    best spectral cut, when `separates` accepts it."""
    similarity = similarity_matrix(vectors, weights)
    mask = bisect(similarity)
    if mask is None:
        return None
    accepted = separates(
        similarity, mask, max_ratio, confirmed_ratio=confirmed_ratio, days=days, neighbours=neighbours, agreement=agreement
    )
    return mask if accepted else None


def separates(
    similarity: np.ndarray,
    mask: np.ndarray,
    max_ratio: float,
    *,
    confirmed_ratio: float = 0.0,
    days: Sequence[int | None] | None = None,
    neighbours: int = 0,
    agreement: float = 1.0,
) -> bool:
    """Whether the two sides of `mask` are two events.

    A cut with a ratio under `max_ratio` is. One under `confirmed_ratio` is when it also
    falls between publication days (`separates_days`: content and days that differ make
    two developments, which the clusterer keeps as two stories and threads), or when
    `neighbour_agreement` over each report's `neighbours` nearest reaches `agreement`
    (0 neighbours turns that test off). The clusterer asks this of a story's best cut
    (split) and of two stories as they stand (merge), so the two never disagree.
    """
    ratio = separation(similarity, mask)
    if ratio < max_ratio:
        return True
    if ratio >= confirmed_ratio:
        return False
    if days is not None and separates_days(mask, days):
        return True
    return 0 < neighbours < len(mask) and neighbour_agreement(similarity, mask, neighbours) >= agreement


def neighbour_agreement(similarity: np.ndarray, mask: np.ndarray, neighbours: int) -> float:
    """Share of each report's `neighbours` most similar reports that lie on its side of the cut.

    1.0 when every report's nearest reports are on its own side. A side with no more
    reports than `neighbours` cannot reach 1.0 (its reports must find neighbours across),
    so small sides are left to the ratio alone.
    """
    others = similarity.astype(float, copy=True)
    np.fill_diagonal(others, -np.inf)
    # Stable order: ties broken by position, as in `bisect`.
    nearest = np.argsort(-others, axis=1, kind="stable")[:, :neighbours]
    return float(np.mean(mask[nearest] == mask[:, None]))


def separates_days(mask: np.ndarray, days: Sequence[int | None]) -> bool:
    """True when each side has `MIN_SIDE` dated reports and every dated report of one side
    was published on an earlier day than every dated report of the other."""
    left = [day for day, side in zip(days, mask) if side and day is not None]
    right = [day for day, side in zip(days, mask) if not side and day is not None]
    if len(left) < MIN_SIDE or len(right) < MIN_SIDE:
        return False
    return max(left) < min(right) or max(right) < min(left)


def _mean_within(similarity: np.ndarray, members: np.ndarray) -> float:
    count = len(members)
    block = similarity[np.ix_(members, members)]
    return float((block.sum() - np.trace(block)) / (count * (count - 1)))
