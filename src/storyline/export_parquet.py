"""Parquet export: one file per record kind (reports, stories, facts, events) in a folder.

Columns follow the fields of `storyline.models`: text, numbers and lists of text keep their
types; nested records (support spans, conflicting values) are JSON text. Needs pyarrow
(`pip install pyarrow`, included in the `dev` extra); without it the export says so.
Written a story at a time into row groups, so memory stays bounded however large the store.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.errors import UsageError
from storyline.models import Event, Fact, Report, Story, to_dict
from storyline.store.protocol import Store

# Records per row group: large enough for columnar compression, small enough to keep memory flat.
ROW_GROUP = 5000
TABLES: dict[str, type[Any]] = {"reports": Report, "stories": Story, "facts": Fact, "events": Event}


def write_parquet(store: Store, folder: Path) -> dict[str, int]:
    """Write reports.parquet, stories.parquet, facts.parquet and events.parquet into `folder`; rows per file."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install pyarrow (or pip install -e '.[dev]')") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    sources: dict[str, Iterable[Any]] = {
        "reports": store.iter_reports(),
        "stories": store.iter_stories(),
        "facts": _analysis_records(store, "facts"),
        "events": _analysis_records(store, "events"),
    }
    return {name: _write_table(folder / f"{name}.parquet", TABLES[name], records) for name, records in sources.items()}


def _analysis_records(store: Store, kind: str) -> Iterator[Any]:
    for story in store.iter_stories():
        analysis = store.get_analysis(story.id)
        if analysis is not None:
            yield from getattr(analysis, kind)


def _write_table(path: Path, record_type: type[Any], records: Iterable[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = record_schema(record_type)
    written = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for record in records:
            batch.append(_row(record, schema))
            if len(batch) == ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


def record_schema(record_type: type[Any]) -> Any:
    """The Arrow schema of a models record: one column per field, in field order."""
    import pyarrow as pa

    hints = typing.get_type_hints(record_type)
    columns = []
    for item in dataclasses.fields(record_type):
        hint = hints[item.name]
        if hint is int:
            kind = pa.int64()
        elif hint is float:
            kind = pa.float64()
        elif hint is bool:
            kind = pa.bool_()
        elif typing.get_origin(hint) is tuple and typing.get_args(hint)[:1] == (str,):
            kind = pa.list_(pa.string())
        else:
            kind = pa.string()
        columns.append(pa.field(item.name, kind))
    return pa.schema(columns)


def _row(record: Any, schema: Any) -> dict[str, Any]:
    """A record as an Arrow row: nested records (spans, conflicting values) as JSON text."""
    import pyarrow as pa

    data = to_dict(record)
    for field in schema:
        value = data[field.name]
        if field.type == pa.string() and not isinstance(value, str):
            data[field.name] = json.dumps(value, ensure_ascii=False)
    return data
