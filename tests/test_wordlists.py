"""One reader for every word list and pattern file: comments and blank lines skipped, entries kept as written."""

from __future__ import annotations

from pathlib import Path

from storyline.wordlists import entries, numbered_entries, words


def test_a_given_file_is_read_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "patterns.tsv"
    path.write_text("# category<TAB>regex\n\ncaption\t^Photo:\n  \n#skip\nshare\t^Share\n", encoding="utf-8")
    assert numbered_entries("ignored.tsv", path) == [(3, "caption\t^Photo:"), (6, "share\t^Share")]


def test_packaged_lists_are_read_without_comments() -> None:
    verbs = entries("reporting_verbs.txt")
    assert verbs and not any(line.startswith("#") or not line.strip() for line in verbs)
    assert "said" in words("reporting_verbs.txt") or "say" in words("reporting_verbs.txt")
