"""Every kind of bad input in `bad_inputs.CORPUS`: the outcome it is documented with, no crash, and a store that still runs."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from bad_inputs import ARTICLE, CORPUS, BadInput
from conftest import ROOT

from storyline.config import AnalyzeOptions, Config, IngestOptions
from storyline.pipeline import ingest_paths, update
from storyline.store import open_store

NO_ANALYSIS = Config(analyze=AnalyzeOptions(enabled=False))
# The one kind that is about the configured limit reads with a small one.
SMALL_FILES = Config(analyze=AnalyzeOptions(enabled=False), ingest=IngestOptions(max_file_bytes=100_000))
# No bad input may take longer than this to read, clean and place (the slowest, a 10 MB line, takes about 8 s here).
MAX_SECONDS = 60.0
DOCS = ROOT / "docs" / "reliability.md"


def _still_runs(db: Path, tmp_path: Path) -> None:
    """A good report ingested after the bad input is stored, placed and found."""
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE.replace("Harbour budget approved", "Quay budget approved"), encoding="utf-8")
    with open_store(db) as store:
        assert ingest_paths(store, [good], config=NO_ANALYSIS).stored == 1
        update(store, NO_ANALYSIS)
        assert store.pending_reports() == []
        assert any(hit.report.title == "Quay budget approved" for hit in store.search("Quay budget"))


@pytest.mark.parametrize("case", CORPUS, ids=[case.kind for case in CORPUS])
def test_bad_input_has_its_documented_outcome(case: BadInput, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.make())
    db = tmp_path / "store.db"
    config = SMALL_FILES if case.kind == "over-max-file-bytes" else NO_ANALYSIS
    started = time.monotonic()
    with open_store(db) as store:
        result = ingest_paths(store, [path], config=config)
        update(store, config)
        reports = list(store.iter_reports())
    assert time.monotonic() - started < MAX_SECONDS
    assert all("\n" not in r.message and r.message for r in result.rejected)
    if case.outcome == "stored":
        assert result.stored >= 1 and not result.rejected, result.rejected
        assert case.check is None or case.check(reports), [(r.title, r.language, r.published, r.body[:80]) for r in reports]
    else:
        assert case.outcome in {r.reason for r in result.rejected}, result.rejected
        assert (result.stored >= 1) == case.keeps_others
    _still_runs(db, tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_refused_instead_of_read_forever(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with open_store(tmp_path / "s.db") as store:
        result = ingest_paths(store, [pipe], config=NO_ANALYSIS)
    assert [(r.reason, "regular file" in r.message) for r in result.rejected] == [("unreadable", True)]


def test_a_missing_path_is_a_rejection_and_the_rest_is_stored(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        result = ingest_paths(store, [tmp_path / "nope.txt", good], config=NO_ANALYSIS)
    assert result.stored == 1 and [r.reason for r in result.rejected] == ["not-found"]


def test_the_corpus_covers_every_reader_and_forty_kinds() -> None:
    assert len(CORPUS) >= 40
    assert len({case.kind for case in CORPUS}) == len(CORPUS)
    assert {case.reader for case in CORPUS} >= {"text", "jsonl", "restore", "html", "feed", "warc", "gzip", "zip", "file"}


def test_the_reliability_doc_lists_every_kind_as_it_behaves() -> None:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`[\w-]+`", cells[0]):
            rows[cells[0].strip("`")] = (cells[1], cells[2].strip("`"), cells[3])
    expected = {case.kind: (case.reader, case.outcome, case.does) for case in CORPUS}
    assert rows == expected, "regenerate the table: python tests/bad_inputs_table.py"
