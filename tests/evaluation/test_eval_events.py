"""Quality gate of event coding on the PLOVER gold standard (`storyline eval events`).

Floors sit a little below the figures measured when they were set; raising one is a
commit of its own with the new figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.events import evaluate_events

ROOT = Path(__file__).resolve().parents[2]
GSR = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
# Measured on all 322 records: accuracy 0.807, macro-F1 0.827, source 0.875, target 0.590. The
# target is a phrase the verb governs (events/targets.py), no longer the first other entity of
# the sentence (0.667 then): the gold records also name places and entities deep in other
# clauses, which on real stories made most targets wrong (docs/events-reading.md).
FLOORS = {"event_type_accuracy": 0.77, "event_type_macro_f1": 0.78, "source_match": 0.84, "target_match": 0.56}


@pytest.fixture(scope="module")
def result(nlp) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    if not GSR.exists():
        pytest.skip(f"needs the PLOVER gold standard at {GSR} (the shared data folder is absent)")
    return evaluate_events(GSR)


def test_result_has_the_documented_keys(result: dict[str, Any]) -> None:
    assert {"event_type_accuracy", "event_type_macro_f1", "source_match", "target_match", "records", "coded"} <= set(result)
    assert result["records"] == 322


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floor(result: dict[str, Any], measure: str) -> None:
    assert result[measure] >= FLOORS[measure], (measure, result[measure], result.get("confusions"))
