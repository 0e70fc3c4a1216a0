"""What the adapters show, as plain JSON-ready dicts: one function per listing or page.

The CLI's `--json`, the REST API and the web pages all call these, so a story looks the same
everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Iterator
from typing import Any

from storyline.countries import country_alpha2, country_alpha3, country_name
from storyline.errors import QueryTooLarge, UsageError
from storyline.events.lexicon import load_event_lexicon
from storyline.ids import ID_LENGTH
from storyline.models import Event, Report, Story, to_dict
from storyline.store.protocol import MAX_QUERY_CHARS, EntityCount, EventQuery, Store


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


def report_summary(report: Report, story: str | None = None) -> dict[str, Any]:
    """A report as listed; listings give its story ("" while it has none), a story's own report list does not."""
    data = {
        "id": report.id,
        "source": report.source,
        "title": report.title,
        "url": report.url,
        "published": report.published,
        "copy_of": report.copy_of,
        "dateline": report.dateline,
    }
    if story is not None:
        data["story"] = story
    return data


def list_stories(store: Store, **filters: Any) -> list[dict[str, Any]]:
    return [story_summary(s) for s in store.list_stories(**filters)]


def list_reports(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Reports newest first, each with its story and the stages that failed on it (usually none)."""
    reports = store.list_reports(**filters)
    failures = store.failures(r.id for r in reports)
    rows = []
    for report in reports:
        row = report_summary(report, store.story_of(report.id))
        row["failures"] = [to_dict(f) for f in failures.get(report.id, [])]
        rows.append(row)
    return rows


_ID_PREFIX = re.compile(f"[0-9a-f]{{1,{ID_LENGTH}}}")


def resolve_story_id(store: Store, ref: str) -> str:
    """Accept a story id, a unique id prefix, or a report id (its story)."""
    if store.get_story(ref):
        return ref
    # Only a short run of hex digits can be an id prefix: anything else is no id, and one too
    # long for a store to match well (a 100 KB path was a 500) is not looked up.
    prefix = _ID_PREFIX.fullmatch(ref) is not None
    found = store.story_ids_by_prefix(ref, limit=2) if prefix else []
    if len(found) == 1:
        return found[0]
    story = store.story_of(ref)
    if story:
        return story
    found = store.story_ids_by_report_prefix(ref, limit=2) if prefix else []
    if len(found) == 1:
        return found[0]
    raise UsageError(f"no story or report with id {ref[:80]!r} (see `storyline stories`)")


def story_detail(store: Store, ref: str) -> dict[str, Any]:
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


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    return [
        {**report_summary(hit.report, hit.story), "score": round(hit.score, 4), "snippet": hit.snippet}
        for hit in store.search(query, limit=limit, offset=offset)
    ]


def export_records(store: Store) -> Iterator[str]:
    """Every record as JSON lines: reports first (re-ingestible as they are), then stories and analyses."""
    for report in store.iter_reports():
        yield json.dumps({"record": "report", **to_dict(report)}, ensure_ascii=False)
    for story in store.iter_stories():
        yield json.dumps({"record": "story", **to_dict(story)}, ensure_ascii=False)
        analysis = store.get_analysis(story.id)
        if analysis is not None:
            yield json.dumps({"record": "analysis", **to_dict(analysis)}, ensure_ascii=False)


# Web and REST views: the pages and the API show the same dicts.

REPORTED = "reported"
NOT_REPORTED = "not-reported"
CONFLICTING = "conflicting"


def find_stories(store: Store, *, q: str = "", limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Stories as `list_stories`, optionally only those with a report matching the text query `q`."""
    if q.strip():
        hits = store.search(q, limit=SEARCH_STORY_POOL)
        filters["ids"] = list(dict.fromkeys(h.story for h in hits if h.story))
    return [story_summary(s) for s in store.list_stories(limit=limit, offset=offset, **filters)]


# How many best search hits a text filter on the story list looks at: enough for a page of
# stories, bounded so a common word cannot make the list scan the whole index.
SEARCH_STORY_POOL = 1000


def report_dates(store: Store, story_ids: list[str]) -> dict[str, list[str]]:
    """Publication dates of each story's reports (for sparklines)."""
    return store.report_dates(story_ids)


def facts_matrix(detail: dict[str, Any]) -> dict[str, Any]:
    """Facts × outlets from `story_detail`: each cell is reported, not-reported or conflicting
    (with the value given); rows of minor single-source facts are marked `folded`."""
    outlets = list(detail["sources"])
    originals = copied_from(detail.get("reports", []))
    rows = []
    for fact in detail["facts"]:
        given = {s: value["value"] for value in fact.get("conflicts", []) for s in value["sources"]}
        independent = list(fact.get("independent_sources", []))
        cells = []
        for outlet in outlets:
            if fact["status"] == "conflicting" and outlet in given:
                cells.append({"outlet": outlet, "state": CONFLICTING, "value": given[outlet], "copy_of": ""})
            elif outlet in fact["sources"]:
                copy_of = "" if outlet in independent else originals.get(outlet) or ", ".join(i for i in independent if i != outlet)
                cells.append({"outlet": outlet, "state": REPORTED, "value": "", "copy_of": copy_of})
            else:
                cells.append({"outlet": outlet, "state": NOT_REPORTED, "value": "", "copy_of": ""})
        rows.append({"id": fact["id"], "text": fact["text"], "status": fact["status"], "folded": bool(fact.get("folded")), "cells": cells})
    return {"outlets": outlets, "rows": rows}


def copied_from(reports: list[dict[str, Any]]) -> dict[str, str]:
    """Per outlet whose report in the story is a copy, the outlet of the original: a wire
    copy's cell on the story page says whose copy it is."""
    source_of = {r["id"]: r.get("source", "") for r in reports}
    return {r.get("source", ""): source_of.get(r["copy_of"], "") for r in reports if r.get("copy_of") and source_of.get(r["copy_of"])}


def report_detail(store: Store, report_id: str) -> dict[str, Any]:
    """One report in full: clean body, the furniture cleaning removed, credits and its story."""
    report = store.get_report(report_id)
    if report is None:
        raise UsageError(f"no report with id {report_id!r} (see `storyline search`)")
    return {**to_dict(report), "story": store.story_of(report.id)}


def list_entities(store: Store, *, limit: int = 50, offset: int = 0, q: str = "") -> list[dict[str, Any]]:
    """Entities by the number of stories that mention them."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"entity name filter of {len(q):,} characters; the limit is {MAX_QUERY_CHARS:,}")
    return [_entity_row(entity) for entity in store.list_entities(limit=limit, offset=offset, name=q)]


def entity_detail(store: Store, entity_id: str, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """An entity, the stories that mention it (ranked) and how many of them appeared per day."""
    entity = store.get_entity(entity_id)
    if entity is None:
        raise UsageError(f"no entity with id {entity_id!r}")
    detail = _entity_row(entity)
    detail["timeline"] = [{"date": day, "stories": stories} for day, stories in store.entity_timeline(entity_id)]
    detail["story_list"] = list_stories(store, entity=entity_id, limit=limit, offset=offset)
    return detail


def _entity_row(entity: EntityCount) -> dict[str, Any]:
    return {
        "id": entity.id, "name": entity.name, "kind": entity.kind, "country": entity.country,
        "stories": entity.stories, "mentions": entity.mentions,
    }


def list_outlets(store: Store, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Outlets by number of reports, with their first and last publication dates."""
    return [
        {"name": o.name, "reports": o.reports, "first_published": o.first_published, "last_published": o.last_published}
        for o in store.list_outlets(limit=limit, offset=offset)
    ]


# Stories whose analysis an outlet page reads to find the facts only that outlet reports.
OUTLET_ANALYSIS_STORIES = 200


def outlet_detail(store: Store, name: str, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """What an outlet covered, the facts it alone reported, and how often it was first in a story."""
    outlet = store.get_outlet(name)
    if outlet is None:
        raise UsageError(f"no outlet named {name!r} (see /api/outlets)")
    covered, first_in = store.outlet_firsts(name)
    stories = store.list_stories(source=name, limit=OUTLET_ANALYSIS_STORIES)
    alone: list[dict[str, Any]] = []
    for story in stories:
        analysis = store.get_analysis(story.id)
        for fact in analysis.facts if analysis else ():
            if fact.status == "single-source" and set(fact.sources) == {name}:
                alone.append({"story": story.id, "story_title": story.headline, "id": fact.id, "text": fact.text})
    return {
        "name": name,
        "reports": outlet.reports,
        "first_published": outlet.first_published,
        "last_published": outlet.last_published,
        "stories_covered": covered,
        "first_in_stories": first_in,
        "single_source_facts": alone,
        "story_list": list_stories(store, source=name, limit=limit, offset=offset),
    }


def full_reports(store: Store, report_ids: list[str]) -> list[dict[str, Any]]:
    """Reports in full (body, furniture, credits), in the order given."""
    return [to_dict(r) for r in store.get_reports(report_ids)]


# Coded events across stories: the CLI's `storyline events`, /api/events, /api/dyads and the
# events and actor pages all show these.

EVENT_PERIODS = ("day", "week", "month", "year")
# Characters of an ISO date a period needs: a date known only to the month cannot go in a week.
_PERIOD_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4}


def event_query(
    *, actor: str = "", target: str = "", kind: str = "", since: str = "", until: str = "", story: str = "",
    party: str = "", dyad: tuple[str, str] | None = None, limit: int = 100, offset: int = 0,
) -> EventQuery:
    """Check and convert user filters: countries as ISO alpha-3 or alpha-2, `kind` a PLOVER type
    (ACCUSE) or a CAMEO code prefix (112), dates ISO. Raises UsageError naming the bad value."""
    plover, cameo = _event_kind(kind)
    return EventQuery(
        actor=country_alpha2(actor) if actor else "",
        target=country_alpha2(target) if target else "",
        party=country_alpha2(party) if party else "",
        dyad=(country_alpha2(dyad[0]), country_alpha2(dyad[1])) if dyad else None,
        plover=plover, cameo=cameo,
        since=_iso_date(since, "since"), until=_iso_date(until, "until"),
        story=story, limit=limit, offset=offset,
    )


def find_events(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """Coded events across stories, as `story_detail` lists them; a story filter may be an id prefix."""
    if query.story:
        query = dataclasses.replace(query, story=resolve_story_id(store, query.story))
    return [to_dict(event) for event in store.query_events(query)]


def dyad_series(store: Store, first: str, second: str, *, by: str = "week", query: EventQuery | None = None) -> dict[str, Any]:
    """Events between two countries (either direction) per period, with their mean Goldstein score.

    Only events dated at least as precisely as the period are counted; the others are
    reported as `undated` (no date) and `imprecise` (a year for a weekly series).
    """
    if by not in EVENT_PERIODS:
        raise UsageError(f"--by must be one of {', '.join(EVENT_PERIODS)}, not {by!r}")
    pair = (country_alpha2(first), country_alpha2(second))
    base = query or EventQuery()
    found = store.query_events(dataclasses.replace(base, dyad=pair, limit=-1, offset=0))
    return {"dyad": [country_alpha3(c) for c in pair], "by": by, **event_series(found, by)}


def event_series(events: list[Event], by: str) -> dict[str, Any]:
    """{"series": [{"period", "events", "goldstein_mean"}], "undated", "imprecise"} of some events."""
    periods: dict[str, list[float]] = {}
    undated = imprecise = 0
    for event in events:
        if not event.date:
            undated += 1
            continue
        period = event_period(event.date, by)
        if period is None:
            imprecise += 1
            continue
        periods.setdefault(period, []).append(event.goldstein)
    series = [
        {"period": period, "events": len(scores), "goldstein_mean": round(sum(scores) / len(scores), 3)}
        for period, scores in sorted(periods.items())
    ]
    return {"series": series, "undated": undated, "imprecise": imprecise}


def event_period(date: str, by: str) -> str | None:
    """The period a date falls in ("2018-06-26" by week -> "2018-W26"); None when the date is too coarse."""
    if len(date) < _PERIOD_PRECISION[by] or not date[:4].isdigit():
        return None
    if by == "year":
        return date[:4]
    if by == "month":
        return date[:7]
    try:
        day = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return None
    if by == "day":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def actor_detail(store: Store, code: str, *, limit: int = 50, offset: int = 0, by: str = "month") -> dict[str, Any]:
    """A country as an actor: its events as source and as target, its dyads (busiest first) and
    all its events per period (`by`)."""
    country = country_alpha2(code)
    timeline = event_series(store.query_events(EventQuery(party=country, limit=-1)), by)
    dyads = [
        {"actor": country_alpha3(a), "target": country_alpha3(b), "events": n, "goldstein_mean": round(mean, 3)}
        for a, b, n, mean in store.event_dyads(EventQuery(party=country))
    ]
    return {
        "code": country_alpha3(country),
        "alpha2": country,
        "name": country_name(country),
        "as_source": find_events(store, EventQuery(actor=country, limit=limit, offset=offset)),
        "as_target": find_events(store, EventQuery(target=country, limit=limit, offset=offset)),
        "dyads": dyads,
        "by": by,
        "timeline": timeline["series"],
    }


def _event_kind(kind: str) -> tuple[str, str]:
    """(PLOVER type, CAMEO prefix) of a type filter."""
    cleaned = kind.strip().upper()
    if not cleaned:
        return "", ""
    if cleaned.isdigit():
        return "", cleaned
    known = sorted({t.plover for t in load_event_lexicon().plover.values() if t.plover})
    if cleaned not in known:
        raise UsageError(f"unknown event type {kind!r}; PLOVER types: {', '.join(known)} (or a CAMEO code such as 112)")
    return cleaned, ""


def _iso_date(value: str, name: str) -> str:
    """An ISO date (2018, 2018-06 or 2018-06-26) as given; UsageError otherwise."""
    value = value.strip()
    if not value:
        return ""
    padded = value + "-01-01"[len(value) - 4:] if len(value) in (4, 7) else value[:10]
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        raise UsageError(f"{name}: {value!r} is not an ISO date such as 2018-06-26 (or 2018-06, 2018)") from None
    return value
