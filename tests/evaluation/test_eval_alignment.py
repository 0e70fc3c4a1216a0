"""Alignment scores: the twinless scorer, mention matching, and a floor on real ECB+ topics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.alignment import evaluate_alignment, score_with_twinless
from storyline.evaluation.metrics import score_coreference

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ECB = DATA / "ecbplus"
# Two ECB+ dev topics (two real-world events each), parsed in a few seconds.
FLOOR_TOPICS = ("2", "5")
# CoNLL F1 on these topics (validated sentences, grouping by cluster) is 0.721 with gold
# mentions and 0.518 with predicted ones; the floors sit just under. Raise them in a commit
# of their own when alignment improves.
GOLD_CONLL_FLOOR = 0.70
PREDICTED_CONLL_FLOOR = 0.48


def test_twinless_scorer_equals_metrics_on_the_same_mentions() -> None:
    key = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
    response = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    mine = score_with_twinless(key, response)
    theirs = score_coreference(key, response)
    for name in ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"):
        assert mine[name] == pytest.approx(getattr(theirs, name))


def test_spurious_response_mentions_cost_precision_only() -> None:
    key = {"a": "1", "b": "1", "c": "2"}
    exact = score_with_twinless(key, {"a": "x", "b": "x", "c": "y"})
    spurious = score_with_twinless(key, {"a": "x", "b": "x", "c": "y", "z": "x"})
    assert exact["conll_f1"] == pytest.approx(1.0)
    assert spurious["b3_r"] == pytest.approx(1.0) and spurious["muc_r"] == pytest.approx(1.0)
    assert spurious["b3_p"] < 1.0 and spurious["muc_p"] < 1.0


def test_missed_key_mentions_cost_recall() -> None:
    scores = score_with_twinless({"a": "1", "b": "1", "c": "2"}, {"a": "x"})
    assert scores["b3_p"] == pytest.approx(1.0)
    assert scores["b3_r"] < 0.5


@pytest.fixture(scope="module")
def ecb_subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not (ECB / "ecbplus.jsonl").is_file():
        pytest.skip(f"ECB+ is not at {ECB}: the shared evaluation data sits beside the project root")
    folder = tmp_path_factory.mktemp("ecb")
    for name in ("ecbplus.jsonl", "ecbplus_mentions.jsonl"):
        with open(ECB / name, encoding="utf-8") as source, open(folder / name, "w", encoding="utf-8") as target:
            target.writelines(line for line in source if json.loads(line)["topic"] in FLOOR_TOPICS)
    return folder / "ecbplus.jsonl", folder / "ecbplus_mentions.jsonl"


def test_ecbplus_floor(ecb_subset: tuple[Path, Path]) -> None:
    result = evaluate_alignment(*ecb_subset, setting="both")
    gold = result["gold_mentions"]
    predicted = result["predicted_mentions"]
    assert result["singletons"] == "included" and result["grouping"] == "cluster"
    assert gold["conll_f1"] >= GOLD_CONLL_FLOOR
    assert gold["conll_f1"] == pytest.approx((gold["muc_f1"] + gold["b3_f1"] + gold["ceafe_f1"]) / 3, abs=1e-3)
    assert gold["chains_gold"] <= gold["mentions"]
    assert predicted["conll_f1"] >= PREDICTED_CONLL_FLOOR
    assert 0 < predicted["matched"] <= predicted["mentions"]


def test_unknown_setting_is_refused(ecb_subset: tuple[Path, Path]) -> None:
    from storyline.errors import UsageError

    with pytest.raises(UsageError, match="setting"):
        evaluate_alignment(*ecb_subset, setting="silver")
