"""URLs of pages and feeds, read the same way: fetch, then the reader the response calls for.

A page becomes one report; a feed becomes one report per entry, with linked pages fetched
through the same client (so the same limits, address checks and per-host delay apply).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from storyline.config import IngestOptions
from storyline.decoding import GZIP_MAGIC, gunzip_limited
from storyline.errors import RejectedInput
from storyline.ingest import read_bytes
from storyline.ingest.feed import read_feed
from storyline.ingest.fetch import FetchedResource, Fetcher
from storyline.ingest.formats import Format, detect_format, strip_compression_suffix
from storyline.ingest.html import read_html
from storyline.models import RawDocument, Rejection

log = logging.getLogger(__name__)

_FEED_TYPES = ("rss", "atom", "rdf", "xml")
_HTML_TYPES = ("html",)


def read_urls(urls: Iterable[str], options: IngestOptions | None = None) -> Iterator[RawDocument | Rejection]:
    """Every report behind the given page and feed URLs; a failing URL is a rejection, never an error."""
    with Fetcher(options) as fetcher:
        for url in urls:
            yield from read_url(url, fetcher)


def read_url(url: str, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """The reports behind one URL."""
    try:
        resource = fetcher.fetch(url)
    except RejectedInput as exc:
        yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)
        return
    yield from read_resource(resource, url, fetcher)


def read_resource(resource: FetchedResource, origin: str, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """The reports in a fetched response, read by its content first and its headers second."""
    try:
        data = resource.body
        name = urlsplit(resource.url).path.rsplit("/", 1)[-1]
        if data.startswith(GZIP_MAGIC):
            data = gunzip_limited(data, fetcher.options.max_file_bytes, origin)
            name = strip_compression_suffix(name)
        fmt = response_format(data, name, resource.content_type)
    except RejectedInput as exc:
        yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)
        return
    if fmt is Format.FEED:
        yield from read_feed(data, origin, fetcher)
    elif fmt is Format.HTML:
        yield from read_html(data, origin, url=resource.url, fetched=resource.fetched)
    else:
        for item in read_bytes(data, name, origin):
            if isinstance(item, RawDocument):
                item = dataclasses.replace(item, url=item.url or resource.url, fetched=item.fetched or resource.fetched)
            yield item


def response_format(data: bytes, name: str, content_type: str) -> Format:
    """Sniffed format; when the bytes say nothing (plain text), the Content-Type decides."""
    fmt = detect_format(data, name)
    if fmt is not Format.TEXT:
        return fmt
    media = content_type.split(";", 1)[0].strip().lower()
    if any(kind in media for kind in _HTML_TYPES):
        return Format.HTML
    if any(kind in media for kind in _FEED_TYPES):
        return Format.FEED
    return fmt


