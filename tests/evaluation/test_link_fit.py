"""`storyline eval fact-alignment --fit`: refitting the meaning-link model on labelled clause pairs."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.corroborate.meaning import FEATURES
from storyline.evaluation.link_fit import THRESHOLDS, _label, fit_link_model

STORIES = {
    "crash": [
        "Police arrested the driver of the stolen van in Dellbrook on Monday. The van hit a bus shelter on Main Street.",
        "The driver of the stolen van was arrested by Dellbrook police on Monday. Nobody was waiting at the shelter.",
    ],
    "fire": [
        "Firefighters contained the Harrow Ridge fire on Wednesday. Residents returned to Kellerby on Thursday.",
        "The Harrow Ridge fire was contained by firefighters on Wednesday. Schools in Kellerby reopened on Friday.",
    ],
}
EVENTS = {"arrested": "ARREST", "hit": "HIT", "contained": "CONTAIN", "returned": "RETURN", "reopened": "REOPEN", "waiting": "WAIT"}


def _gold(tmp_path: Path) -> tuple[Path, Path]:
    docs, mentions = [], []
    for number, (story, texts) in enumerate(STORIES.items()):
        for index, text in enumerate(texts):
            doc = f"{story}{index}"
            docs.append({"id": doc, "text": text, "cluster": story, "split": "train" if number == 0 else "dev"})
            for word, chain in EVENTS.items():
                if word in text:
                    start = text.index(word)
                    mentions.append({"doc_id": doc, "kind": "event", "validated_sentence": True, "start": start, "end": start + len(word), "chain": chain})
    # The dev story is also fitted on, so both labels occur in the train split.
    docs += [dict(row, id=row["id"] + "t", split="train") for row in docs if row["split"] == "dev"]
    mentions += [dict(m, doc_id=m["doc_id"] + "t") for m in mentions if m["doc_id"].startswith("fire")]
    docs_path, mentions_path = tmp_path / "docs.jsonl", tmp_path / "mentions.jsonl"
    docs_path.write_text("".join(json.dumps(row) + "\n" for row in docs))
    mentions_path.write_text("".join(json.dumps(row) + "\n" for row in mentions))
    return docs_path, mentions_path


def test_fit_prints_a_model_of_every_feature_and_scores_dev(tmp_path: Path) -> None:
    result = fit_link_model(*_gold(tmp_path))
    assert len(result["weights"]) == len(FEATURES) and result["features"] == list(FEATURES)
    assert result["threshold"] in (*THRESHOLDS, 1.0)
    assert result["positive_pairs"] >= 2 and result["pairs"] > result["positive_pairs"]
    # One arrest stated by both outlets: aligned in the train split, with or without meaning.
    assert result["train_without_meaning"]["pair_recall"] == 1.0
    assert result["dev_refit"]["pair_precision"] == 1.0 and result["dev_shipped"]["pair_recall"] == 1.0


def test_labels() -> None:
    assert _label(frozenset({"A"}), frozenset({"A"})) == 1
    assert _label(frozenset({"A", "B"}), frozenset({"A"})) is None  # shares one, names another too
    assert _label(frozenset({"A"}), frozenset({"B"})) == 0
    assert _label(frozenset({"SINGLETON_1"}), frozenset({"SINGLETON_2"})) is None  # unlinked by design
    assert _label(frozenset(), frozenset({"A"})) is None
