"""Event coding against the PLOVER gold standard (PLOVER_GSR_CAMEO): each record's sentence is
parsed as a one-sentence report, coded, and compared with the gold event type (PLOVER 0.5
names, as the GSR uses them) and with the gold source and target actors."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.analyze.lexicon import alpha3
from storyline.events.coder import code_sentence
from storyline.events.records import Actor
from storyline.models import Report


def evaluate_events(plover_path: Path) -> dict[str, Any]:
    """Event type accuracy and macro-F1, source and target match on the GSR records with text."""
    from storyline.analyze import analyze_reports, load_nlp

    started = time.perf_counter()
    records = [r for r in json.loads(plover_path.read_text(encoding="utf-8")) if r.get("text") and r.get("event") != "DOCUMENT"]
    reports = [Report(id=r["id"], body=r["text"]) for r in records]
    analyses = analyze_reports(reports, load_nlp())
    gold: list[str] = []
    predicted: list[str] = []
    source_hits = source_total = target_hits = target_total = coded = 0
    for record, analysis in zip(records, analyses):
        coding = code_sentence(list(analysis.propositions), analysis)
        gold.append(record["event"])
        predicted.append(coding.gsr_type if coding and coding.gsr_type else "NONE")
        coded += coding is not None
        sources, targets = _actors(record.get("source")), _actors(record.get("target"))
        if sources:
            source_total += 1
            source_hits += coding is not None and _matches(coding.source, sources)
        if targets:
            target_total += 1
            target_hits += coding is not None and _matches(coding.target, targets)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    return {
        "event_type_accuracy": round(accuracy, 3),
        "event_type_macro_f1": round(_macro_f1(gold, predicted), 3),
        "source_match": round(source_hits / source_total, 3) if source_total else 0.0,
        "target_match": round(target_hits / target_total, 3) if target_total else 0.0,
        "records": len(records),
        "coded": coded,
        "confusions": dict(Counter(f"{g}->{p}" for g, p in zip(gold, predicted) if g != p).most_common(15)),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _actors(value: Any) -> list[dict[str, str]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _matches(actor: Actor, gold: list[dict[str, str]]) -> bool:
    """Same country code, or one actor's text contains the other's."""
    code = alpha3(actor.country)
    name = actor.name.lower().strip()
    for item in gold:
        gold_code = str(item.get("code", "")).upper()
        gold_text = str(item.get("actorText", "")).lower().strip()
        if code and code == gold_code:
            return True
        if name and gold_text and (name in gold_text or gold_text in name):
            return True
    return False


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Mean F1 over the gold event types (a missing prediction counts against recall)."""
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0
