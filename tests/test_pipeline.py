import dataclasses
import importlib
import json
from pathlib import Path

from storyline.config import AnalyzeOptions, Config
from storyline.pipeline import STAGES, ingest_paths, update


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ImportError(dotted)


def test_every_declared_stage_names_a_real_function() -> None:
    assert [stage.name for stage in STAGES] == ["read", "clean", "store", "analyze", "copies", "stories", "corroborate", "events"]
    for stage in STAGES:
        assert callable(_resolve(stage.function)), stage.function
        assert stage.needs and stage.adds


def test_update_finishes_what_an_interrupted_run_left_pending(store, seeds_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = ingest_paths(store, [seeds_dir])
    assert result.stored == 2
    assert len(store.pending_reports()) == 2
    config = Config(analyze=AnalyzeOptions(enabled=False))
    first = update(store, config)
    assert first.placed == 2 and len(first.stories_touched) == 1
    assert store.pending_reports() == []
    assert update(store, config).placed == 0


def test_reanalyze_recomputes_every_story_from_fresh_analyses(store, seeds_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from storyline.pipeline import reanalyze

    ingest_paths(store, [seeds_dir])
    update(store, Config(analyze=AnalyzeOptions(enabled=False)))
    (story,) = store.list_stories()
    assert store.get_analysis(story.id) is None
    result = reanalyze(store)
    assert result.analyzed == 1
    analysis = store.get_analysis(story.id)
    assert analysis is not None and analysis.facts
    assert len(store.get_features(story.reports, "nlp")) == 2


def _ferry_fire(ship: str, captain: str, passengers: int, day: int, outlet: str) -> dict[str, str]:
    return {
        "url": f"https://{outlet}.example/{ship.lower().replace(' ', '-')}-{day}",
        "source": outlet.title(),
        "title": f"Fire on ferry {ship} off Port Ellery",
        "date_publish": f"2019-03-{day:02d} 10:00:00",
        "text": (
            f"A fire broke out in the engine room of the ferry {ship} off Port Ellery on March {day} 2019, and all "
            f"{passengers} passengers were taken off by lifeboat, the coastguard said. Captain {captain} said the "
            f"crew fought the fire for an hour. The {ship} was towed into Port Ellery harbour."
        ),
    }


def test_a_story_split_in_refinement_is_stored_as_two_stories(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    rows = []
    for outlet in ("harbourpost", "coastwatch", "ellerytimes"):
        rows.append(_ferry_fire("Marisol Bay", "Tomas Ferreira", 212, 4, outlet))
        rows.append(_ferry_fire("Kestrel Point", "Ines Okafor", 87, 6, outlet))
    path = tmp_path / "fires.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    ingest_paths(store, [path])
    # A join threshold this low puts both fires in one story first; refinement parts them.
    config = Config(analyze=AnalyzeOptions(enabled=False), stories={"join_threshold": 0.05, "absorb_max_size": 3})
    update(store, config)
    stories = store.list_stories()
    assert len(stories) == 2
    by_ship = {}
    for story in stories:
        titles = {report.title for report in store.get_reports(story.reports)}
        assert len(titles) == 1, titles
        by_ship[titles.pop()] = story
    assert {len(story.reports) for story in by_ship.values()} == {3}
    # Word for word the same text at three outlets: one independent source each.
    assert all(len(story.sources) == 3 and len(story.independent_sources) == 1 for story in by_ship.values())
    # The split is stored, so a later run's rebuilt clusterer keeps the two fires apart.
    assert [set(pair) for pair in store.iter_splits()] == [{story.id for story in stories}]


def test_ingest_threads_the_example_follow_up_to_the_fire(store) -> None:  # type: ignore[no-untyped-def]
    """Through the real path (read, clean, store, encode, place): the inquiry story is threaded to the fire."""
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    key = json.loads((corpus / "answer_key.json").read_text(encoding="utf-8"))
    config = dataclasses.replace(Config(), analyze=AnalyzeOptions(enabled=False))
    ingest_paths(store, [corpus / "reports.jsonl"])
    update(store, config)
    by_url = {report.url: report.id for report in store.iter_reports()}
    story_of_gold = {
        story["id"]: store.story_of(by_url[story["reports"][0]]) for story in key["stories"] if story["reports"][0] in by_url
    }
    expected = {(story_of_gold[story["thread_of"]], story_of_gold[story["id"]]) for story in key["stories"] if story["thread_of"]}
    assert expected
    stored = {(earlier, story.id) for story in store.iter_stories() for earlier in story.thread_previous}
    assert stored == expected
