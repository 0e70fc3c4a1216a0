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


def _sqlite_store(folder: Path):  # type: ignore[no-untyped-def]
    from storyline.store import SqliteStore

    return SqliteStore(folder / "store.db")


def _postgres_store(folder: Path):  # type: ignore[no-untyped-def]
    from pg_cluster import shared_cluster

    from storyline.store.postgres import PostgresStore

    return PostgresStore(shared_cluster().store_url(str(folder)))


# Every implementation of the `Store` protocol, by name: a function that opens an empty store
# whose data lives in (or is named after) the given folder. The store suite runs against each.
STORE_FACTORIES = {"sqlite": _sqlite_store, "postgres": _postgres_store}


@pytest.fixture(scope="session")
def postgres_cluster():  # type: ignore[no-untyped-def]
    """The throwaway PostgreSQL cluster of this session (skips the test, saying why, where none can start)."""
    from pg_cluster import shared_cluster

    return shared_cluster()


@pytest.fixture
def postgres_url(postgres_cluster, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The URL of a new, empty store (a schema of its own) in the session's cluster."""
    url: str = postgres_cluster.store_url(str(tmp_path))
    return url


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the PostgreSQL cluster, if a test started one."""
    from pg_cluster import stop_shared_cluster

    stop_shared_cluster()


@pytest.fixture(params=sorted(STORE_FACTORIES))
def each_store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty store of each implementation in turn (tests/store/ runs on every backend)."""
    with STORE_FACTORIES[request.param](tmp_path) as opened:
        yield opened


@pytest.fixture(params=sorted(STORE_FACTORIES))
def reopen_store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Opens the same store of each implementation again on every call (state across restarts)."""
    return lambda: STORE_FACTORIES[request.param](tmp_path)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The pinned spaCy pipeline, loaded once per test session (analysis and corroboration tests)."""
    from storyline.analyze import load_nlp

    return load_nlp()


SEED_SOURCES = {"000_70f5b6e54c8b22d2.txt": "E&T (The IET)", "002_2a424404477b9ed7.txt": "Reuters"}


@pytest.fixture(scope="session")
def seed_reports():  # type: ignore[no-untyped-def]
    """The two seed reports (E&T, Reuters) cleaned into Report records, ids "et" and "reuters"."""
    from storyline.clean.text import clean_text
    from storyline.models import Report

    require_shared(SEEDS)
    reports = []
    for name, source in SEED_SOURCES.items():
        cleaned = clean_text((SEEDS / name).read_text(encoding="utf-8"))
        reports.append(
            Report(id="et" if source.startswith("E&T") else "reuters", source=source, title=cleaned.title,
                   body=cleaned.body, dateline=cleaned.dateline, credits=tuple(cleaned.credits))
        )
    return reports


@pytest.fixture(scope="session")
def seed_analyses(seed_reports, nlp):  # type: ignore[no-untyped-def]
    """Per-report analyses of the seeds, keyed by report id."""
    from storyline.analyze import analyze_reports

    return {a.report: a for a in analyze_reports(seed_reports, nlp)}
