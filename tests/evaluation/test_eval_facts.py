"""Quality gate of the facts layer: the real pipeline on the example corpus and the seeds.

Floors sit a little below the figures measured when they were set; raising one is a
commit of its own with the new figure (`storyline eval facts`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.facts import evaluate_facts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
KEYS = {
    "fact_recall",
    "status_accuracy",
    "sources_accuracy",
    "conflict_precision",
    "conflict_recall",
    "citation_recall",
    "facts_gold",
    "facts_predicted",
    "seed_checks_passed",
    "seed_checks_total",
    "seconds",
}
# Measured: fact_recall 0.92 (0.93 before person names were unified across a story: the
# one more miss, "The vote was 9-3 on Tuesday night", is still one fact of all four listed
# reports, but a clause of Coastline Daily no longer also supports the neighbouring fact
# that gave The Kestrel Report its "Tuesday"; 0.91 before "no deaths" compared as an absence, participles
# set off by commas that name their agent ("the vessel, operated by X,") became clauses,
# "run" read as "operate", and recall counted the best match that covers every listed
# report rather than only the first-ranked match; 0.86 before trailing participles and participle modifiers with
# an object became clauses, scores such as "9-3" became values, appositive counts took
# their noun's unit, names were recovered across reports, a clause bundling two facts
# supported both, "they" reached plural subjects and sentence-opening nominalizations took
# in the sentence before; 0.82 before the staff/close/advise/open synonym families and
# counts read after determiners or "be"; split facts counted by `_split_covered`),
# status_accuracy 1.0, sources_accuracy 0.978, 1 status error of 100, citation_recall
# 1.0, conflicts 1/1 with none spurious, seeds 20/20. Each floor fails on about two more
# misses than measured.
FLOORS = {
    "fact_recall": 0.91,
    "status_accuracy": 0.97,
    "sources_accuracy": 0.96,
    "conflict_precision": 1.0,
    "conflict_recall": 1.0,
    "citation_recall": 0.95,
    "copies_not_independent": 1.0,
}
MAX_STATUS_ERRORS = 3


@pytest.fixture(scope="module")
def result(nlp) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    if not (EXAMPLES / "answer_key.json").exists():
        pytest.skip(f"needs the example corpus at {EXAMPLES}")
    return evaluate_facts(EXAMPLES, SEEDS if SEEDS.is_dir() else None)


def test_result_has_the_documented_keys(result: dict[str, Any]) -> None:
    assert KEYS <= set(result)
    assert result["facts_gold"] == 100 and result["facts_predicted"] > 0


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floor(result: dict[str, Any], measure: str) -> None:
    assert result[measure] >= FLOORS[measure], (measure, result[measure], result.get("status_errors_list"))


def test_status_errors(result: dict[str, Any]) -> None:
    assert result["status_errors"] <= MAX_STATUS_ERRORS, result["status_errors_list"]


def test_no_spurious_conflicts(result: dict[str, Any]) -> None:
    assert result["conflicts_spurious"] == []


def test_seed_checks(result: dict[str, Any]) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"needs the seeds at {SEEDS}")
    assert result["seed_checks_total"] >= 15
    assert result["seed_checks_passed"] == result["seed_checks_total"], result["seed_checks_failed"]
