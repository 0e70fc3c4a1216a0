import importlib
from pathlib import Path

from storyline.pipeline import STAGES, ingest_paths, update
from storyline.config import Config, AnalyzeOptions


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
