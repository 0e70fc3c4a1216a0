"""`storyline eval conflicts`: conflicts on real reports, counted and checked against gold events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import UsageError
from storyline.evaluation.conflicts import evaluate_conflicts

ECBPLUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"


def test_two_documents_of_different_events_giving_different_counts_are_flagged(tmp_path: Path) -> None:
    # Worded apart beyond the count, so that neither is taken for a copy of the other.
    rows = [
        {"id": "a", "cluster": "e1", "text": "Twelve passengers were injured when the ferry Sound Spirit struck the wharf at Tarrant Point "
         "on Saturday, police said. The vessel was carrying 180 people from Halvey Island. Harbour staff closed the terminal."},
        {"id": "b", "cluster": "e2", "text": "Fourteen passengers were injured when the ferry Sound Spirit struck the wharf at Tarrant Point "
         "on Saturday, the operator said. Engineers are inspecting the damaged pier. An investigation will begin on Monday."},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = evaluate_conflicts(path)
    assert result["documents"] == 2 and result["conflicting"] == 1
    (conflict,) = result["conflicts"]
    assert conflict["slot"] == "quantities" and conflict["across_events"] is True
    assert sorted(doc for value in conflict["values"] for doc in value["documents"]) == ["a", "b"]
    assert result["conflicts_across_events"] == 1


def test_a_line_without_text_is_named(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "Fine."}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"docs.jsonl:2: each line needs an id and a text"):
        evaluate_conflicts(path)


def test_ecbplus_topics_keep_real_disagreements_and_few_others() -> None:
    if not ECBPLUS.is_file():
        pytest.skip(f"needs {ECBPLUS} (the shared evaluation data beside the checkout); not present in this clone")
    # Topic 19: "shot 11 times" / "shot seven times"; topics 3, 9, 28 name one person many ways.
    result = evaluate_conflicts(ECBPLUS, {"3", "9", "19", "28"})
    values = {v["value"] for c in result["conflicts"] for v in c["values"]}
    assert {"11 time", "7 time"} <= values
    assert result["conflicts_by_slot"].get("actor", 0) + result["conflicts_by_slot"].get("speaker", 0) == 0
    assert result["conflicting_per_100_facts"] <= 0.5


def test_newswcl50_outlets_naming_one_speaker_differently_do_not_conflict() -> None:
    # Before conflicts had to rest on names the reports write, this gave 9 conflicts, all false:
    # "Boyd" / "Stephen E. Boyd", "Twitter" as a speaker, a "he said" resolved to the wrong man.
    path = ECBPLUS.parents[1] / "newswcl50" / "newswcl50.jsonl"
    if not path.is_file():
        pytest.skip(f"needs {path} (the shared evaluation data beside the checkout); not present in this clone")
    result = evaluate_conflicts(path)
    assert result["corroborated"] >= 250
    assert [(c["slot"], c["fact"]) for c in result["conflicts"] if c["slot"] in ("speaker", "actor")] == []
