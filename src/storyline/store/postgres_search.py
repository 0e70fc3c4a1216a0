"""Full-text search in the PostgreSQL store, shaped like the SQLite store's FTS5 search.

The same words are searched (`search_words`, with the same bounds); every word must match,
and when no report has them all, any word does. Reports are ranked by ts_rank with titles
weighing four times bodies (SQLite's BM25 weights are 4 and 1) and short reports more, and the page's snippets
come from ts_headline: about 16 words of the body, matches in [brackets], " … " where the
body goes on, as SQLite's snippet() gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.store.rows import search_words

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import DictRow

# ts_rank weights of D, C, B (body) and A (title): the title 4 x the body, as in SQLite's bm25(4.0, 1.0).
_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"
# Rank divided by 1 + log(words in the report): a match in a short report counts more, as BM25 has it.
_NORMALIZATION = 1
_HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=8, ShortWord=0, HighlightAll=false, MaxFragments=1"
_ELLIPSIS = " … "
_WORD = re.compile(r"\w")


@dataclass(frozen=True, kw_only=True)
class FoundReport:
    """One search hit before its report is read: its id, score, snippet and story."""

    report_id: str
    score: float
    snippet: str
    story: str


def search_reports(db: psycopg.Connection[DictRow], query: str, *, limit: int, offset: int) -> list[FoundReport]:
    """A page of hits, best first; all words first, any word when no report has them all."""
    words = search_words(query)
    if not words:
        return []
    every = "plainto_tsquery('english', %s)"
    found = _page(db, every, [" ".join(words)], limit, offset)
    if not found and len(words) > 1:
        any_word = " || ".join("plainto_tsquery('english', %s)" for _ in words)
        found = _page(db, any_word, words, limit, offset)
    return found


def _page(db: psycopg.Connection[DictRow], tsquery: str, words: list[str], limit: int, offset: int) -> list[FoundReport]:
    """Rank first, then build snippets and joins for the returned page only (snippets cost far more)."""
    ranked = db.execute(
        f"SELECT seq, ts_rank(%s::real[], search, q, {_NORMALIZATION}) AS score FROM reports, {tsquery} AS q WHERE search @@ q"
        " ORDER BY score DESC, seq LIMIT %s OFFSET %s",
        [_WEIGHTS, *words, limit, offset],
    ).fetchall()
    if not ranked:
        return []
    details = {
        row["seq"]: row
        for row in db.execute(
            f"SELECT r.seq, r.id, r.body, ts_headline('english', r.body, q, %s) AS snippet, sr.story_id AS story"
            f" FROM reports r LEFT JOIN story_reports sr ON sr.report_id = r.id, {tsquery} AS q WHERE r.seq = ANY(%s)",
            [_HEADLINE, *words, [row["seq"] for row in ranked]],
        )
    }
    return [
        FoundReport(report_id=details[row["seq"]]["id"], score=float(row["score"]),
                    snippet=_with_ellipses(details[row["seq"]]["snippet"], details[row["seq"]]["body"]),
                    story=details[row["seq"]]["story"] or "")
        for row in ranked
        if row["seq"] in details
    ]


def _with_ellipses(snippet: str, body: str) -> str:
    """" … " before and after the snippet where the body goes on beyond it, as SQLite's snippet() marks it."""
    plain = snippet.replace("[", "").replace("]", "").strip()
    if not plain:
        return snippet
    start = body.find(plain)
    if start < 0:
        return snippet.strip()
    before, after = body[:start].strip(), body[start + len(plain):].strip()
    # ts_headline leaves out punctuation around the words it keeps: put it back where nothing else follows.
    head = _ELLIPSIS if _WORD.search(before) else before
    tail = _ELLIPSIS if _WORD.search(after) else after
    return head + snippet.strip() + tail
