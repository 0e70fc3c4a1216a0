"""Conflicts on real reports: how many facts the pipeline calls conflicting, and how many of
those are certainly wrong by the documents' gold event labels.

    evaluate_conflicts(path, topics=None) -> dict

A report set of real news has no answer key for disagreements, so this measures what can be
measured without one:

- conflicting / facts, per slot: the rate a reader meets; every conflict is listed with
  its values and the documents that give them, for review;
- conflicts_across_events: conflicting facts two of whose values come only from
  documents of different gold events (`cluster`). Those cannot be one fact, so they are
  false conflicts whatever the wording. The rest still need a reader's judgement.

Each document is ingested as its own report; its outlet is its `source` when the file gives
one, else the document itself, so two documents without an outlet count as independent.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

from storyline.errors import UsageError
from storyline.evaluation.jsonl import json_lines

# The host of the URL each document is ingested under, so that its report leads back to its id.
DOCUMENT_HOST = "https://documents.invalid/"


def evaluate_conflicts(path: Path, topics: Collection[str] | None = None) -> dict[str, Any]:
    """Run ingest + update on the documents of `path` (JSONL: id, text, and optionally
    cluster, topic, source, title, date) and count the conflicts found."""
    from storyline.evaluation.facts import run_pipeline

    started = time.perf_counter()
    rows = _rows(Path(path), topics)
    with tempfile.TemporaryDirectory(prefix="storyline-eval-conflicts-") as tmp:
        reports = Path(tmp) / "reports.jsonl"
        with reports.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(_report_row(row), ensure_ascii=False) + "\n")
        run = run_pipeline([reports], Path(tmp) / "conflicts.db")
    document = {report.id: report.url.removeprefix(DOCUMENT_HOST) for report in run.reports.values()}
    ids = {str(row["id"]) for row in rows}
    document = {rid: doc for rid, doc in document.items() if doc in ids}
    cluster = {str(row["id"]): str(row["cluster"]) for row in rows if row.get("cluster") is not None}
    facts = [fact for analysis in run.analyses.values() for fact in analysis.facts]
    conflicting = [fact for fact in facts if fact.status == "conflicting"]
    listed = []
    across = 0
    for fact in conflicting:
        values = [
            {"value": value.value, "documents": sorted(document.get(r, r) for r in value.reports)} for value in fact.conflicts
        ]
        events = [{cluster[d] for d in v["documents"] if d in cluster} for v in values]
        crosses = bool(cluster) and _apart(events)
        across += crosses
        listed.append({"slot": fact.slot, "fact": fact.text, "values": values, "across_events": crosses})
    statuses = Counter(fact.status for fact in facts)
    return {
        "documents": len(rows),
        "stories": len(run.analyses),
        "facts": len(facts),
        "corroborated": statuses["corroborated"],
        "single_source": statuses["single-source"],
        "conflicting": len(conflicting),
        "conflicting_per_100_facts": round(100 * len(conflicting) / len(facts), 2) if facts else 0.0,
        "conflicts_by_slot": dict(Counter(fact.slot for fact in conflicting).most_common()),
        "conflicts_across_events": across if cluster else None,
        "conflicts": listed,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _rows(path: Path, topics: Collection[str] | None) -> list[dict[str, Any]]:
    rows = []
    for number, row in json_lines(path):
        if not isinstance(row.get("text"), str) or "id" not in row:
            raise UsageError(f"{path}:{number}: each line needs an id and a text")
        if topics is None or str(row.get("topic")) in topics:
            rows.append(row)
    if not rows:
        raise UsageError(f"{path}: no documents" + (f" of topics {', '.join(sorted(topics))}" if topics else ""))
    return rows


def _report_row(row: dict[str, Any]) -> dict[str, Any]:
    """The ingest row of a document: its URL is where the scores find it again."""
    report = {"url": DOCUMENT_HOST + str(row["id"]), "text": row["text"], "source": row.get("source") or f"document {row['id']}"}
    report.update({key: row[key] for key in ("title", "date") if row.get(key)})
    return report


def _apart(events: list[set[str]]) -> bool:
    """Two values whose documents share no gold event: they cannot state one fact."""
    return any(a and b and not a & b for i, a in enumerate(events) for b in events[i + 1 :])
