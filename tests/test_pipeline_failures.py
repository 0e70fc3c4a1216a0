"""One report a stage cannot handle is recorded as that stage's failure; it never stops a run or a later one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline import views
from storyline.config import AnalyzeOptions, Config
from storyline.models import StageFailure
from storyline.pipeline import ingest_paths, update

# Over spaCy's own nlp.max_length (1,000,000): analysed whole, this raised E088 on every run.
OVERSIZED_CHARS = 1_200_000


def _oversized_report(path: Path, chars: int = OVERSIZED_CHARS) -> Path:
    line = "Councillors met again on Tuesday to debate the harbour budget for the coming year."
    lines = ["An enormous council minute", ""]
    total = 0
    number = 0
    while total < chars:
        number += 1
        text = f"{line} Item {number} was read out."
        lines.append(text)
        total += len(text) + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _chinese_report(path: Path, chars: int = OVERSIZED_CHARS) -> Path:
    """Chinese prose: the English parser reads it as few long tokens, so the shipped limits run in seconds."""
    sentence = "北京市政府周一宣布了一项新的公共交通计划。该计划将在未来五年内投资一千亿元人民币，用于扩建地铁网络和公交系统。"
    lines = [sentence + f"第{number}段。" for number in range(chars // (len(sentence) + 8) + 1)]
    path.write_text("北京交通计划\n\n" + "\n".join(lines), encoding="utf-8")
    return path


def run_cli(*args: str, db: Path, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--config", str(config)] if config else []
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), *extra, *args],
        capture_output=True, text=True, check=False, timeout=300,
    )


def test_an_oversized_report_is_analysed_in_part_and_later_ingests_succeed(tmp_path: Path, seeds_dir: Path) -> None:
    """The poison pill: a report over spaCy's max_length, then two good reports into the same store."""
    db = tmp_path / "store.db"
    config = tmp_path / "small.toml"
    # A small analysis bound keeps the parse of the oversized report's piece to a second.
    config.write_text("[analyze]\nmax_chars = 2000\n", encoding="utf-8")
    big = _oversized_report(tmp_path / "minutes.txt")
    first = run_cli("ingest", "--json", str(big), db=db, config=config)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["stored"] == 1
    assert "Traceback" not in first.stderr

    second = run_cli("ingest", "--json", str(seeds_dir), db=db)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["stored"] == 2
    assert run_cli("update", db=db).returncode == 0

    hits = json.loads(run_cli("search", "--json", "China Canada cyber", db=db).stdout)
    assert sorted(hit["source"] for hit in hits) == ["E&T (The IET)", "Reuters"]
    listed = json.loads(run_cli("reports", "--json", db=db).stdout)
    by_title = {row["title"]: row for row in listed}
    failures = by_title["An enormous council minute"]["failures"]
    assert [(f["stage"], f["reason"]) for f in failures] == [("analyze", "too-large")]
    assert "of 1,2" in failures[0]["message"]
    assert all(row["story"] for row in listed)
    assert sum(1 for row in listed if row["failures"]) == 1
    table = run_cli("reports", db=db)
    assert "analyze: too-large" in table.stdout


def test_the_default_limits_analyse_an_oversized_report_in_part(store, tmp_path: Path, nlp: Any) -> None:  # type: ignore[no-untyped-def]
    """No lowered limit: spaCy's own bound and analyze.max_chars as shipped."""
    ingest_paths(store, [_chinese_report(tmp_path / "zh.txt")])
    assert update(store, Config()).placed == 1
    (row,) = views.list_reports(store)
    assert row["story"]
    (failure,) = row["failures"]
    assert failure["reason"] == "too-large"
    assert "analyze.max_chars is 50,000" in failure["message"]


def _failing_analysis(reports: Any, nlp: Any, *, batch_size: int = 16) -> list[Any]:
    if any("poison" in r.body for r in reports):
        raise RuntimeError("the parser gave up")
    from storyline.analyze.report import analyze_reports

    return analyze_reports(reports, nlp, batch_size=batch_size)


def test_a_report_that_makes_the_analysis_raise_fails_alone(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("storyline.analyze.guard.analyze_reports", _failing_analysis)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour fire\n\nA fire broke out at the harbour on Monday, the fire service said.", encoding="utf-8")
    (folder / "b.txt").write_text("Poison\n\nThis poison report breaks the parser of the harbour town.", encoding="utf-8")
    ingest_paths(store, [folder])
    result = update(store, Config(analyze=AnalyzeOptions(batch_size=4)))
    assert result.placed == 2
    rows = {row["title"]: row for row in views.list_reports(store)}
    assert rows["Harbour fire"]["failures"] == []
    assert [(f["stage"], f["reason"]) for f in rows["Poison"]["failures"]] == [("analyze", "error")]
    assert "RuntimeError: the parser gave up" in rows["Poison"]["failures"][0]["message"]
    assert len(store.get_features([r["id"] for r in rows.values()], "nlp")) == 1
    assert store.pending_reports() == []


def test_a_report_the_story_stage_fails_on_is_recorded_and_not_retried(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from storyline.pipeline.placement import _Placing

    real_place = _Placing.place

    def place(self: _Placing, report: Any) -> None:
        if "poison" in report.body:
            raise ValueError("no features")
        real_place(self, report)

    monkeypatch.setattr(_Placing, "place", place)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour fire\n\nA fire broke out at the harbour on Monday.", encoding="utf-8")
    (folder / "b.txt").write_text("Poison\n\nThis poison report cannot be placed.", encoding="utf-8")
    ingest_paths(store, [folder])
    config = Config(analyze=AnalyzeOptions(enabled=False))
    assert update(store, config).placed == 2
    assert store.pending_reports() == []
    assert update(store, config).placed == 0
    rows = {row["title"]: row for row in views.list_reports(store)}
    assert rows["Harbour fire"]["story"] and not rows["Harbour fire"]["failures"]
    assert not rows["Poison"].get("story")
    assert rows["Poison"]["failures"] == [{"stage": "stories", "reason": "error", "message": "ValueError: no features"}]


def test_a_story_whose_corroboration_raises_leaves_the_others_corroborated(store, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from storyline import pipeline
    from storyline.pipeline import corroboration

    ingest_paths(store, [seeds_dir])
    update(store, Config(analyze=AnalyzeOptions(enabled=False)))
    (story,) = store.list_stories()
    monkeypatch.setattr(corroboration, "_corroborate_story", lambda *args: (_ for _ in ()).throw(KeyError("slot")))
    assert pipeline.corroborate_stories(store, [story.id]) == 0
    failures = store.failures(story.reports)
    assert set(failures) == set(story.reports)
    assert failures[story.reports[0]] == [StageFailure(stage="corroborate", reason="error", message=f"story {story.id}: KeyError: 'slot'")]
    monkeypatch.undo()
    assert pipeline.corroborate_stories(store, [story.id]) == 1
    assert store.failures(story.reports) == {}
