"""Placing new reports: copy detection, then story clustering, then the story's summary row.

The copy index and the clusterer are rebuilt from features stored with each report, so a
new run does not recompute anything for reports already placed; each report is placed in
its own transaction (copy link, features, story membership and story row together).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.config import Config
from storyline.copies import CopyIndex, CopyOptions
from storyline.encode.stage import TextEncoder, choose_encoder, encode_reports
from storyline.independence import independent_sources
from storyline.models import Report, Story
from storyline.store.sqlite import SqliteStore
from storyline.stories import StoryClusterer, StoryDocument, StoryOptions
from storyline.stories.features import encode_vector

COPY_FEATURES = "copies"
STORY_FEATURES = "story"
# Stored reports read per batch when they must be encoded again.
_REENCODE_BATCH = 512


@dataclass(kw_only=True)
class Placement:
    copies: int = 0
    stories: list[str] = field(default_factory=list)


def place_reports(
    store: SqliteStore, reports: Sequence[Report], analyses: Mapping[str, Any], config: Config, progress: Callable[[str, int, int | None], None]
) -> Placement:
    """Give every report a story (and a `copy_of` when it is a syndicated copy)."""
    copy_index = CopyIndex(CopyOptions(**config.copies))
    clusterer = StoryClusterer(StoryOptions(**config.stories))
    encoder = choose_encoder(config.encode.stories, config.encode.threads)
    for report_id, data in store.iter_features(COPY_FEATURES):
        copy_index.add_signature(report_id, data["signature"], data.get("published", ""))
    for report_id, story_id, features in _stored_story_features(store, encoder):
        clusterer.restore(report_id, story_id, features)
    known_splits = set(store.iter_splits())
    for pair in known_splits:
        clusterer.keep_apart(*pair)
    members: dict[str, list[Report]] = {}
    lookup: dict[str, Report] = {}
    result = Placement()
    meanings = encode_reports(reports, encoder) if encoder is not None else {}
    progress("encode", len(reports), len(reports))
    for done, report in enumerate(reports, start=1):
        signature = copy_index.signature(report.body)
        original = copy_index.add(report.id, report.body, report.published)
        if original:
            report = _with_copy(report, original)
            result.copies += 1
        document = StoryDocument(
            id=report.id,
            title=report.title,
            text=report.body,
            published=report.published,
            source=report.source,
            entities=_entity_names(analyses.get(report.id)),
            meaning=meanings.get(report.id),
            meaning_id=encoder.encoder_id if encoder is not None else "",
        )
        features = clusterer.features(document)
        story_id = clusterer.add(document)
        if story_id not in members:
            existing = store.get_reports(store.story_report_ids(story_id))
            members[story_id] = existing
            lookup.update({r.id: r for r in existing})
        members[story_id].append(report)
        lookup[report.id] = report
        if original and original not in lookup:
            lookup.update({r.id: r for r in store.get_reports([original])})
        story = story_record(story_id, clusterer.headline(story_id), members[story_id], lookup)
        store.place_report(
            report.id,
            story,
            copy_of=original,
            features={
                COPY_FEATURES: {"signature": signature, "published": report.published},
                STORY_FEATURES: {"story": story_id, "features": features},
            },
        )
        if story_id not in result.stories:
            result.stories.append(story_id)
        progress("stories", done, len(reports))
    _apply_refinement(store, clusterer, result)
    for pair in clusterer.separated():
        if pair not in known_splits:
            store.add_split(*pair)
    for earlier, later in clusterer.thread_links():
        store.add_thread(earlier, later)
    return result


def _stored_story_features(store: SqliteStore, encoder: TextEncoder | None) -> list[tuple[str, str, dict[str, Any]]]:
    """(report id, story id, features) of every placed report, in placement order.

    Reports placed without a meaning vector, or with one of another encoder, are encoded
    now and their features saved again, so a change of encoder re-encodes once.
    """
    stored = [(report_id, data["story"], dict(data["features"])) for report_id, data in store.iter_features(STORY_FEATURES)]
    if encoder is None:
        return stored
    stale = [report_id for report_id, _, features in stored if features.get("meaning_id") != encoder.encoder_id]
    if not stale:
        return stored
    fresh: dict[str, dict[str, Any]] = {}
    for start in range(0, len(stale), _REENCODE_BATCH):
        reports = store.get_reports(stale[start : start + _REENCODE_BATCH])
        for report_id, vector in encode_reports(reports, encoder).items():
            fresh[report_id] = {"meaning": encode_vector(vector), "meaning_id": encoder.encoder_id}
    updated = []
    for report_id, story_id, features in stored:
        if report_id in fresh:
            features.update(fresh[report_id])
            store.put_features(report_id, STORY_FEATURES, {"story": story_id, "features": features})
        updated.append((report_id, story_id, features))
    return updated


def _apply_refinement(store: SqliteStore, clusterer: StoryClusterer, result: Placement) -> None:
    """Let the clusterer fold early stray reports into stories that have grown, and store the moves."""
    moved = clusterer.refine()
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
    from dataclasses import replace

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
