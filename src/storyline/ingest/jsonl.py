"""JSON Lines: one report per line, with the field names common in news dumps.

Lines written by `storyline export` carry `"record": "report"` and are restored as they
were (no second cleaning), which is what makes an export round-trip.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

from storyline.decoding import decode_bytes
from storyline.errors import Reason, RejectedInput
from storyline.ids import ID_LENGTH
from storyline.models import RawDocument, Rejection, Report, from_dict

TEXT_FIELDS = ("text", "maintext", "body", "content", "article", "articleBody", "description")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url")
DATE_FIELDS = ("date_publish", "published", "date", "publish_date", "pubDate", "datePublished", "date_download")
SOURCE_FIELDS = ("source", "outlet", "publisher", "source_name", "site_name")
DOMAIN_FIELDS = ("source_domain", "domain")
# Export lines that are recomputed from reports on ingest, so reading them back stores nothing.
DERIVED_RECORDS = ("story", "analysis")
BYLINE_FIELDS = ("byline", "author", "authors")
# Report fields stored as lists of strings in an export line; every other field is a string.
_LIST_FIELDS = ("credits", "cited_outlets", "furniture")
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPORT_ID = re.compile(f"[0-9a-f]{{{ID_LENGTH}}}")


def read_jsonl(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    """Yield a document per line, or a rejection naming the line; blank lines are skipped."""
    text = decode_bytes(data, origin)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = _parse(line, where)
            if record.get("record") in DERIVED_RECORDS:
                continue
            yield document_from_record(record, where)
        except RejectedInput as exc:
            yield Rejection(path=exc.path, reason=exc.reason.value, message=exc.message)


def _parse(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RejectedInput(where, Reason.BAD_JSON, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise RejectedInput(where, Reason.BAD_JSON, "JSON nested too deeply to read") from None
    except ValueError as exc:  # a number of more digits than Python converts
        raise RejectedInput(where, Reason.BAD_JSON, f"invalid JSON value: {str(exc).split(';')[0]}") from None
    if not isinstance(record, dict):
        raise RejectedInput(where, Reason.BAD_RECORD, "line is not a JSON object")
    return {key: _without_lone_surrogates(value) for key, value in record.items()}


def _without_lone_surrogates(value: Any) -> Any:
    """Strings with a lone "\\ud800"-style escape (valid JSON, not valid text) get U+FFFD in its place."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_lone_surrogates(item) for key, item in value.items()}
    return value


def document_from_record(record: dict[str, Any], origin: str) -> RawDocument:
    """Map a dict with common news-dump field names to a `RawDocument`."""
    if record.get("record") == "report":
        report = restored_report(record, origin)
        return RawDocument(origin=origin, text=report.body, report=report)
    body = _first(record, TEXT_FIELDS)
    if not body.strip():
        raise RejectedInput(origin, Reason.EMPTY, f"no text in any of the fields {', '.join(TEXT_FIELDS[:3])}")
    return RawDocument(
        origin=origin,
        text=body,
        title=_first(record, TITLE_FIELDS),
        url=_first(record, URL_FIELDS),
        source=_first(record, SOURCE_FIELDS),
        source_domain=_first(record, DOMAIN_FIELDS),
        published=_first(record, DATE_FIELDS),
        byline=_first(record, BYLINE_FIELDS),
        language=_first(record, ("language", "lang")),
    )


def restored_report(record: dict[str, Any], origin: str) -> Report:
    """A report line written by `storyline export`, checked field by field before it is trusted.

    Such a line is stored as it is, id included, so a wrong type or a forged id (one that
    is not a content id, such as "../../api/health") is a typed rejection, not a crash or a
    broken link.
    """
    fields = {item.name: item for item in dataclasses.fields(Report)}
    for name, value in record.items():
        if name not in fields:
            continue
        if name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RejectedInput(origin, Reason.BAD_RECORD, f"report field {name!r} must be a list of strings, not {_kind(value)}")
        elif not isinstance(value, str):
            raise RejectedInput(origin, Reason.BAD_RECORD, f"report field {name!r} must be a string, not {_kind(value)}")
    for name in ("id", "body"):
        if not record.get(name, "").strip():
            raise RejectedInput(origin, Reason.BAD_RECORD, f"report line has no {name!r}")
    for name in ("id", "copy_of"):
        value = record.get(name, "")
        if value and not _REPORT_ID.fullmatch(value):
            raise RejectedInput(origin, Reason.BAD_RECORD, f"report field {name!r} is not a report id ({ID_LENGTH} hex digits): {value[:40]!r}")
    return from_dict(Report, record)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title") or ""
        if value not in (None, ""):
            return str(value)
    return ""
