"""Web archives (WARC, plain or gzip per record): every HTML response record is a report.

The record's WARC-Target-URI is the report's URL and its WARC-Date the fetched date. An
archive that breaks off (a download cut short) keeps every record before the break and
adds one "truncated" rejection saying where it broke.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from storyline.decoding import GZIP_MAGIC
from storyline.errors import Reason
from storyline.ingest.formats import Format, detect_format
from storyline.ingest.html import read_html
from storyline.models import RawDocument, Rejection

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml")
_RESPONSE_TYPES = ("response", "resource")
_CHUNK_BYTES = 1 << 16
# Largest decoded payload of one record, the page extractor's limit (clean.html.MAX_BYTES;
# readers do not import clean/). A record whose HTTP body is gzip can inflate far past its
# stored size, so the limit holds while reading.
MAX_PAYLOAD_BYTES = 20 * 1024 * 1024


class _PayloadTooLarge(Exception):
    """A record's decoded payload passes MAX_PAYLOAD_BYTES."""


def read_warc(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    """One document (or rejection) per HTML response record, then a rejection if the archive is cut short."""
    records = ArchiveIterator(io.BytesIO(data))
    html_records = 0
    try:
        for record in records:
            if record.rec_type is None or record.length is None:
                break  # a header cut off before its Content-Length
            uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
            try:
                payload = _html_payload(record) if record.rec_type in _RESPONSE_TYPES else None
            except _PayloadTooLarge:
                payload = None
                yield Rejection(
                    path=f"{origin}#{uri}" if uri else origin, reason=Reason.TOO_LARGE.value,
                    message=f"record payload passes the {MAX_PAYLOAD_BYTES:,}-byte limit once decoded",
                )
            if _cut_short(record):
                break
            if payload is None:
                continue
            html_records += 1
            fetched = str(record.rec_headers.get_header("WARC-Date") or "")
            yield from read_html(payload, f"{origin}#{uri}" if uri else origin, url=uri, fetched=fetched)
        else:
            if not _ends_cleanly(records, data):
                yield _truncated(origin, records.offset, html_records)
            elif not html_records:
                yield Rejection(path=origin, reason=Reason.EMPTY.value, message="no HTML response records in the archive")
            return
    except Exception as exc:  # warcio raises several types for damaged data; none may stop a batch
        log.debug("%s: WARC reading stopped", origin, exc_info=True)
        yield _truncated(origin, records.offset, html_records, detail=str(exc).splitlines()[0] if str(exc) else "")
        return
    yield _truncated(origin, records.get_record_offset(), html_records)


def _html_payload(record: Any) -> bytes | None:
    """The decoded HTTP body of a successful HTML response, else None."""
    http = record.http_headers
    if record.rec_type == "response":
        if http is None or not str(http.get_statuscode() or "").startswith("2"):
            return None
        content_type = str(http.get_header("Content-Type") or "").lower()
    else:
        content_type = str(record.rec_headers.get_header("Content-Type") or "").lower()
    payload: bytes = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise _PayloadTooLarge
    if content_type:
        return payload if any(kind in content_type for kind in _HTML_TYPES) else None
    return payload if detect_format(payload, "") is Format.HTML else None


def _cut_short(record: Any) -> bool:
    """Read the rest of the record; true when its block is shorter than its Content-Length says."""
    while record.raw_stream.read(_CHUNK_BYTES):
        pass
    return bool(getattr(record.raw_stream, "limit", 0))


def _ends_cleanly(records: ArchiveIterator, data: bytes) -> bool:
    """Whether reading stopped at the end of the data rather than at a damaged gzip member."""
    if not data.startswith(GZIP_MAGIC):
        return True
    return int(records.offset) >= len(data.rstrip(b"\r\n"))


def _truncated(origin: str, offset: int, kept: int, detail: str = "") -> Rejection:
    extra = f" ({detail})" if detail else ""
    return Rejection(
        path=origin,
        reason=Reason.TRUNCATED.value,
        message=f"WARC data ends or breaks at byte {offset:,}{extra}; kept the {kept} HTML records before it",
    )
