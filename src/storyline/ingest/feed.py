"""RSS, Atom and RDF feeds: each entry becomes a report.

An entry that carries its full text (content:encoded, Atom content, or a long description)
is used as it is; an entry that only links to its article gets the page fetched and
extracted. `parse_feed` and `entry_documents` are separate so `storyline watch` can skip
the entries it has already seen before fetching anything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import feedparser

from storyline.config import IngestOptions
from storyline.errors import Reason, RejectedInput
from storyline.ingest.fetch import Fetcher
from storyline.ingest.html import read_html
from storyline.models import RawDocument, Rejection

log = logging.getLogger(__name__)

# Words an entry's own text needs to count as the full article rather than a teaser that
# calls for fetching the page. Teasers in news feeds run 20-60 words; articles run 250+.
MIN_FULL_CONTENT_WORDS = 150
# feedparser flags these on perfectly readable feeds (a charset header that disagrees with
# the XML declaration, a text/html content type); they are not damage.
_BENIGN_PROBLEMS = ("CharacterEncodingOverride", "NonXMLContentType")
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
    "article", "section", "header", "footer", "figure", "figcaption", "pre", "hr", "dd", "dt",
})
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    """One item of a feed, as the feed describes it."""

    id: str
    title: str = ""
    link: str = ""
    published: str = ""
    author: str = ""
    content: str = ""
    summary: str = ""
    language: str = ""


@dataclass(frozen=True, kw_only=True)
class Feed:
    """A parsed feed; `problem` is set when the XML broke off after the entries kept."""

    title: str = ""
    link: str = ""
    language: str = ""
    entries: tuple[FeedEntry, ...] = ()
    problem: Rejection | None = None


def parse_feed(data: bytes, origin: str) -> Feed:
    """Parse feed bytes; raise `RejectedInput` (bad-feed) when they are not a feed at all."""
    # A stream, never bytes or str: given a string that looks like a URL, feedparser fetches it.
    parsed: Any = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    damaged = problem is not None and type(problem).__name__ not in _BENIGN_PROBLEMS
    if not parsed.get("version") and (damaged or not parsed.entries):
        detail = f" ({_first_line(problem)})" if problem is not None else ""
        raise RejectedInput(origin, Reason.BAD_FEED, f"not an RSS, Atom or RDF feed{detail}")
    channel = parsed.feed
    language = str(channel.get("language", "") or "")
    entries = tuple(_entry(item, language) for item in parsed.entries)
    rejection = None
    if damaged:
        rejection = Rejection(
            path=origin, reason=Reason.BAD_FEED.value,
            message=f"malformed feed XML ({_first_line(problem)}); kept the {len(entries)} entries before it",
        )
    return Feed(
        title=str(channel.get("title", "") or ""),
        link=str(channel.get("link", "") or ""),
        language=language,
        entries=entries,
        problem=rejection,
    )


def read_feed(data: bytes, origin: str, fetcher: Fetcher | None = None) -> Iterator[RawDocument | Rejection]:
    """Every entry of the feed as a document; linked pages are fetched when `fetcher` is given."""
    try:
        feed = parse_feed(data, origin)
    except RejectedInput as exc:
        yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)
        return
    for entry in feed.entries:
        yield from entry_documents(entry, origin, fetcher)
    if feed.problem is not None:
        yield feed.problem
    elif not feed.entries:
        yield Rejection(path=origin, reason=Reason.EMPTY.value, message="the feed has no entries")


def read_feed_file(data: bytes, origin: str, options: IngestOptions | None = None) -> Iterator[RawDocument | Rejection]:
    """A saved feed: entries with their full text are used, the others' pages fetched."""
    with Fetcher(options) as fetcher:
        yield from read_feed(data, origin, fetcher)


def entry_documents(entry: FeedEntry, feed_origin: str, fetcher: Fetcher | None) -> list[RawDocument | Rejection]:
    """The document for one entry: its own full text, else its fetched page, else its summary."""
    origin = entry.link or f"{feed_origin}#{entry.id}"
    own_text = fragment_text(entry.content) if entry.content else ""
    if _word_count(own_text) < MIN_FULL_CONTENT_WORDS:
        summary = fragment_text(entry.summary) if entry.summary else ""
        own_text = max(own_text, summary, key=_word_count)
    if _word_count(own_text) >= MIN_FULL_CONTENT_WORDS or (own_text and not (entry.link and fetcher)):
        return [_document(entry, origin, own_text)]
    if entry.link and fetcher is not None:
        return _fetched_documents(entry, fetcher)
    why = "no link" if not entry.link else "its page is not fetched when reading offline"
    return [Rejection(path=origin, reason=Reason.EMPTY.value, message=f"feed entry has no text, and {why}")]


def _fetched_documents(entry: FeedEntry, fetcher: Fetcher) -> list[RawDocument | Rejection]:
    try:
        resource = fetcher.fetch(entry.link)
    except RejectedInput as exc:
        return [Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)]
    results = read_html(resource.body, entry.link, url=resource.url, fetched=resource.fetched)
    return [_with_entry_metadata(item, entry) if isinstance(item, RawDocument) else item for item in results]


def _with_entry_metadata(document: RawDocument, entry: FeedEntry) -> RawDocument:
    """Fill what the page did not say from what the feed said about it."""
    return dataclasses.replace(
        document,
        title=document.title or entry.title,
        published=document.published or entry.published,
        byline=document.byline or entry.author,
        language=document.language or entry.language,
    )


def _document(entry: FeedEntry, origin: str, text: str) -> RawDocument:
    return RawDocument(
        origin=origin,
        text=text,
        title=entry.title,
        url=entry.link,
        published=entry.published,
        byline=entry.author,
        language=entry.language,
    )


def _entry(item: Any, feed_language: str) -> FeedEntry:
    link = str(item.get("link", "") or "")
    title = str(item.get("title", "") or "")
    contents = [c for c in item.get("content", []) or [] if c.get("value")]
    content = max((str(c["value"]) for c in contents), key=len, default="")
    summary = str(item.get("summary", "") or "")
    entry_id = str(item.get("id", "") or "") or link
    if not entry_id:
        entry_id = "sha1:" + hashlib.sha1(f"{title}\n{summary}\n{content}".encode()).hexdigest()
    detail = item.get("title_detail") or {}
    return FeedEntry(
        id=entry_id,
        title=fragment_text(title) if "html" in str(detail.get("type", "")) else title.strip(),
        link=link,
        published=_date(item),
        author=str(item.get("author", "") or ""),
        content=content,
        summary=summary,
        language=str(detail.get("language") or "") or feed_language,
    )


def _date(item: Any) -> str:
    """ISO 8601 (UTC) when feedparser understood the date, else the date as written."""
    for key in ("published", "updated", "created"):
        parsed = item.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
        if item.get(key):
            return str(item[key])
    return ""


class _TextCollector(HTMLParser):
    """Text of an HTML fragment with a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an entry's HTML (or text) content: one paragraph per block, blank-line separated."""
    if "<" not in fragment and "&" not in fragment:
        lines = fragment.splitlines()
    else:
        collector = _TextCollector()
        collector.feed(fragment)
        collector.close()
        lines = "".join(collector.parts).splitlines()
    paragraphs = [_SPACES.sub(" ", line).strip() for line in lines]
    return "\n\n".join(p for p in paragraphs if p)


def _word_count(text: str) -> int:
    return len(text.split())


def _first_line(exc: object) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
