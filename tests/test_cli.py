"""The `storyline` command as a user runs it: exit codes, JSON output, bad input, round trips."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), *args],
        capture_output=True, text=True, check=False, timeout=300,
    )


def test_seeds_are_stored_once_and_form_one_story(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = run("ingest", "--json", str(seeds_dir), db=db)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"stored": 2, "duplicates": 0, "rejected": []}
    again = run("ingest", "--json", str(seeds_dir), db=db)
    assert json.loads(again.stdout) == {"stored": 0, "duplicates": 2, "rejected": []}
    stories = json.loads(run("stories", "--json", db=db).stdout)
    assert len(stories) == 1
    (story,) = stories
    assert story["reports"] == 2
    assert sorted(story["sources"]) == ["E&T (The IET)", "Reuters"]
    assert sorted(story["independent_sources"]) == ["E&T (The IET)", "Reuters"]
    assert {"id", "title", "reports", "sources", "first_seen", "last_seen"} <= set(story)


def test_bad_files_are_rejected_and_the_rest_stored(seeds_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(seeds_dir, folder)
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "t.db"
    result = run("ingest", "--json", "--no-analyze", str(folder), db=db)
    assert result.returncode == 3
    output = json.loads(result.stdout)
    assert output["stored"] == 2
    reasons = {Path(r["path"]).name: r["reason"] for r in output["rejected"]}
    assert reasons == {"photo.txt": "binary", "empty.txt": "empty"}
    assert all(r["message"] for r in output["rejected"])


def test_ingest_applies_the_config_file_byte_limit_to_local_files(tmp_path: Path) -> None:
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_file_bytes = 1000\n", encoding="utf-8")
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Harbour fire\n\nA fire broke out at the harbour on Monday, the fire service said.", encoding="utf-8")
    large.write_text("Harbour report\n\n" + "The harbour stayed open on Monday. " * 60, encoding="utf-8")
    result = run("--config", str(config), "ingest", "--json", "--no-analyze", str(small), str(large), db=tmp_path / "t.db")
    assert result.returncode == 3, result.stderr
    output = json.loads(result.stdout)
    assert output["stored"] == 1
    assert [(Path(r["path"]).name, r["reason"]) for r in output["rejected"]] == [("large.txt", "too-large")]
    assert "ingest.max_file_bytes" in output["rejected"][0]["message"]


def test_rejections_never_change_what_is_stored(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run("ingest", "--no-analyze", str(seeds_dir), db=db)
    before = json.loads(run("reports", "--json", db=db).stdout)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": \n', encoding="utf-8")
    result = run("ingest", "--json", "--no-analyze", str(bad), str(tmp_path / "missing.txt"), db=db)
    assert result.returncode == 3
    assert {r["reason"] for r in json.loads(result.stdout)["rejected"]} == {"bad-json", "not-found"}
    assert json.loads(run("reports", "--json", db=db).stdout) == before


def test_corrupt_database_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"garbage" * 100)
    result = run("stories", db=db)
    assert result.returncode == 1
    assert "not a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert run("update", "--no-analyze", db=db).returncode == 0
    assert run("show", "nope", db=db).returncode == 2
    assert run("export", "--format", "xml", db=db).returncode == 2
    unwritable = run("export", "--format", "csv", "--output", str(tmp_path / "no" / "such" / "dir.csv"), db=db)
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr and "Traceback" not in unwritable.stderr
    assert run("ingest", db=db).returncode == 2
    for command in ("ingest", "update"):
        unknown = run(command, *(["--json", str(EXAMPLES / "reports.jsonl")] if command == "ingest" else []), "--executor", "spark", db=db)
        assert unknown.returncode == 2 and "executor.kind must be one of local, dask" in unknown.stderr, (command, unknown.stderr)
    assert run("update", "--executor", "local", "--no-analyze", db=db).returncode == 0


def test_show_search_and_export_round_trip(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run("ingest", str(seeds_dir), db=db)
    (story,) = json.loads(run("stories", "--json", db=db).stdout)
    detail = json.loads(run("show", story["id"], "--json", db=db).stdout)
    assert {"facts", "entities", "events", "summary", "quotes", "conflicts"} <= set(detail)
    assert {r["source"] for r in detail["reports"]} == {"E&T (The IET)", "Reuters"}
    assert all({"id", "source", "title", "url", "published"} <= set(r) for r in detail["reports"])
    assert detail["facts"], "the seeds share facts"
    text = run("show", story["id"], db=db).stdout
    assert "Facts × outlets" in text
    hits = json.loads(run("search", "Hytera Norsat", "--json", db=db).stdout)
    assert hits[0]["source"] == "Reuters"
    exported = tmp_path / "export.jsonl"
    assert run("export", "--format", "jsonl", "--output", str(exported), db=db).returncode == 0
    restored_db = tmp_path / "restored.db"
    restore = run("ingest", "--json", str(exported), db=restored_db)
    assert json.loads(restore.stdout)["stored"] == 2
    original = json.loads(run("reports", "--json", db=db).stdout)
    restored = json.loads(run("reports", "--json", db=restored_db).stdout)
    assert [(r["id"], r["title"], r["source"]) for r in original] == [(r["id"], r["title"], r["source"]) for r in restored]
    restored_story = json.loads(run("show", story["id"], "--json", db=restored_db).stdout)
    assert [f["text"] for f in restored_story["facts"]] == [f["text"] for f in detail["facts"]]
    facts_csv = run("export", "--format", "csv", db=db).stdout.splitlines()
    assert facts_csv[0].startswith("story,headline,fact,text,status") and len(facts_csv) == len(detail["facts"]) + 1
    events = run("export", "--format", "gdelt", db=db).stdout.splitlines()
    assert len(events) == len(detail["events"]) and all(line.count("\t") == 60 for line in events)


def test_example_corpus_stories_match_the_answer_key(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run("ingest", "--json", "--no-analyze", str(EXAMPLES / "reports.jsonl"), db=db)
    assert result.returncode == 0, result.stderr
    key = json.loads((EXAMPLES / "answer_key.json").read_text("utf-8"))
    reports = json.loads(run("reports", "--json", "--limit", "1000", db=db).stdout)
    predicted = {r["url"]: r["story"] for r in reports}
    gold = {url: s["id"] for s in key["stories"] for url in s["reports"]}
    groups: dict[str, set[str]] = {}
    for url, story in predicted.items():
        groups.setdefault(story, set()).add(gold[url])
    assert all(len(labels) == 1 for labels in groups.values()), groups
    assert len(groups) == len(key["stories"])
    copies = {r["url"]: r["copy_of"] for r in reports if r["copy_of"]}
    by_id = {r["id"]: r["url"] for r in reports}
    assert {url: by_id[original] for url, original in copies.items()} == {c["copy"]: c["original"] for c in key["copies"]}


@pytest.mark.parametrize("command", ["reports", "stories", "search"])
def test_listings_on_an_empty_store_are_empty_json(command: str, tmp_path: Path) -> None:
    from storyline.store import open_store

    open_store(tmp_path / "empty.db").close()
    args = [command, "--json"] + (["anything"] if command == "search" else [])
    result = run(*args, db=tmp_path / "empty.db")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_seed_story_has_the_pledge_as_a_coded_event(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run("ingest", str(seeds_dir), db=db)
    (story,) = json.loads(run("stories", "--json", db=db).stdout)
    events = json.loads(run("show", story["id"], "--json", db=db).stdout)["events"]
    pledge = [e for e in events if e["cameo"].startswith("05") or e["cameo"].startswith("03")]
    assert pledge, events
    assert {pledge[0]["actor1_country"], pledge[0]["actor2_country"]} == {"CN", "CA"}
