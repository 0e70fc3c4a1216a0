"""Scoring functions for the fuzzy stages: text extraction, clustering and coreference.

Pure functions over plain mappings, so the same code scores a golden corpus in CI and a
large run on a cluster. Pair and mention counts go through a contingency table of
(gold label, predicted label) cells, never through loops over pairs: clustering 100,000
items or scoring coreference over 15,000 mentions takes well under a second.

Conventions shared by every score here:

- A ratio whose denominator is zero is 1.0: there was nothing to get wrong. The paired
  score usually shows the failure (extracting nothing gives precision 1.0 but recall 0.0,
  hence F1 0.0).
- F1 is the harmonic mean of precision and recall, and 0.0 when both are 0.0.
- Items (or mentions) are the keys of the gold mapping. A gold item missing from the
  prediction is a predicted singleton; predicted items absent from gold are ignored.
  Coreference can instead keep them (`response_mentions="all"`), as the CoNLL-2012
  reference scorer does when mentions are detected rather than given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.metrics import adjusted_rand_score

from storyline.errors import UsageError

# Tokens for the extraction score: runs of word characters, case kept, as in the usual
# n-gram measure for boilerplate removal.
TOKEN = re.compile(r"\w+")
# Word n-gram length for the extraction score: 4-grams reward keeping sentences whole
# without failing on a single mistokenised word.
NGRAM_SIZE = 4
# Which response mentions coreference scores see: only those in the key, or all of them.
RESPONSE_MENTIONS = ("key", "all")


@dataclass(frozen=True, kw_only=True)
class ExtractionScore:
    """How well extracted text matches the true main text, averaged over documents."""

    precision: float
    recall: float
    f1: float
    documents: int


@dataclass(frozen=True, kw_only=True)
class ClusteringScore:
    """How well a predicted grouping of items (reports into stories) matches the gold one."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    adjusted_rand: float
    clusters_gold: int
    clusters_pred: int
    documents: int


@dataclass(frozen=True, kw_only=True)
class CorefScore:
    """MUC, B³ and CEAF-e of predicted coreference chains, and their CoNLL average."""

    muc_p: float
    muc_r: float
    muc_f1: float
    b3_p: float
    b3_r: float
    b3_f1: float
    ceafe_p: float
    ceafe_r: float
    ceafe_f1: float
    conll_f1: float
    mentions: int


@dataclass(frozen=True, kw_only=True)
class _Contingency:
    """Nonzero cells of the gold x predicted table, with the marginals they need.

    Codes and cells cover the items on both sides; `gold_items` and `pred_items` count
    each side's items, which differ only when twinless items are kept (then the sizes
    count them too, though they fill no cell).
    """

    gold_codes: NDArray[np.int64]
    pred_codes: NDArray[np.int64]
    gold_sizes: NDArray[np.int64]
    pred_sizes: NDArray[np.int64]
    cell_gold: NDArray[np.int64]
    cell_pred: NDArray[np.int64]
    cell_counts: NDArray[np.int64]
    gold_items: int
    pred_items: int

    @property
    def items(self) -> int:
        return len(self.gold_codes)


def score_extraction(pairs: Iterable[tuple[str, str]]) -> ExtractionScore:
    """Score (extracted_text, true_text) pairs by word 4-gram overlap, macro-averaged.

    Per document, the extracted and true texts become multisets of word 4-grams; shared
    4-grams (multiset intersection) are true positives. Precision is averaged over the
    documents that extracted at least one 4-gram, recall over those whose true text has at
    least one, so a short or empty document does not count as a perfect score.
    A document where both sides have no 4-gram (fewer than four tokens each) scores 1.0 on
    both, but enters neither average. If no document enters an average, it is 1.0.
    """
    precisions: list[float] = []
    recalls: list[float] = []
    documents = 0
    for extracted, true in pairs:
        documents += 1
        found = _ngrams(extracted)
        wanted = _ngrams(true)
        true_positives = sum((found & wanted).values())
        found_total = sum(found.values())
        wanted_total = sum(wanted.values())
        if found_total > 0:
            precisions.append(true_positives / found_total)
        if wanted_total > 0:
            recalls.append(true_positives / wanted_total)
    precision = _mean(precisions)
    recall = _mean(recalls)
    return ExtractionScore(precision=precision, recall=recall, f1=_f1(precision, recall), documents=documents)


def score_clustering(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusteringScore:
    """Score a clustering (item id -> cluster label) against gold over the gold items.

    BCubed averages per-item precision and recall, so every item weighs the same whatever
    its cluster size. Pairwise counts item pairs placed together: it punishes merging two
    large clusters much harder than BCubed does. The adjusted Rand index is 0.0 for a
    random clustering and 1.0 for a perfect one.
    """
    table = _contingency(gold, predicted)
    bcubed_precision, bcubed_recall = _bcubed(table)
    together = _pairs(table.cell_counts)
    pairwise_precision = _ratio(together, _pairs(table.pred_sizes))
    pairwise_recall = _ratio(together, _pairs(table.gold_sizes))
    adjusted_rand = float(adjusted_rand_score(table.gold_codes, table.pred_codes)) if table.items else 1.0
    return ClusteringScore(
        bcubed_precision=bcubed_precision,
        bcubed_recall=bcubed_recall,
        bcubed_f1=_f1(bcubed_precision, bcubed_recall),
        pairwise_precision=pairwise_precision,
        pairwise_recall=pairwise_recall,
        pairwise_f1=_f1(pairwise_precision, pairwise_recall),
        adjusted_rand=adjusted_rand,
        clusters_gold=len(table.gold_sizes),
        clusters_pred=len(table.pred_sizes),
        documents=table.items,
    )


def score_coreference(gold: Mapping[str, str], predicted: Mapping[str, str], *, response_mentions: str = "key") -> CorefScore:
    """Score coreference chains (mention id -> chain id) with MUC, B³, CEAF-e and CoNLL F1.

    response_mentions="key" (the default) scores the gold (key) mentions, as when a system
    resolves given mentions: a key mention the response lacks is a singleton in the
    response only (it keeps its chain in the key), and response mentions outside the key
    are dropped. Both sides are then partitions of the same mentions.

    response_mentions="all" scores detected mentions as the CoNLL-2012 reference scorer
    does: twinless mentions stay where they are. A response mention outside the key keeps
    its place in its response chain, lowering precision; a key mention the response lacks
    is in no response chain, lowering recall. Each side's B³ average runs over its own
    mentions, each side's MUC partitions put a twinless mention alone, and CEAF-e
    compares the chains with their full sizes. On identical mention sets both options
    give the same scores.

    Singleton chains count in B³ and CEAF-e, as in most ECB+ work; MUC ignores them by
    definition, since it counts links. CoNLL F1 is the mean of the three F1 scores.
    `mentions` counts the key mentions.
    """
    if response_mentions not in RESPONSE_MENTIONS:
        raise UsageError(
            f"response_mentions must be one of {', '.join(RESPONSE_MENTIONS)}, got {response_mentions!r}; "
            'use "all" when the response mentions were detected rather than given'
        )
    table = _contingency(gold, predicted) if response_mentions == "key" else _twinless_contingency(gold, predicted)
    muc_p, muc_r = _muc(table)
    b3_p, b3_r = _bcubed(table)
    ceafe_p, ceafe_r = _ceafe(table)
    muc_f1 = _f1(muc_p, muc_r)
    b3_f1 = _f1(b3_p, b3_r)
    ceafe_f1 = _f1(ceafe_p, ceafe_r)
    return CorefScore(
        muc_p=muc_p,
        muc_r=muc_r,
        muc_f1=muc_f1,
        b3_p=b3_p,
        b3_r=b3_r,
        b3_f1=b3_f1,
        ceafe_p=ceafe_p,
        ceafe_r=ceafe_r,
        ceafe_f1=ceafe_f1,
        conll_f1=(muc_f1 + b3_f1 + ceafe_f1) / 3,
        mentions=table.gold_items,
    )


def _ngrams(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + NGRAM_SIZE]) for i in range(len(tokens) - NGRAM_SIZE + 1))


def _contingency(gold: Mapping[str, str], predicted: Mapping[str, str]) -> _Contingency:
    """Encode labels as integers and count the nonzero (gold, predicted) cells."""
    gold_index: dict[str, int] = {}
    pred_index: dict[str, int] = {}
    gold_codes = np.empty(len(gold), dtype=np.int64)
    pred_codes = np.empty(len(gold), dtype=np.int64)
    next_pred = 0
    for position, (item, label) in enumerate(gold.items()):
        gold_codes[position] = gold_index.setdefault(label, len(gold_index))
        pred_label = predicted.get(item)
        if pred_label is None:
            pred_codes[position] = next_pred
            next_pred += 1
        else:
            code = pred_index.get(pred_label)
            if code is None:
                code = pred_index[pred_label] = next_pred
                next_pred += 1
            pred_codes[position] = code
    cells, cell_counts = np.unique(gold_codes * max(next_pred, 1) + pred_codes, return_counts=True)
    return _Contingency(
        gold_codes=gold_codes,
        pred_codes=pred_codes,
        gold_sizes=np.bincount(gold_codes, minlength=len(gold_index)).astype(np.int64),
        pred_sizes=np.bincount(pred_codes, minlength=next_pred).astype(np.int64),
        cell_gold=(cells // max(next_pred, 1)).astype(np.int64),
        cell_pred=(cells % max(next_pred, 1)).astype(np.int64),
        cell_counts=cell_counts.astype(np.int64),
        gold_items=len(gold_codes),
        pred_items=len(pred_codes),
    )


def _twinless_contingency(gold: Mapping[str, str], predicted: Mapping[str, str]) -> _Contingency:
    """The table over mentions on both sides, with chain sizes counting twinless ones."""
    gold_index: dict[str, int] = {}
    pred_index: dict[str, int] = {}
    gold_of = {item: gold_index.setdefault(label, len(gold_index)) for item, label in gold.items()}
    pred_of = {item: pred_index.setdefault(label, len(pred_index)) for item, label in predicted.items()}
    shared = [item for item in gold if item in pred_of]
    gold_codes = np.array([gold_of[item] for item in shared], dtype=np.int64)
    pred_codes = np.array([pred_of[item] for item in shared], dtype=np.int64)
    width = max(len(pred_index), 1)
    cells, cell_counts = np.unique(gold_codes * width + pred_codes, return_counts=True)
    return _Contingency(
        gold_codes=gold_codes,
        pred_codes=pred_codes,
        gold_sizes=np.bincount(np.fromiter(gold_of.values(), dtype=np.int64), minlength=len(gold_index)).astype(np.int64),
        pred_sizes=np.bincount(np.fromiter(pred_of.values(), dtype=np.int64), minlength=len(pred_index)).astype(np.int64),
        cell_gold=(cells // width).astype(np.int64),
        cell_pred=(cells % width).astype(np.int64),
        cell_counts=cell_counts.astype(np.int64),
        gold_items=len(gold),
        pred_items=len(predicted),
    )


def _bcubed(table: _Contingency) -> tuple[float, float]:
    """Per-item precision |G∩P|/|P| and recall |G∩P|/|G|, averaged; one term per cell.

    Precision averages over the predicted items and recall over the gold ones, so a
    twinless item adds 0 to its side's sum.
    """
    squares = table.cell_counts.astype(np.float64) ** 2
    precision = _ratio(float(np.sum(squares / table.pred_sizes[table.cell_pred])), table.pred_items)
    recall = _ratio(float(np.sum(squares / table.gold_sizes[table.cell_gold])), table.gold_items)
    return precision, recall


def _muc(table: _Contingency) -> tuple[float, float]:
    """Vilain et al.: links kept over links needed, counted from the table.

    For a key chain K, |K| - |p(K)| summed over chains is the number of items minus the
    number of nonzero cells, since each cell in K's row is one part of p(K); a twinless
    item is a part of its own, so only items on both sides can keep a link.
    """
    kept = table.items - len(table.cell_counts)
    recall = _ratio(kept, table.gold_items - len(table.gold_sizes))
    precision = _ratio(kept, table.pred_items - len(table.pred_sizes))
    return precision, recall


def _ceafe(table: _Contingency) -> tuple[float, float]:
    """Entity CEAF with phi4 = 2|K∩R| / (|K| + |R|) and the best one-to-one alignment.

    Key and response entities that share no mention score 0, so the alignment splits into
    connected components of the overlap graph, each solved on its own small dense matrix.
    """
    keys = len(table.gold_sizes)
    responses = len(table.pred_sizes)
    if not len(table.cell_counts):
        return _ratio(0.0, responses), _ratio(0.0, keys)
    similarity = 2.0 * table.cell_counts / (table.gold_sizes[table.cell_gold] + table.pred_sizes[table.cell_pred])
    graph = coo_matrix(
        (np.ones(len(similarity)), (table.cell_gold, keys + table.cell_pred)),
        shape=(keys + responses, keys + responses),
    )
    _, component_of_node = connected_components(graph, directed=False)
    component_of_cell = np.asarray(component_of_node)[table.cell_gold]
    order = np.argsort(component_of_cell, kind="stable")
    boundaries = np.flatnonzero(np.diff(component_of_cell[order])) + 1
    total = 0.0
    for group in np.split(order, boundaries):
        rows, row_index = np.unique(table.cell_gold[group], return_inverse=True)
        cols, col_index = np.unique(table.cell_pred[group], return_inverse=True)
        if len(rows) == 1 or len(cols) == 1:
            total += float(similarity[group].max())
            continue
        matrix = np.zeros((len(rows), len(cols)))
        matrix[row_index, col_index] = similarity[group]
        matched_rows, matched_cols = linear_sum_assignment(matrix, maximize=True)
        total += float(matrix[matched_rows, matched_cols].sum())
    return _ratio(total, responses), _ratio(total, keys)


def _pairs(counts: NDArray[np.int64]) -> int:
    return int(np.sum(counts * (counts - 1) // 2))


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 1.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 1.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
