"""Fixtures shared by the whole suite: where the shared evaluation data lives, stores, the example corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples" / "corpus"


def require_shared(path: Path = SHARED) -> Path:
    """Skip the calling test when the shared evaluation data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data beside the checkout); not present in this clone")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)


@pytest.fixture
def data_dir() -> Path:
    return require_shared(DATA)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    from storyline.store import open_store

    with open_store(tmp_path / "test.db") as opened:
        yield opened
