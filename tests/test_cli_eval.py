"""`storyline eval …` prints one JSON document with the documented keys and real scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES


def run(*args: str) -> dict:  # type: ignore[type-arg]
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "eval", *args, "--json"], capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_eval_cleaning_on_the_example_corpus() -> None:
    result = run("cleaning", str(EXAMPLES))
    assert result["documents"] == 35
    assert result["precision"] >= 0.98 and result["recall"] >= 0.98
    assert result["body_lines_lost"] == []


def test_eval_copies_on_the_example_corpus() -> None:
    result = run("copies", str(EXAMPLES / "reports.jsonl"))
    assert result["precision"] >= 0.98 and result["recall"] >= 0.95
    assert result["copies"] > result["originals"] > 30


def test_eval_stories_keys(data_dir: Path) -> None:
    result = run("stories", str(data_dir / "newswcl50" / "newswcl50.jsonl"))
    assert set(result) >= {"bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "ari", "documents", "clusters_gold", "clusters_pred", "seconds"}
    assert result["documents"] == 50 and result["clusters_gold"] == 10
    assert result["bcubed_f1"] >= 0.9


def test_eval_on_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "eval", "stories", str(tmp_path / "none.jsonl")], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_eval_fact_alignment_names_a_wrong_claim_encoder(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "Fine.", "cluster": "c"}\n')
    command = [sys.executable, "-m", "storyline.cli", "eval", "fact-alignment", str(docs), str(docs), "--claims", "full"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--claims must be one of static, off, not 'full'" in result.stderr
