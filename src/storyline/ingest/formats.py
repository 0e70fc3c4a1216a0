"""Which reader a file needs, decided by its content first and its name second."""

from __future__ import annotations

import gzip
import zlib
from enum import Enum

from storyline.errors import Reason, RejectedInput

GZIP_MAGIC = b"\x1f\x8b"


class Format(str, Enum):
    TEXT = "text"
    JSONL = "jsonl"
    HTML = "html"
    FEED = "feed"
    WARC = "warc"


_BY_SUFFIX = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSONL,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
    ".warc": Format.WARC,
}


def gunzip(data: bytes, origin: str) -> bytes:
    """Decompress gzip bytes; a truncated or damaged stream is a typed rejection."""
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise RejectedInput(origin, Reason.TRUNCATED, f"damaged or truncated gzip data ({exc})") from None


def gunzip_limited(data: bytes, max_bytes: int, origin: str) -> bytes:
    """Decompress gzip data, refusing damaged or truncated data and output past `max_bytes`
    (a small download can inflate hugely)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        output = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise RejectedInput(origin, Reason.TRUNCATED, f"damaged gzip data ({exc})") from None
    if len(output) > max_bytes:
        raise RejectedInput(origin, Reason.TOO_LARGE, f"gzip data inflates past the {max_bytes:,}-byte limit")
    if not inflater.eof:
        raise RejectedInput(origin, Reason.TRUNCATED, "truncated gzip data (the stream ends early)")
    return output


def strip_compression_suffix(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def detect_format(data: bytes, name: str) -> Format:
    """Sniff the first bytes; fall back on the file name; plain text when nothing else fits."""
    if data.startswith(GZIP_MAGIC) and name.lower().endswith((".warc.gz", ".arc.gz")):
        return Format.WARC
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return Format.WARC
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")) and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head):
        return Format.FEED
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return Format.HTML
    if head.startswith(b"{") and name.lower().split(".")[-1] in ("jsonl", "ndjson", "json", "gz"):
        return Format.JSONL
    suffix = "." + name.lower().rsplit(".", 1)[-1] if "." in name else ""
    by_name = _BY_SUFFIX.get(suffix, Format.TEXT)
    if by_name is Format.JSONL and not head.startswith(b"{"):
        return Format.TEXT
    return by_name
