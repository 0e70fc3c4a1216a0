"""The `Store` protocol's contract, run against every implementation (`STORE_FACTORIES` in conftest).

Only protocol methods are called here, so a new backend passes this module before anything
else runs on it; what one backend alone does (SQLite's file checks) is tested beside it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.errors import QueryTooLarge
from storyline.models import Entity, Fact, Report, StageFailure, Story, StoryAnalysis
from storyline.store import EntityCount, FeedState, OutletCount, Store


def _report(n: int, body: str = "", source: str = "Outlet") -> Report:
    return Report(id=f"r{n}", source=source, title=f"Title {n}", body=body or f"Body of report {n} about harbours.",
                  published=f"2026-01-0{n % 9 + 1}")


def _place(store: Store, report_id: str, story_id: str, headline: str = "H") -> None:
    store.place_report(report_id, Story(id=story_id, headline=headline, reports=(report_id,)))



def test_same_report_is_stored_once(each_store: Store) -> None:
    assert each_store.add_report(_report(1)) is True
    assert each_store.add_report(_report(1)) is False
    assert each_store.count_reports() == 1
    assert each_store.get_report("r1") == _report(1)


def test_full_text_search_ranks_titles_and_survives_punctuation(each_store: Store) -> None:
    each_store.add_report(Report(id="a", title="Wildfire near Port Ellis", body="Crews fought the blaze."))
    each_store.add_report(Report(id="b", title="Budget", body="The wildfire budget was debated."))
    hits = each_store.search('wildfire "AND OR (')
    assert [h.report.id for h in hits] == ["a", "b"]
    assert each_store.search("") == []


def test_pending_reports_and_placement(each_store: Store) -> None:
    for n in (1, 2):
        each_store.add_report(_report(n))
    assert [r.id for r in each_store.pending_reports()] == ["r1", "r2"]
    story = Story(id="s1", headline="H", reports=("r1",), sources=("Outlet",), independent_sources=("Outlet",))
    each_store.place_report("r1", story, features={"copies": {"signature": [1, 2]}})
    assert [r.id for r in each_store.pending_reports()] == ["r2"]
    assert each_store.story_of("r1") == "s1"
    assert each_store.get_story("s1").reports == ("r1",)
    assert dict(each_store.iter_features("copies")) == {"r1": {"signature": [1, 2]}}


def test_analysis_round_trip(each_store: Store) -> None:
    analysis = StoryAnalysis(story="s1", facts=(Fact(id="f", story="s1", text="x", status="corroborated"),))
    each_store.save_analysis(analysis)
    assert each_store.get_analysis("s1") == analysis


def test_iter_reports_pages_through_everything_in_arrival_order(each_store: Store) -> None:
    ids = [f"r{n:04d}" for n in range(1203)]
    for report_id in ids:
        each_store.add_report(Report(id=report_id, body="b"))
    assert [r.id for r in each_store.iter_reports()] == ids


def test_moving_a_report_and_dropping_the_emptied_story(each_store: Store) -> None:
    for n in (1, 2):
        each_store.add_report(_report(n))
    each_store.place_report("r1", Story(id="s1", headline="A", reports=("r1",)), features={"story": {"story": "s1", "features": {}}})
    each_store.place_report("r2", Story(id="s2", headline="B", reports=("r2",)), features={"story": {"story": "s2", "features": {}}})
    each_store.save_analysis(StoryAnalysis(story="s2"))
    each_store.move_report("r2", "s1")
    each_store.drop_story("s2")
    assert each_store.story_report_ids("s1") == ["r1", "r2"]
    assert each_store.get_story("s2") is None and each_store.get_analysis("s2") is None
    assert dict(each_store.iter_features("story"))["r2"]["story"] == "s1"


def test_split_pairs_are_kept_across_reopening_and_go_with_a_dropped_story(reopen_store: Callable[[], Store]) -> None:
    with reopen_store() as store:
        store.add_split("s1", "s4")
        store.add_split("s1", "s4")
        store.add_split("s2", "s3")
    with reopen_store() as store:
        assert list(store.iter_splits()) == [("s1", "s4"), ("s2", "s3")]
        store.drop_story("s3")
        assert list(store.iter_splits()) == [("s1", "s4")]


def test_the_reopened_store_keeps_its_reports(reopen_store: Callable[[], Store]) -> None:
    with reopen_store() as store:
        store.add_report(_report(3))
    with reopen_store() as store:
        assert store.count_reports() == 1
        assert store.get_reports(["r3", "unknown"]) == [_report(3)]


def test_reports_are_listed_newest_first_and_by_outlet(each_store: Store) -> None:
    for n, source in ((1, "A"), (2, "B"), (3, "A")):
        each_store.add_report(_report(n, source=source))
    assert [r.id for r in each_store.list_reports()] == ["r3", "r2", "r1"]
    assert [r.id for r in each_store.list_reports(source="A", limit=1, offset=1)] == ["r1"]
    assert each_store.get_report("nope") is None


def test_search_bounds_are_enforced(each_store: Store) -> None:
    with pytest.raises(QueryTooLarge):
        each_store.search("word " * 1000)


def test_features_and_stage_failures(each_store: Store) -> None:
    for n in (1, 2):
        each_store.add_report(_report(n))
    each_store.put_features("r2", "nlp", {"n": 2})
    each_store.put_features("r1", "nlp", {"n": 1})
    assert each_store.get_features(["r1", "r2", "r9"], "nlp") == {"r1": {"n": 1}, "r2": {"n": 2}}
    assert list(each_store.iter_features("nlp")) == [("r1", {"n": 1}), ("r2", {"n": 2})]
    each_store.delete_features(["r1"], "nlp")
    assert each_store.get_features(["r1", "r2"], "nlp") == {"r2": {"n": 2}}
    failure = StageFailure(stage="analyze", reason="error", message="boom")
    each_store.record_failure("r1", failure)
    assert each_store.failures(["r1", "r2"]) == {"r1": [failure]}
    each_store.clear_failures(["r1"], "analyze")
    assert each_store.failures(["r1"]) == {}


def test_a_report_the_story_stage_failed_on_is_not_pending(each_store: Store) -> None:
    each_store.add_report(_report(1))
    each_store.record_failure("r1", StageFailure(stage="stories", reason="error", message="x"))
    assert each_store.pending_reports() == []


def test_stories_are_found_by_id_prefix_report_prefix_and_listed_with_filters(each_store: Store) -> None:
    each_store.add_report(_report(1, source="A"))
    each_store.add_report(_report(2, source="B"))
    _place(each_store, "r1", "abc1")
    _place(each_store, "r2", "abd2")
    each_store.add_thread("abc1", "abd2")
    assert each_store.story_ids() == ["abc1", "abd2"]
    assert sorted(each_store.story_ids_by_prefix("ab", limit=2)) == ["abc1", "abd2"]
    assert each_store.story_ids_by_prefix("abc", limit=2) == ["abc1"]
    assert each_store.story_ids_by_prefix("a%", limit=2) == []
    assert each_store.story_ids_by_report_prefix("r2", limit=2) == ["abd2"]
    assert [s.id for s in each_store.list_stories(source="A")] == ["abc1"]
    assert [s.id for s in each_store.list_stories(ids=["abd2"])] == ["abd2"]
    assert each_store.get_story("abd2").thread_previous == ("abc1",)  # type: ignore[union-attr]
    assert each_store.count_stories() == 2
    assert each_store.latest_story_id() == "abd2"
    assert [s.id for s in each_store.iter_stories()] == [s.id for s in each_store.list_stories()]


def test_report_dates_per_story(each_store: Store) -> None:
    for n in (1, 2, 3):
        each_store.add_report(_report(n))
    for n in (2, 1):
        _place(each_store, f"r{n}", "s1")
    _place(each_store, "r3", "s2")
    assert each_store.report_dates(["s1", "s2", "s9"]) == {"s1": ["2026-01-02", "2026-01-03"], "s2": ["2026-01-04"], "s9": []}


def test_entity_and_outlet_counts(each_store: Store) -> None:
    for n, source in ((1, "A"), (2, "A"), (3, "B")):
        each_store.add_report(_report(n, source=source))
    _place(each_store, "r1", "s1")
    _place(each_store, "r3", "s1")
    _place(each_store, "r2", "s2")
    harbour = Entity(id="e:harbour", name="Port_Ellis harbour", kind="place", country="AU", mentions=2)
    each_store.save_analysis(StoryAnalysis(story="s1", entities=(harbour,)))
    each_store.save_analysis(StoryAnalysis(story="s2", entities=(harbour, Entity(id="e:mayor", name="Mayor", kind="person", mentions=1))))
    found = EntityCount(id="e:harbour", name="Port_Ellis harbour", kind="place", country="AU", stories=2, mentions=4)
    assert each_store.list_entities() == [found, EntityCount(id="e:mayor", name="Mayor", kind="person", country="", stories=1, mentions=1)]
    assert each_store.list_entities(name="_ellis") == [found]
    assert each_store.list_entities(name="%") == []
    assert each_store.get_entity("e:harbour") == found and each_store.get_entity("e:nobody") is None
    assert each_store.entity_timeline("e:harbour") == []
    assert each_store.list_outlets() == [OutletCount(name="A", reports=2, first_published="2026-01-02", last_published="2026-01-03"),
                                         OutletCount(name="B", reports=1, first_published="2026-01-04", last_published="2026-01-04")]
    assert each_store.get_outlet("A") == each_store.list_outlets()[0] and each_store.get_outlet("C") is None
    assert each_store.outlet_firsts("A") == (2, 2)
    assert each_store.outlet_firsts("B") == (1, 0)


def test_feed_state_and_settled_entries(reopen_store: Callable[[], Store]) -> None:
    with reopen_store() as store:
        assert store.load_feed_state("https://f.example/rss") == FeedState(url="https://f.example/rss")
        store.save_feed_state(FeedState(url="https://f.example/rss", etag='"v1"', checked="2026-01-01T00:00:00Z"))
        store.mark_entry_done("https://f.example/rss", "a")
        assert store.record_entry_failure("https://f.example/rss", "b", give_up_after=2) == 1
    with reopen_store() as store:
        assert store.load_feed_state("https://f.example/rss").etag == '"v1"'
        assert store.settled_entries("https://f.example/rss", ["a", "b", "c"]) == {"a"}
        assert store.record_entry_failure("https://f.example/rss", "b", give_up_after=2) == 2
        assert store.settled_entries("https://f.example/rss", ["a", "b"]) == {"a", "b"}


def test_the_update_lock_can_be_taken_again_once_released(each_store: Store) -> None:
    with each_store.update_lock():
        pass
    with each_store.update_lock():
        pass
