"""Agglomerative clustering of mentions from pairwise link probabilities."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform


def cluster_links(probability: NDArray[np.floating], threshold: float, method: str = "average") -> list[int]:
    """Cluster labels for n items given an (n, n) matrix of link probabilities.

    Clusters keep merging while the linkage of their link probabilities (average, single or
    complete) stays at or above `threshold`. Average linkage is the default: one strong
    pair cannot chain two large clusters together, as it does with single linkage.
    """
    n = len(probability)
    if n == 0:
        return []
    if n == 1:
        return [0]
    distance = 1.0 - np.clip((probability + probability.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method=method)
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return [int(label) for label in labels]
