"""How well furniture removal does on the example corpus: furniture lines removed, body lines kept.

Every report in examples/corpus/answer_key.json lists its furniture lines exactly; every
other line of its text is body. A removed line that is not listed is a lost body line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from storyline.clean.text import clean_text


def evaluate_cleaning(corpus_dir: Path) -> dict[str, Any]:
    """Precision and recall of furniture removal, over lines, on a corpus with an answer key."""
    key = json.loads((corpus_dir / "answer_key.json").read_text("utf-8"))
    furniture = {item["report"]: set(item["lines"]) for item in key["furniture"]}
    true_positive = false_positive = false_negative = documents = 0
    lost: list[str] = []
    missed: list[str] = []
    started = time.perf_counter()
    for line in (corpus_dir / "reports.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        expected = furniture.get(record["url"], set())
        cleaned = clean_text(record["text"], title=record.get("title", ""))
        removed = set(cleaned.furniture)
        true_positive += len(removed & expected)
        false_positive += len(removed - expected)
        false_negative += len(expected - removed)
        lost.extend(sorted(removed - expected))
        missed.extend(sorted(expected - removed))
        documents += 1
    seconds = time.perf_counter() - started
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "documents": documents,
        "furniture_lines": true_positive + false_negative,
        "body_lines_lost": lost,
        "furniture_missed": missed,
        "reports_per_second": round(documents / seconds, 1) if seconds else 0.0,
    }
