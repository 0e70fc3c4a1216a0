"""Bytes to text: byte-order marks, UTF-8, the cp1252 of older sites, binary refusal, gzip within a limit.

Used by the readers (`storyline.ingest`) and by the page extractor (`storyline.clean.html`),
so it depends on neither.
"""

from __future__ import annotations

import codecs
import zlib

from storyline.errors import Reason, RejectedInput

GZIP_MAGIC = b"\x1f\x8b"

# Byte-order marks and the codec each one selects; UTF-32 marks before the UTF-16 ones they start with.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of C0 control characters (other than tab/newline/CR/formfeed) above which decoded
# "text" is treated as binary; real text has essentially none.
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_SNIFF = 8192


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding storyline reads."""
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and chr(b) not in _ALLOWED_CONTROLS)
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode text; raise `RejectedInput` naming `origin` when it is empty, binary or undecodable."""
    if not data.strip():
        raise RejectedInput(origin, Reason.EMPTY, "file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), origin)
            except UnicodeDecodeError as exc:
                raise RejectedInput(origin, Reason.UNDECODABLE, f"invalid {encoding}: {exc.reason}") from None
    if looks_binary(data):
        raise RejectedInput(origin, Reason.BINARY, "binary data, not text")
    try:
        return _checked(data.decode("utf-8"), origin)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _decode_lines(data)
    if mixed is not None:
        return _checked(mixed, origin)
    raise RejectedInput(
        origin,
        Reason.UNDECODABLE,
        f"not valid UTF-8 (byte {utf8_error.start}) and not cp1252 text",
    )


def _decode_lines(data: bytes) -> str | None:
    """Each line as UTF-8 where it is valid, else as cp1252: an all-cp1252 file, or one pasted
    together from a UTF-8 and a cp1252 source. None when a line is neither."""
    decoded: list[str] = []
    for line in data.split(b"\n"):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            if not _is_plausible_cp1252(line):
                return None
            decoded.append(line.decode("cp1252"))
    return "\n".join(decoded)


def _is_plausible_cp1252(data: bytes) -> bool:
    """cp1252 text: decodes, and its high bytes are mostly letters and typographic marks."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    plausible = sum(1 for ch in high if ch.isalpha() or ch in "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a3\u00a0\u00b0\u00a9\u00ae\u2122\u2022")
    return plausible / len(high) >= 0.9


def _checked(text: str, origin: str) -> str:
    if not text.strip():
        raise RejectedInput(origin, Reason.EMPTY, "no text after decoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def gunzip_limited(data: bytes, max_bytes: int, origin: str) -> bytes:
    """Decompress gzip data (every member), refusing damaged or truncated data and output past
    `max_bytes`: a small file can inflate a thousandfold, so the limit holds while inflating."""
    parts: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            output = inflater.decompress(rest, max_bytes - size + 1)
        except zlib.error as exc:
            raise RejectedInput(origin, Reason.TRUNCATED, f"damaged gzip data ({exc})") from None
        size += len(output)
        if size > max_bytes:
            raise RejectedInput(origin, Reason.TOO_LARGE, f"gzip data inflates past the {max_bytes:,}-byte limit")
        if not inflater.eof:
            raise RejectedInput(origin, Reason.TRUNCATED, "truncated gzip data (the stream ends early)")
        parts.append(output)
        rest = inflater.unused_data.lstrip(b"\x00")
    return b"".join(parts)
