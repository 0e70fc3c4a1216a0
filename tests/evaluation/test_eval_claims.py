"""`storyline eval claims`: same-claim pairs scored on a seeded half, bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.corroborate.same_claim import features, same_claim_probability
from storyline.errors import UsageError
from storyline.evaluation.claims import evaluate_claims, read_pairs

PAIRS = [
    (1, "China and Canada agreed not to hack each other's companies.", "Canada and China pledged not to conduct cyber attacks on each other's firms."),
    (1, "The ferry struck the wharf, injuring twelve passengers.", "Twelve passengers were hurt when the ferry hit the wharf."),
    (1, "The council approved the desalination plant by a 9-3 vote.", "Councillors voted 9-3 to approve the desalination plant."),
    (1, "Hackers stole the data of 2.3 million workers.", "The data of 2.3 million workers was stolen by hackers."),
    (0, "Yucaipa bought Dominick's in 1995 for $693 million.", "Yucaipa sold Dominick's to Safeway in 1998 for $2.5 billion."),
    (0, "The company denied that its pens were faulty.", "The company recalled 41,000 insulin pens in Canada."),
    (0, "Shares rose 8% after the results.", "The chief executive resigned on Monday."),
    (0, "The fire burnt 3,100 hectares near Harrow Ridge.", "An evacuation centre opened at the showground."),
]


def _write(tmp_path: Path, rows: list[tuple[int, str, str]]) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text("".join(f"{label}\t{a}\t{b}\n" for label, a, b in rows), encoding="utf-8")
    return path


def test_scores_the_reported_half_with_the_documented_keys(tmp_path: Path) -> None:
    result = evaluate_claims(_write(tmp_path, PAIRS * 3), seed=0)
    for key in ("accuracy", "precision", "recall", "f1", "threshold", "pairs"):
        assert key in result
    assert result["pairs"] == 12 and result["fit_pairs"] == 12
    assert result["accuracy"] >= 0.75


def test_a_bad_row_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, PAIRS[:1])
    path.write_text(path.read_text(encoding="utf-8") + "yes\tonly two fields\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"pairs.tsv:2"):
        read_pairs(path)


def test_disagreeing_figures_and_a_denial_lower_the_probability() -> None:
    same = "Twelve passengers were injured when the ferry struck the wharf."
    assert features(0.9, same, "Fourteen passengers were injured when the ferry struck the wharf.")[4] == 0.0  # words, not figures
    assert features(0.9, "12 passengers were injured.", "14 passengers were injured.")[4] == 1.0
    assert same_claim_probability(0.9, "12 passengers were injured.", "14 passengers were injured.") < same_claim_probability(
        0.9, "12 passengers were injured.", "12 passengers were injured."
    )
    assert features(0.9, "The plant was not connected.", "The plant was connected.")[5] == 1.0
