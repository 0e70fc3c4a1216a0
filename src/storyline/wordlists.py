"""Word lists and pattern files of storyline/data: one reader for every lexicon.

Heuristics are data: each file is plain text, one entry a line (tab-separated columns
where an entry has several), and blank lines and lines starting with `#` are skipped, so
a reviewer can change a verb, a capital or a pattern without touching code. Every lexicon
(analysis, alignment, events, furniture, page boilerplate, outlets) reads through here.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_text(name: str, path: str | Path | None = None) -> str:
    """The text of the packaged data file `name`, or of `path` when one is given instead."""
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    return (files("storyline") / "data" / name).read_text(encoding="utf-8")


def numbered_entries(name: str, path: str | Path | None = None) -> list[tuple[int, str]]:
    """(line number, line) of each entry: comments and blank lines skipped, the rest as written."""
    lines = data_text(name, path).splitlines()
    return [(number, line) for number, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]


def entries(name: str) -> list[str]:
    """The entry lines of data file `name`, as written."""
    return [line for _, line in numbered_entries(name)]


def words(name: str) -> frozenset[str]:
    """The entries of a one-word-a-line list, trimmed and lowercase."""
    return frozenset(line.strip().lower() for line in entries(name))
