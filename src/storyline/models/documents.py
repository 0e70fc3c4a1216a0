"""What a reader hands to cleaning: one document's text and whatever metadata the format carried."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.models.records import Report


@dataclass(frozen=True, kw_only=True)
class RawDocument:
    """A document as read, before furniture removal.

    `origin` says where it came from (a path, a path with a line number, a URL), so a
    rejection or an audit can point back to it. `furniture` holds lines a reader already
    removed (the HTML path removes them during extraction). `clean` is true when the text
    needs no furniture removal (a storyline export).
    """

    origin: str
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    source_domain: str = ""
    published: str = ""
    byline: str = ""
    language: str = ""
    fetched: str = ""
    furniture: tuple[str, ...] = ()
    report: Report | None = None
