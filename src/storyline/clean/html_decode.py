"""Bytes of a saved web page to text: gzip, size limit, binary refusal, charset sniffing.

Pages arrive without HTTP headers (files, WARC payloads, feeds), so the charset comes from
the byte-order mark or the page's own <meta> declaration, checked against the bytes:
sites often declare ISO-8859-1 and serve UTF-8, or declare nothing and serve cp1252.
"""

from __future__ import annotations

import codecs
import re

from storyline.decoding import BOMS, GZIP_MAGIC, gunzip_limited, looks_binary
from storyline.errors import NotHtmlError, Reason, RejectedInput

# Bytes searched for a <meta charset> declaration. The HTML standard's prescan looks at
# 1,024 bytes; real pages put long scripts and styles first, so look further.
CHARSET_SNIFF_BYTES = 16_384
# Characters of decoded text searched for an HTML tag before calling it "not HTML".
MARKUP_SNIFF_CHARS = 65_536

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|h[1-6])\b", re.IGNORECASE)
# Single-byte Western labels decode any byte string, so they are only trusted when the
# bytes are not valid UTF-8. The WHATWG standard reads all of them as windows-1252.
_WESTERN = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252", "iso8859_15"})


def declared_charset(data: bytes) -> str:
    """The Python codec named by the page's <meta> charset declaration, or ""."""
    match = _META_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if not match:
        return ""
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return ""


def decode_page(data: bytes | str, max_bytes: int) -> str:
    """Page bytes (maybe gzip) to text; raise `NotHtmlError` for oversized or binary data."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise NotHtmlError(f"page is longer than the {max_bytes:,}-character limit", Reason.TOO_LARGE)
        return _require_markup(data)
    if len(data) > max_bytes:
        raise NotHtmlError(f"page is {len(data):,} bytes, over the {max_bytes:,}-byte limit", Reason.TOO_LARGE)
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip_limited(data, max_bytes, "page")
        except RejectedInput as exc:
            raise NotHtmlError(exc.message, exc.reason) from None
    if looks_binary(data):
        raise NotHtmlError("binary data, not an HTML page")
    return _require_markup(_decode_text(data))


def _decode_text(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = declared_charset(data)
    if declared in _WESTERN:
        declared = ""
    for encoding in (declared, "utf_8"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    if declared:
        # A few broken bytes in a page that says what it is: trust the declaration.
        return data.decode(declared, errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them to the C1 controls.
        return data.decode("latin_1")


def _require_markup(text: str) -> str:
    if not _MARKUP.search(text[:MARKUP_SNIFF_CHARS]):
        raise NotHtmlError("no HTML markup found")
    return text
