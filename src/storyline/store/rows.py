"""How records become rows and back, and the filters of story and event queries: the same for every backend.

Both stores keep a report in the same columns (list-valued fields as JSON text), stage
failures as features of kind "failure:<stage>", and bound a search the same way, so what one
backend stores the other reads alike and a query refused by one is refused by both. The
filters are written once, with the dialect's placeholder ("?" or "%s") passed in.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from storyline.errors import QueryTooLarge
from storyline.models import Report, Story, from_dict, to_dict
from storyline.store.protocol import MAX_QUERY_CHARS, MAX_QUERY_WORDS, EventQuery

JSON_FIELDS = ("credits", "cited_outlets", "furniture")
REPORT_COLUMNS = (
    "id", "source", "source_domain", "url", "title", "byline", "published", "dateline", "language",
    "body", "credits", "cited_outlets", "furniture", "copy_of", "origin", "fetched",
)
# Stage failures live beside the other per-report features, as kind "failure:<stage>".
FAILURE_KIND = "failure:"
_SEARCH_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


class NamedRow(Protocol):
    """A row read by column name: sqlite3.Row, or psycopg's dict rows."""

    def __getitem__(self, key: str, /) -> Any: ...


def report_row(report: Report) -> list[Any]:
    """The report's values in `REPORT_COLUMNS` order."""
    data = to_dict(report)
    return [json.dumps(data[name]) if name in JSON_FIELDS else data[name] for name in REPORT_COLUMNS]


def report_from_row(row: NamedRow) -> Report:
    """A report from a row holding (at least) `REPORT_COLUMNS` by name."""
    data = {name: row[name] for name in REPORT_COLUMNS}
    for name in JSON_FIELDS:
        data[name] = json.loads(data[name])
    return from_dict(Report, data)


def search_words(text: str) -> list[str]:
    """The words of a search, punctuation dropped; `QueryTooLarge` past MAX_QUERY_CHARS or MAX_QUERY_WORDS."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"search query of {len(text):,} characters; the limit is {MAX_QUERY_CHARS:,}")
    words: list[str] = _SEARCH_WORD.findall(text)
    if len(words) > MAX_QUERY_WORDS:
        raise QueryTooLarge(f"search query of {len(words):,} words; the limit is {MAX_QUERY_WORDS}")
    return words


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching what starts with `prefix`, its wildcards taken literally (escape: backslash)."""
    return like_escape(prefix) + "%"


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards and the backslash escaped, to match it literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def story_from_row(row: NamedRow, report_ids: list[str], threads: list[tuple[str, str]]) -> Story:
    """A story from its row in `stories`, its reports (oldest first) and its (earlier, later) thread links."""
    story_id = row["id"]
    return Story(
        id=story_id,
        headline=row["headline"],
        reports=tuple(report_ids),
        sources=tuple(json.loads(row["sources"])),
        independent_sources=tuple(json.loads(row["independent_sources"])),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        thread_previous=tuple(earlier for earlier, later in threads if later == story_id),
        thread_next=tuple(later for earlier, later in threads if earlier == story_id),
    )


def story_row(story: Story) -> tuple[Any, ...]:
    """(id, headline, first_seen, last_seen, report_count, source_count, independent_count, sources, independent_sources)."""
    return (
        story.id, story.headline, story.first_seen, story.last_seen, len(story.reports), len(story.sources),
        len(story.independent_sources), json.dumps(list(story.sources)), json.dumps(list(story.independent_sources)),
    )


def story_filter(mark: str, *, source: str, since: str, until: str, entity: str, ids: list[str] | None) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") of `list_stories` and its arguments, `mark` being the dialect's placeholder."""
    clauses: list[str] = []
    args: list[Any] = []
    if source:
        clauses.append(f"id IN (SELECT sr.story_id FROM story_reports sr JOIN reports r ON r.id = sr.report_id WHERE r.source = {mark})")
        args.append(source)
    if since:
        clauses.append(f"last_seen >= {mark}")
        args.append(since)
    if until:
        clauses.append(f"first_seen <= {mark}")
        args.append(until)
    if entity:
        clauses.append(f"id IN (SELECT story_id FROM story_entities WHERE entity_id = {mark} OR name = {mark})")
        args.extend([entity, entity])
    if ids is not None:
        clauses.append(f"id IN ({','.join(mark for _ in ids) or 'NULL'})")
        args.extend(ids)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def event_conditions(query: EventQuery, mark: str) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its arguments for an event query, `mark` being the dialect's placeholder."""
    clauses: list[str] = []
    args: list[Any] = []
    for column, value in (("actor1_country", query.actor), ("actor2_country", query.target), ("story_id", query.story),
                          ("plover", query.plover)):
        if value:
            clauses.append(f"{column} = {mark}")
            args.append(value)
    if query.party:
        clauses.append(f"(actor1_country = {mark} OR actor2_country = {mark})")
        args.extend([query.party, query.party])
    if query.dyad is not None:
        first, second = query.dyad
        clauses.append(f"((actor1_country = {mark} AND actor2_country = {mark}) OR (actor1_country = {mark} AND actor2_country = {mark}))")
        args.extend([first, second, second, first])
    if query.cameo:
        clauses.append(f"cameo LIKE {mark}")
        args.append(query.cameo + "%")
    # A partial date ("2018-06") is kept when the period it names can reach `since`; a date
    # without a year ("????-06-22") and undated events are left out of any date range.
    dated = "substr(date, 1, 1) BETWEEN '0' AND '9'"
    if query.since:
        clauses.append(f"{dated} AND date >= substr({mark}, 1, length(date))")
        args.append(query.since)
    if query.until:
        clauses.append(f"{dated} AND substr(date, 1, length({mark})) <= {mark}")
        args.extend([query.until, query.until])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args
