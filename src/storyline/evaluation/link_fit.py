"""Refit the meaning-link model (corroborate/meaning.py) on ECB+'s train split.

    result = fit_link_model(docs, mentions)   # weights, bias, threshold, train and dev scores

Examples are pairs of clauses from different documents of one gold story, both naming gold
events: a pair whose clauses each name one event of the same chain is one claim (1); a pair
naming no common event is not (0), unless both name only events ECB+ leaves unlinked
(singletons, annotated in one document alone: two documents' identical sentences can hold
two of them). A logistic regression is fitted on those pairs; the threshold is the one of
THRESHOLDS that gives the train split's fact alignment (`storyline eval fact-alignment`) the
most recall at precision MIN_PRECISION or more. The dev split is then scored with the
shipped model and the refitted one, so a refit can be compared before its numbers are
copied into meaning.SHIPPED_MODEL.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline.corroborate.meaning import FEATURES, SHIPPED_MODEL, LinkModel, feature_matrices
from storyline.encode.stage import TextEncoder
from storyline.evaluation.fact_alignment import GoldStories, alignment_scores, load_gold_stories

THRESHOLDS = tuple(round(0.2 + 0.05 * step, 2) for step in range(9))
MIN_PRECISION = 0.85
SINGLETON = "SINGLETON"


def fit_link_model(docs: Path, mentions: Path) -> dict[str, Any]:
    """Fit on the train split, choose the threshold there, score the dev split."""
    from sklearn.linear_model import LogisticRegression

    from storyline.encode.static import load_static_encoder

    started = time.perf_counter()
    encoder = load_static_encoder(1)  # as `[encode] claims = "static"` loads it
    train = load_gold_stories(docs, mentions, "train")
    x, y = pair_examples(train, encoder)
    regression = LogisticRegression(max_iter=5000).fit(x, y)
    weights = tuple(round(float(w), 3) for w in regression.coef_[0])
    bias = round(float(regression.intercept_[0]), 3)
    by_threshold = {t: alignment_scores(train, encoder, LinkModel(weights, bias, t)) for t in THRESHOLDS}
    passing = [t for t, scores in by_threshold.items() if scores["pair_precision"] >= MIN_PRECISION]
    threshold = max(passing, key=lambda t: (by_threshold[t]["pair_recall"], -t)) if passing else 1.0
    refit = LinkModel(weights, bias, threshold)
    dev = load_gold_stories(docs, mentions, "dev")
    return {
        "features": list(FEATURES),
        "weights": list(weights),
        "bias": bias,
        "threshold": threshold,
        "pairs": len(y),
        "positive_pairs": int(y.sum()),
        "train": {str(t): _brief(scores) for t, scores in by_threshold.items()},
        "train_without_meaning": _brief(alignment_scores(train, None)),
        "dev_refit": _brief(alignment_scores(dev, encoder, refit)),
        "dev_shipped": _brief(alignment_scores(dev, encoder, SHIPPED_MODEL)),
        "dev_without_meaning": _brief(alignment_scores(dev, None)),
        "seconds": round(time.perf_counter() - started, 2),
    }


def pair_examples(gold: GoldStories, encoder: TextEncoder) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the labelled clause pairs (see the module docstring)."""
    from storyline.corroborate import order_reports, story_clauses
    from storyline.corroborate.align import link_matrix, similarity_matrix

    rows: list[np.ndarray] = []
    labels: list[int] = []
    for members in gold.stories.values():
        propositions, owners, _sentences = story_clauses(order_reports(members), gold.analyses)
        if len(propositions) < 2:
            continue
        chains = [gold.chains(owner.id, p) for p, owner in zip(propositions, owners)]
        similarity = similarity_matrix(propositions)
        stacked = np.stack(feature_matrices(propositions, similarity, link_matrix(propositions, similarity), encoder), axis=-1)
        for i in range(len(propositions)):
            for j in range(i + 1, len(propositions)):
                label = _label(chains[i], chains[j]) if owners[i].id != owners[j].id else None
                if label is not None:
                    rows.append(stacked[i, j])
                    labels.append(label)
    return np.array(rows), np.array(labels)


def _label(first: frozenset[str], second: frozenset[str]) -> int | None:
    if not first or not second:
        return None
    if len(first) == 1 and first == second:
        return 1
    if first & second:
        return None
    if all(c.startswith(SINGLETON) for c in first) and all(c.startswith(SINGLETON) for c in second):
        return None
    return 0


def _brief(scores: dict[str, Any]) -> dict[str, Any]:
    return {key: scores[key] for key in ("pair_precision", "pair_recall", "pairs_aligned")}
