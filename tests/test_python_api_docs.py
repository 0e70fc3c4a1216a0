"""docs/python-api.md runs as written: its examples are a doctest over the example corpus."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_python_api_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(ROOT / "docs" / "python-api.md"), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False,
    )
    assert result.attempted > 15
    assert result.failed == 0


def test_importing_storyline_offers_open_and_loads_nothing_heavy() -> None:
    import subprocess
    import sys

    code = "import sys, storyline; print(callable(storyline.open), 'spacy' in sys.modules, 'storyline.store' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False", "False"]
