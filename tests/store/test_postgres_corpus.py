"""The example corpus (the README's first ingest) gives the same reports, stories and facts in PostgreSQL as in SQLite."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

import storyline
from storyline.views import export_records


def test_the_example_corpus_gives_the_same_records_in_both_stores(tmp_path: Path, postgres_url: str) -> None:
    exported = {}
    for name, location in (("sqlite", str(tmp_path / "demo.db")), ("postgres", postgres_url)):
        with storyline.open(location) as db:
            result = db.ingest(EXAMPLES / "reports.jsonl")
            assert result.stored > 0 and not result.rejected
            exported[name] = list(export_records(db.store))
    kinds = {kind: sum(f'"record": "{kind}"' in line for line in exported["sqlite"]) for kind in ("report", "story", "analysis")}
    assert kinds["story"] > 1 and kinds["analysis"] == kinds["story"]
    assert exported["postgres"] == exported["sqlite"]
