"""Print the Markdown table of docs/reliability.md from the bad-input corpus: `python tests/bad_inputs_table.py`."""

from __future__ import annotations

from bad_inputs import CORPUS


def table() -> str:
    """One row per kind: its name, the reader it tests, the outcome and what storyline does."""
    rows = ["| kind | reader | outcome | what storyline does |", "|---|---|---|---|"]
    rows += [f"| `{case.kind}` | {case.reader} | `{case.outcome}` | {case.does} |" for case in CORPUS]
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
