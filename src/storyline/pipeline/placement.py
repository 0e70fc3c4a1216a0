"""Placing new reports: copy detection, then story clustering, then the story's summary row.

The copy index and the clusterer are rebuilt from features stored with each report, so a
new run does not recompute anything for reports already placed; each report is placed in
its own transaction (copy link, features, story membership and story row together).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from storyline.bounds import leading_piece
from storyline.config import Config
from storyline.copies import CopyIndex, CopyOptions
from storyline.corroborate.independence import independent_sources
from storyline.encode.stage import TextEncoder, choose_encoder, encode_reports
from storyline.errors import STOPS_A_RUN, describe_error
from storyline.models import Report, StageFailure, Story
from storyline.pipeline.stages import Progress
from storyline.store.protocol import Store
from storyline.stories import StoryClusterer, StoryDocument, StoryOptions
from storyline.stories.features import encode_vector

log = logging.getLogger(__name__)

# The stage name a placement failure is recorded under (`storyline reports` shows it).
STAGE = "stories"
# Characters of a report's body its story features are drawn from: 12x the longest labelled
# report (ECB+, 16,052), so no real report is cut; story features cost time linear in the
# text (a 15-million-character report took 29 s) and add nothing past the opening.
STORY_TEXT_MAX_CHARS = 200_000
COPY_FEATURES = "copies"
STORY_FEATURES = "story"
# Marks a report the encoder passed over (too little of it is headline and lead), so it
# is not taken for a report of another encoder and encoded on every run.
NOT_ENCODED = "skipped:"
# Stored reports read per batch when they must be encoded again.
_REENCODE_BATCH = 512
# Kept with a report from its placement until its run has refined the stories it grew: a run
# killed in between leaves the mark, and the next run refines those stories too.
UNREFINED_FEATURES = "unrefined"


@dataclass(kw_only=True)
class Placement:
    copies: int = 0
    stories: list[str] = field(default_factory=list)


def encode_pending(reports: Sequence[Report], config: Config) -> dict[str, np.ndarray]:
    """The meaning vectors of new reports' headlines and leads (none when the encoder is off):
    a function of their text alone, so it may run while the reports are being analysed."""
    encoder = choose_encoder(config.encode.stories, config.encode.threads)
    if encoder is None:
        return {}
    return encode_reports(_leading(reports), encoder, StoryOptions(**config.stories).meaning_min_share)


def place_reports(
    store: Store,
    reports: Sequence[Report],
    analyses: Mapping[str, Any],
    config: Config,
    progress: Progress,
    *,
    meanings: Mapping[str, np.ndarray] | None = None,
) -> Placement:
    """Give every report a story (and a `copy_of` when it is a syndicated copy); `meanings`
    are the reports' `encode_pending` vectors when they were worked out already."""
    copy_index = CopyIndex(CopyOptions(**config.copies))
    clusterer = StoryClusterer(StoryOptions(**config.stories))
    encoder = choose_encoder(config.encode.stories, config.encode.threads)
    for report_id, data in store.iter_features(COPY_FEATURES):
        copy_index.add_signature(report_id, data["signature"], data.get("published", ""))
    for report_id, story_id, features in _stored_story_features(store, encoder, clusterer.options.meaning_min_share):
        clusterer.restore(report_id, story_id, features)
    # Reports a killed run placed but never refined around: refined now, with this run's stories.
    unrefined = [report_id for report_id, _ in store.iter_features(UNREFINED_FEATURES)]
    known_splits = set(store.iter_splits())
    for pair in known_splits:
        clusterer.keep_apart(*pair)
    result = Placement()
    if meanings is None:
        meanings = encode_reports(_leading(reports), encoder, clusterer.options.meaning_min_share) if encoder is not None else {}
    progress("encode", len(reports), len(reports))
    placing = _Placing(
        store=store,
        copy_index=copy_index,
        clusterer=clusterer,
        analyses=analyses,
        result=result,
        meanings=meanings,
        meaning_id=encoder.encoder_id if encoder is not None else "",
    )
    for done, report in enumerate(reports, start=1):
        try:
            placing.place(report)
        except STOPS_A_RUN:
            raise
        except Exception as exc:  # one report's failure is recorded; the others are placed
            log.warning("placing report %s failed", report.id, exc_info=True)
            store.record_failure(report.id, StageFailure(stage=STAGE, reason="error", message=describe_error(exc)))
        progress("stories", done, len(reports))
    _apply_refinement(store, clusterer, result, [clusterer.story_of(report_id) for report_id in unrefined])
    for pair in clusterer.separated():
        if pair not in known_splits:
            store.add_split(*pair)
    for earlier, later in clusterer.thread_links():
        store.add_thread(earlier, later)
    store.delete_features([*unrefined, *placing.placed], UNREFINED_FEATURES)
    return result


@dataclass(kw_only=True)
class _Placing:
    """The state one placement run carries from report to report."""

    store: Store
    copy_index: CopyIndex
    clusterer: StoryClusterer
    analyses: Mapping[str, Any]
    result: Placement
    meanings: Mapping[str, np.ndarray]
    meaning_id: str
    members: dict[str, list[Report]] = field(default_factory=dict)
    lookup: dict[str, Report] = field(default_factory=dict)
    placed: list[str] = field(default_factory=list)

    def place(self, report: Report) -> None:
        """Copy link, story and story row for one report, stored in one transaction."""
        store = self.store
        original, signature = self.copy_index.add_signed(report.id, report.body, report.published)
        if original:
            report = _with_copy(report, original)
            self.result.copies += 1
        document = StoryDocument(
            id=report.id,
            title=report.title,
            text=leading_piece(report.body, STORY_TEXT_MAX_CHARS),
            published=report.published,
            source=report.source,
            entities=_entity_names(self.analyses.get(report.id)),
            meaning=self.meanings.get(report.id),
            meaning_id=_meaning_id(self.meaning_id, report.id in self.meanings),
        )
        story_id, features = self.clusterer.add_with_features(document)
        if story_id not in self.members:
            existing = store.get_reports(store.story_report_ids(story_id))
            self.members[story_id] = existing
            self.lookup.update({r.id: r for r in existing})
        self.members[story_id].append(report)
        self.lookup[report.id] = report
        if original and original not in self.lookup:
            self.lookup.update({r.id: r for r in store.get_reports([original])})
        story = story_record(story_id, self.clusterer.headline(story_id), self.members[story_id], self.lookup)
        store.place_report(
            report.id,
            story,
            copy_of=original,
            features={
                COPY_FEATURES: {"signature": signature, "published": report.published},
                STORY_FEATURES: {"story": story_id, "features": features},
                UNREFINED_FEATURES: {},
            },
        )
        self.placed.append(report.id)
        if story_id not in self.result.stories:
            self.result.stories.append(story_id)


def _stored_story_features(
    store: Store, encoder: TextEncoder | None, min_share: float
) -> list[tuple[str, str, dict[str, Any]]]:
    """(report id, story id, features) of every placed report, in placement order.

    Reports placed without a meaning vector, or with one of another encoder, are encoded
    now and their features saved again, so a change of encoder re-encodes once.
    """
    stored = [(report_id, data["story"], dict(data["features"])) for report_id, data in store.iter_features(STORY_FEATURES)]
    if encoder is None:
        return stored
    current = {encoder.encoder_id, NOT_ENCODED + encoder.encoder_id}
    stale = [report_id for report_id, _, features in stored if features.get("meaning_id") not in current]
    if not stale:
        return stored
    fresh: dict[str, dict[str, Any]] = {}
    for start in range(0, len(stale), _REENCODE_BATCH):
        reports = store.get_reports(stale[start : start + _REENCODE_BATCH])
        vectors = encode_reports(_leading(reports), encoder, min_share)
        for report in reports:
            vector = vectors.get(report.id)
            fresh[report.id] = (
                {"meaning": encode_vector(vector), "meaning_id": encoder.encoder_id}
                if vector is not None
                else {"meaning_id": NOT_ENCODED + encoder.encoder_id}
            )
    updated = []
    for report_id, story_id, features in stored:
        if report_id in fresh:
            features.update(fresh[report_id])
            store.put_features(report_id, STORY_FEATURES, {"story": story_id, "features": features})
        updated.append((report_id, story_id, features))
    return updated


def _leading(reports: Sequence[Report]) -> list[Report]:
    """The reports as story clustering reads them: the leading piece of each body."""
    return [
        report if len(report.body) <= STORY_TEXT_MAX_CHARS else replace(report, body=leading_piece(report.body, STORY_TEXT_MAX_CHARS))
        for report in reports
    ]


def _meaning_id(encoder_id: str, encoded: bool) -> str:
    """What a report's features record of the encoder: its id, or that it passed the report over."""
    if not encoder_id:
        return ""
    return encoder_id if encoded else NOT_ENCODED + encoder_id


def _apply_refinement(store: Store, clusterer: StoryClusterer, result: Placement, earlier: list[str]) -> None:
    """Let the clusterer fold early stray reports into stories that have grown, and store the moves.

    `earlier` are stories that grew in a run killed before its refinement: refining them
    with this run's stories, in one call, gives the stories an uninterrupted run would have.
    """
    moved = clusterer.refine([*earlier, *result.stories])
    if not moved:
        return
    affected: list[str] = []
    for report_id, story_id in moved.items():
        previous = store.story_of(report_id)
        store.move_report(report_id, story_id)
        affected.extend(s for s in (previous, story_id) if s and s not in affected)
    for story_id in affected:
        members = store.get_reports(store.story_report_ids(story_id))
        if not members:
            store.drop_story(story_id)
            if story_id in result.stories:
                result.stories.remove(story_id)
            continue
        lookup = {r.id: r for r in members}
        originals = [r.copy_of for r in members if r.copy_of and r.copy_of not in lookup]
        lookup.update({r.id: r for r in store.get_reports(originals)})
        store.save_story(story_record(story_id, clusterer.headline(story_id), members, lookup))
        if story_id not in result.stories:
            result.stories.append(story_id)


def _with_copy(report: Report, original: str) -> Report:
    return replace(report, copy_of=original)


def _entity_names(analysis: Any) -> tuple[str, ...]:
    if analysis is None:
        return ()
    names = getattr(analysis, "entity_names", None)
    return tuple(names()) if callable(names) else ()


def story_record(story_id: str, headline: str, reports: Sequence[Report], lookup: dict[str, Report]) -> Story:
    """The summary row of a story from its member reports."""
    dates = sorted(r.published for r in reports if r.published)
    sources: list[str] = []
    for report in reports:
        name = report.source or report.source_domain
        if name and name not in sources:
            sources.append(name)
    return Story(
        id=story_id,
        headline=headline,
        reports=tuple(r.id for r in reports),
        sources=tuple(sources),
        independent_sources=tuple(independent_sources(reports, lookup)),
        first_seen=dates[0] if dates else "",
        last_seen=dates[-1] if dates else "",
    )
