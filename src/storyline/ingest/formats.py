"""Which reader a file needs, decided by its content first and its name second."""

from __future__ import annotations

from enum import Enum

from storyline.decoding import GZIP_MAGIC


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
