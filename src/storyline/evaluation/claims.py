"""Same-claim pairs: does the claim model (corroborate/same_claim.py) tell one claim in two
outlets' words from two claims?

    evaluate_claims(path, seed=0) -> dict

`path` is tab-separated: label (1 same claim, 0 not), sentence 1, sentence 2 (MRPC's
layout). The pairs are dealt into two halves with a seeded shuffle; the model is fitted on
the first (logistic regression over `same_claim.features`, threshold the lowest keeping
precision >= FIT_MIN_PRECISION) and scored on the second. The shipped constants are the
result of this fit on ../shared/data/mrpc/mrpc_train.tsv, so the figures printed under
`shipped` and `refit` agree for that file.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import UsageError

# Precision the operating threshold must keep on the fitting half.
FIT_MIN_PRECISION = 0.85
# Regularisation of the logistic fit (sklearn's C): weak, the model has six inputs.
FIT_C = 10.0


def read_pairs(path: Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) rows; a bad row is an error naming file and line."""
    pairs: list[tuple[int, str, str]] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read ({error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0].strip() not in ("0", "1"):
            raise UsageError(f"{path}:{number}: expected 'label<TAB>sentence 1<TAB>sentence 2' with label 0 or 1")
        pairs.append((int(fields[0]), fields[1].strip(), fields[2].strip()))
    if not pairs:
        raise UsageError(f"{path}: no sentence pairs")
    return pairs


def evaluate_claims(path: Path, *, seed: int = 0) -> dict[str, Any]:
    """Fit on one seeded half of the pairs, score the shipped and the refitted model on the other."""
    from sklearn.linear_model import LogisticRegression

    from storyline.corroborate import same_claim
    from storyline.encode import load_encoder

    started = time.perf_counter()
    pairs = read_pairs(path)
    encoder = load_encoder()
    first = encoder.encode([p[1] for p in pairs])
    second = encoder.encode([p[2] for p in pairs])
    cosines = (first * second).sum(axis=1)
    x = np.array([same_claim.features(float(c), p[1], p[2]) for c, p in zip(cosines, pairs)])
    y = np.array([p[0] for p in pairs])
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    fit, report = np.array(order[: len(order) // 2]), np.array(order[len(order) // 2 :])
    model = LogisticRegression(C=FIT_C).fit(x[fit], y[fit])
    fitted = model.predict_proba(x)[:, 1]
    threshold = _threshold(fitted[fit], y[fit])
    shipped = np.array([same_claim.same_claim_probability(float(c), p[1], p[2]) for c, p in zip(cosines, pairs)])
    result: dict[str, Any] = _scores(shipped[report], y[report], same_claim.SAME_CLAIM_MIN_PROBABILITY)
    result["threshold"] = same_claim.SAME_CLAIM_MIN_PROBABILITY
    result["pairs"] = len(report)
    result["fit_pairs"] = len(fit)
    result["seed"] = seed
    result["positive_share"] = round(float(y[report].mean()), 4)
    result["refit"] = _scores(fitted[report], y[report], threshold) | {
        "threshold": round(threshold, 4),
        "weights": [round(float(w), 3) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 3),
    }
    result["cosine_only"] = _best_cosine(cosines[fit], y[fit], cosines[report], y[report])
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def _threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The lowest probability cut (on a 0.025 grid) that keeps FIT_MIN_PRECISION."""
    for cut in np.arange(0.5, 1.0, 0.025):
        scores = _scores(probabilities, labels, float(cut))
        if scores["precision"] >= FIT_MIN_PRECISION:
            return float(cut)
    return 1.0


def _best_cosine(fit: np.ndarray, fit_labels: np.ndarray, report: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """The encoder's cosine alone, its cut chosen the same way: the baseline the model beats."""
    for cut in np.arange(0.5, 1.0, 0.025):
        if _scores(fit, fit_labels, float(cut))["precision"] >= FIT_MIN_PRECISION:
            return _scores(report, labels, float(cut)) | {"threshold": round(float(cut), 4)}
    return {"threshold": 1.0}


def _scores(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, float]:
    predicted = probabilities >= threshold
    truth = labels == 1
    tp = int((predicted & truth).sum())
    fp = int((predicted & ~truth).sum())
    fn = int((~predicted & truth).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float((predicted == truth).mean()) if len(labels) else 0.0
    return {"accuracy": round(accuracy, 4), "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
