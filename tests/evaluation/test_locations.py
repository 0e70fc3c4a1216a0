"""Evaluation data is found from --data, then $STORYLINE_DATA, then ../shared/data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.evaluation.locations import DEFAULT_DATA, data_folder, seeds_folder


def test_a_given_folder_wins_over_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DATA", str(tmp_path / "from-env"))
    assert data_folder(tmp_path / "given") == tmp_path / "given"
    assert data_folder() == tmp_path / "from-env"
    assert seeds_folder() == tmp_path / "seeds"


def test_without_either_the_shared_data_beside_the_project_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_DATA", raising=False)
    assert data_folder() == DEFAULT_DATA == Path("..") / "shared" / "data"


def test_eval_reads_its_default_file_from_storyline_data(tmp_path: Path) -> None:
    environment = {**os.environ, "STORYLINE_DATA": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "eval", "events"], capture_output=True, text=True,
                            check=False, env=environment, cwd=tmp_path)
    assert result.returncode == 2
    assert str(tmp_path / "plover" / "PLOVER_GSR_CAMEO.txt") in result.stderr.replace("\n", "")
