"""Alignment scores: mention matching and a floor on real ECB+ topics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.alignment import evaluate_alignment

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ECB = DATA / "ecbplus"
# Two ECB+ dev topics (two real-world events each), parsed in a few seconds.
FLOOR_TOPICS = ("2", "5")
# CoNLL F1 on these topics (validated sentences, grouping by cluster) is 0.726 with gold
# mentions and 0.518 with predicted ones (0.803 / 0.652 on the full ECB+ train split,
# 0.809 / 0.665 on dev); the floors sit just under. Raise them in a commit
# of their own when alignment improves.
GOLD_CONLL_FLOOR = 0.71
PREDICTED_CONLL_FLOOR = 0.50
# CoNLL F1 of the entity chains built over the gold entity mentions of these topics is
# 0.764 (0.740 train / 0.731 dev on the full splits); the floor sits just under.
ENTITY_CONLL_FLOOR = 0.74


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
    assert result["gold_entity_chains"]["conll_f1"] >= ENTITY_CONLL_FLOOR


def test_unknown_setting_is_refused(ecb_subset: tuple[Path, Path]) -> None:
    from storyline.errors import UsageError

    with pytest.raises(UsageError, match="setting"):
        evaluate_alignment(*ecb_subset, setting="silver")
