"""Reading inputs: files and folders (recursively), in every format storyline knows.

`read_paths` yields one `RawDocument` per report found, or a `Rejection` for an input that
cannot be read. It never raises for a bad document, so one broken file never stops a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.config import IngestOptions
from storyline.decoding import GZIP_MAGIC, gunzip_limited
from storyline.errors import Reason, RejectedInput
from storyline.ingest.formats import Format, detect_format, strip_compression_suffix
from storyline.ingest.jsonl import read_jsonl
from storyline.ingest.text import read_text
from storyline.models import RawDocument, Rejection

log = logging.getLogger(__name__)

# Largest single input read into memory (as stored, and once decompressed) when no
# options say otherwise; larger ones are refused, not truncated. `ingest.max_file_bytes`.
MAX_FILE_BYTES = IngestOptions().max_file_bytes

Reader = Callable[[bytes, str], Iterable[RawDocument | Rejection]]


def _read_html(data: bytes, origin: str) -> Iterable[RawDocument | Rejection]:
    from storyline.ingest.html import read_html

    return read_html(data, origin)


def _read_feed(data: bytes, origin: str) -> Iterable[RawDocument | Rejection]:
    from storyline.ingest.feed import read_feed_file

    return read_feed_file(data, origin)


def _read_warc(data: bytes, origin: str) -> Iterable[RawDocument | Rejection]:
    from storyline.ingest.warc import read_warc

    return read_warc(data, origin)


READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.JSONL: read_jsonl,
    Format.HTML: _read_html,
    Format.FEED: _read_feed,
    Format.WARC: _read_warc,
}


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Rejection]:
    """Expand folders recursively (sorted, hidden entries skipped); a missing path is a rejection."""
    for path in paths:
        if not path.exists():
            yield Rejection(path=str(path), reason=Reason.NOT_FOUND.value, message="no such file or folder")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Iterator[RawDocument | Rejection]:
    """Read one file with the reader its content calls for; files over `max_bytes` are refused."""
    origin = str(path)
    try:
        try:
            if not path.is_file():
                # A named pipe or device would block the read, or never end.
                raise RejectedInput(origin, Reason.UNREADABLE, "not a regular file (a pipe, socket or device)")
            size = path.stat().st_size
            if size > max_bytes:
                raise RejectedInput(origin, Reason.TOO_LARGE, f"{size:,} bytes is over the {max_bytes:,}-byte limit (ingest.max_file_bytes)")
            data = path.read_bytes()
        except OSError as exc:
            raise RejectedInput(origin, Reason.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
        yield from read_bytes(data, path.name, origin, max_bytes)
    except RejectedInput as exc:
        yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)


def read_bytes(data: bytes, name: str, origin: str, max_bytes: int = MAX_FILE_BYTES) -> Iterator[RawDocument | Rejection]:
    """Read the bytes of one input whose file name is `name`; compressed data may inflate to `max_bytes`."""
    try:
        if data.startswith(GZIP_MAGIC) and not name.lower().endswith((".warc.gz", ".arc.gz")):
            # Compressed web archives go to the WARC reader as they are: it reads record by
            # record and keeps the records before a truncation.
            data = gunzip_limited(data, max_bytes, origin)
            name = strip_compression_suffix(name)
        fmt = detect_format(data, name)
        yield from READERS[fmt](data, origin)
    except RejectedInput as exc:
        yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)


def read_paths(paths: Iterable[Path], options: IngestOptions | None = None) -> Iterator[RawDocument | Rejection]:
    """Every document in the given files and folders, in a stable order, within `options`' byte limit."""
    max_bytes = (options or IngestOptions()).max_file_bytes
    for item in iter_files(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_file(item, max_bytes)
