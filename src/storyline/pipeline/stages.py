"""The stages in order, each with the function that runs it, what it needs and what it adds.

    read ─► clean ─► store          (ingest: one transaction per report)
    pending reports ─► analyze ─► copies ─► stories ─► corroborate ─► events   (update)

`tests/test_pipeline.py` checks that every declared function exists.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Stage:
    """One stage's contract: the function that runs it, what it needs and what it adds."""

    name: str
    function: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(name="read", function="storyline.ingest.read_paths", needs=("files, folders, URLs",),
          adds=("RawDocument (text, format metadata)", "Rejection (typed reason)")),
    Stage(name="clean", function="storyline.clean.report.clean_document", needs=("RawDocument",),
          adds=("Report.id", "title", "body", "source", "dateline", "credits", "cited_outlets", "furniture", "language")),
    Stage(name="store", function="storyline.store.Store.add_report", needs=("Report",),
          adds=("stored report (once per id)",)),
    Stage(name="analyze", function="storyline.analyze.analyze_reports", needs=("Report.body", "Report.published"),
          adds=("ReportAnalysis: sentences, entities, mentions, quotes, propositions",)),
    Stage(name="copies", function="storyline.copies.CopyIndex.add", needs=("Report.body", "Report.published"),
          adds=("Report.copy_of",)),
    Stage(name="stories", function="storyline.stories.StoryClusterer.add", needs=("Report", "entity names"),
          adds=("Story membership", "headline", "thread links")),
    Stage(name="corroborate", function="storyline.corroborate.corroborate_story", needs=("Story", "Report", "ReportAnalysis"),
          adds=("StoryAnalysis: facts with status and support, entities, quotes, summary",)),
    Stage(name="events", function="storyline.events.code_story_events", needs=("ReportAnalysis", "Fact"),
          adds=("Event: CAMEO and PLOVER type, QuadClass, Goldstein, actors with countries, sources",)),
)
"""The stages in the order `ingest` runs them."""

Progress = Callable[[str, int, int | None], None]
"""Called as progress(stage, done, total) so an adapter can draw a bar; the library never prints."""


def quiet(stage: str, done: int, total: int | None) -> None:
    """The progress callback that shows nothing."""
    return


@dataclass(kw_only=True)
class StageTimer:
    """A progress callback that also sums the wall time of each stage, for benchmarks.

    The stages report as they go, so the time since the previous report belongs to the
    stage reporting now: "ingest" is reading, cleaning and storing, "analyze" the NLP,
    "encode" the meaning vectors, "stories" copies and story placement, "corroborate"
    facts, claims and events. `then` is called as well, so a bar can still be drawn.
    """

    then: Progress = quiet
    seconds: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now
        self.then(stage, done, total)
