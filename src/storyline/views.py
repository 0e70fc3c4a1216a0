"""What the adapters show, as plain JSON-ready dicts: one function per listing or page.

The CLI's `--json`, the REST API and the web pages all call these, so a story looks the same
everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import UsageError
from storyline.models import Report, Story, to_dict
from storyline.store.sqlite import SqliteStore


def story_summary(story: Story) -> dict[str, Any]:
    """A story as listed: counts, outlets and dates."""
    return {
        "id": story.id,
        "title": story.headline,
        "reports": len(story.reports),
        "sources": list(story.sources),
        "independent_sources": list(story.independent_sources),
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "thread_previous": list(story.thread_previous),
        "thread_next": list(story.thread_next),
    }


def report_summary(report: Report, story: str = "") -> dict[str, Any]:
    data = {
        "id": report.id,
        "source": report.source,
        "title": report.title,
        "url": report.url,
        "published": report.published,
        "copy_of": report.copy_of,
        "dateline": report.dateline,
    }
    if story:
        data["story"] = story
    return data


def list_stories(store: SqliteStore, **filters: Any) -> list[dict[str, Any]]:
    return [story_summary(s) for s in store.list_stories(**filters)]


def list_reports(store: SqliteStore, **filters: Any) -> list[dict[str, Any]]:
    return [report_summary(r, store.story_of(r.id)) for r in store.list_reports(**filters)]


def resolve_story_id(store: SqliteStore, ref: str) -> str:
    """Accept a story id, a unique id prefix, or a report id (its story)."""
    if store.get_story(ref):
        return ref
    rows = store.execute("SELECT id FROM stories WHERE id LIKE ? LIMIT 2", (ref + "%",))
    if len(rows) == 1:
        return str(rows[0][0])
    story = store.story_of(ref)
    if story:
        return story
    rows = store.execute("SELECT story_id FROM story_reports WHERE report_id LIKE ? LIMIT 2", (ref + "%",))
    if len(rows) == 1:
        return str(rows[0][0])
    raise UsageError(f"no story or report with id {ref!r} (see `storyline stories`)")


def story_detail(store: SqliteStore, ref: str) -> dict[str, Any]:
    """One story with its reports and everything corroboration found."""
    story_id = resolve_story_id(store, ref)
    story = store.get_story(story_id)
    assert story is not None
    reports = store.get_reports(story.reports)
    analysis = store.get_analysis(story_id)
    detail = story_summary(story)
    detail["reports"] = [report_summary(r) for r in reports]
    detail["report_count"] = len(reports)
    detail.update({"facts": [], "conflicts": [], "entities": [], "quotes": [], "events": [], "summary": []})
    if analysis is not None:
        detail["facts"] = [to_dict(f) for f in analysis.facts]
        detail["conflicts"] = [to_dict(f) for f in analysis.facts if f.status == "conflicting"]
        detail["entities"] = [to_dict(e) for e in analysis.entities]
        detail["quotes"] = [to_dict(q) for q in analysis.quotes]
        detail["events"] = [to_dict(e) for e in analysis.events]
        detail["summary"] = [to_dict(s) for s in analysis.summary]
    return detail


def search(store: SqliteStore, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    return [
        {**report_summary(hit.report, hit.story), "score": round(hit.score, 4), "snippet": hit.snippet}
        for hit in store.search(query, limit=limit, offset=offset)
    ]


def export_records(store: SqliteStore) -> Iterator[str]:
    """Every record as JSON lines: reports first (re-ingestible as they are), then stories and analyses."""
    for report in store.iter_reports():
        yield json.dumps({"record": "report", **to_dict(report)}, ensure_ascii=False)
    offset = 0
    while batch := store.list_stories(limit=500, offset=offset):
        for story in batch:
            yield json.dumps({"record": "story", **to_dict(story)}, ensure_ascii=False)
            analysis = store.get_analysis(story.id)
            if analysis is not None:
                yield json.dumps({"record": "analysis", **to_dict(analysis)}, ensure_ascii=False)
        offset += len(batch)
