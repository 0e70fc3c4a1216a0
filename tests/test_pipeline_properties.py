"""Invariants of the store over any selection and order of reports (Hypothesis).

Stories partition the reports; ingesting twice is ingesting once; the same input in the
same order gives the same stories; any order gives the same reports and the same copy
groups; an export ingested into a new store restores every report and the same stories.
The reports are the example corpus (35 reports in 11 stories, 3 wire copies).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import views
from storyline.config import AnalyzeOptions, Config
from storyline.models import to_dict
from storyline.pipeline import ingest_paths, update
from storyline.store import SqliteStore, open_store

NO_ANALYSIS = Config(analyze=AnalyzeOptions(enabled=False))
PROPERTY_SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    return tuple(line for line in (EXAMPLES / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())


def _store(folder: Path, lines: list[str], name: str) -> SqliteStore:
    """A new store holding `lines` (JSON lines), ingested and updated in that order."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(folder / f"{name}.db")
    ingest_paths(store, [source], config=NO_ANALYSIS)
    update(store, NO_ANALYSIS)
    return store


def _partition(store: SqliteStore) -> set[frozenset[str]]:
    return {frozenset(story.reports) for story in store.iter_stories()}


def _copy_groups(store: SqliteStore) -> set[frozenset[str]]:
    """Reports joined by copy links, as groups: who is the original may depend on arrival order."""
    parent = {report.id: report.id for report in store.iter_reports()}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    for report in store.iter_reports():
        if report.copy_of:
            parent[root(report.id)] = root(report.copy_of)
    groups: dict[str, set[str]] = {}
    for node in parent:
        groups.setdefault(root(node), set()).add(node)
    return {frozenset(group) for group in groups.values() if len(group) > 1}


def _reports(store: SqliteStore) -> dict[str, dict[str, object]]:
    return {report.id: {k: v for k, v in to_dict(report).items() if k not in ("copy_of", "origin")} for report in store.iter_reports()}


selections = st.lists(st.sampled_from(range(len(corpus_lines()))), min_size=2, max_size=20, unique=True)


@PROPERTY_SETTINGS
@given(chosen=selections)
def test_stories_partition_the_reports(tmp_path_factory, chosen: list[int]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("partition")
    with _store(folder, [corpus_lines()[i] for i in chosen], "s") as store:
        members = [report for story in store.iter_stories() for report in story.reports]
        assert len(members) == len(set(members))
        assert set(members) == {report.id for report in store.iter_reports()}
        assert store.pending_reports() == []


@PROPERTY_SETTINGS
@given(chosen=selections)
def test_ingesting_twice_is_ingesting_once(tmp_path_factory, chosen: list[int]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("twice")
    lines = [corpus_lines()[i] for i in chosen]
    with _store(folder, lines, "s") as store:
        before = (_reports(store), _partition(store), store.analysis_versions())
        source = folder / "s.jsonl"
        again = ingest_paths(store, [source], config=NO_ANALYSIS)
        update(store, NO_ANALYSIS)
        assert again.stored == 0 and again.duplicates == len(set(lines))
        assert (_reports(store), _partition(store), store.analysis_versions()) == before


@PROPERTY_SETTINGS
@given(chosen=selections)
def test_the_same_input_in_the_same_order_gives_the_same_stories(tmp_path_factory, chosen: list[int]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("same")
    lines = [corpus_lines()[i] for i in chosen]
    with _store(folder, lines, "a") as first, _store(folder, lines, "b") as second:
        assert [(s.id, s.reports, s.headline) for s in first.iter_stories()] == [(s.id, s.reports, s.headline) for s in second.iter_stories()]


@PROPERTY_SETTINGS
@given(order=st.permutations(range(len(corpus_lines()))))
def test_any_order_gives_the_same_reports_and_copy_groups(tmp_path_factory, order: list[int]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("order")
    lines = list(corpus_lines())
    with _store(folder, lines, "arrival") as first, _store(folder, [lines[i] for i in order], "shuffled") as second:
        assert _reports(first) == _reports(second)
        assert sum(len(group) - 1 for group in _copy_groups(first)) >= 3  # the corpus's planted wire copies
        assert _copy_groups(first) == _copy_groups(second)


@PROPERTY_SETTINGS
@given(chosen=selections)
def test_export_then_ingest_restores_reports_and_stories(tmp_path_factory, chosen: list[int]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("restore")
    with _store(folder, [corpus_lines()[i] for i in chosen], "original") as original:
        exported = list(views.export_records(original))
        with _store(folder, exported, "restored") as restored:
            assert {r.id: to_dict(r) | {"origin": ""} for r in original.iter_reports()} == {
                r.id: to_dict(r) | {"origin": ""} for r in restored.iter_reports()
            }
            assert _partition(original) == _partition(restored)
            assert [json.loads(line)["id"] for line in exported if '"record": "report"' in line] == [
                r.id for r in restored.iter_reports()
            ]
