"""Bytes of a saved web page to text: gzip, size limit, binary refusal, charset sniffing.

Pages arrive without HTTP headers (files, WARC payloads, feeds), so the charset comes from
the byte-order mark or the page's own <meta> declaration, checked against the bytes:
sites often declare ISO-8859-1 and serve UTF-8, or declare nothing and serve cp1252.
"""

from __future__ import annotations

import codecs
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
# Bytes searched for a <meta charset> declaration. The HTML standard's prescan looks at
# 1,024 bytes; real pages put long scripts and styles first, so look further.
CHARSET_SNIFF_BYTES = 16_384
# Bytes looked at for NUL and control characters when deciding that data is binary.
BINARY_SNIFF_BYTES = 8_192
# Share of C0 control characters (other than tab, newline, CR, form feed) above which the
# data is binary rather than markup; real pages have essentially none.
MAX_CONTROL_SHARE = 0.01
# Characters of decoded text searched for an HTML tag before calling it "not HTML".
MARKUP_SNIFF_CHARS = 65_536

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|h[1-6])\b", re.IGNORECASE)
# Single-byte Western labels decode any byte string, so they are only trusted when the
# bytes are not valid UTF-8. The WHATWG standard reads all of them as windows-1252.
_WESTERN = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252", "iso8859_15"})


class DecodeError(ValueError):
    """The bytes cannot be read as a page; `reason` says why ("too-large" or "not-html")."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def gunzip_limited(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing output past `max_bytes` (a small file can inflate hugely)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        output = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise DecodeError("not-html", f"corrupt gzip data: {exc}") from None
    if len(output) > max_bytes:
        raise DecodeError("too-large", f"page inflates past the {max_bytes:,}-byte limit")
    return output


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text: NUL bytes or a share of control characters."""
    head = data[:BINARY_SNIFF_BYTES]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > MAX_CONTROL_SHARE


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
    """Page bytes (maybe gzip) to text; raise `DecodeError` for oversized or binary data."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise DecodeError("too-large", f"page is longer than the {max_bytes:,}-character limit")
        return _require_markup(data)
    if len(data) > max_bytes:
        raise DecodeError("too-large", f"page is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if data.startswith(GZIP_MAGIC):
        data = gunzip_limited(data, max_bytes)
    if looks_binary(data):
        raise DecodeError("not-html", "binary data, not an HTML page")
    return _require_markup(_decode_text(data))


def _decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
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
        raise DecodeError("not-html", "no HTML markup found")
    return text
