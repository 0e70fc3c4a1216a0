"""`storyline show` in the terminal: minor facts are folded unless asked for."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from storyline.cli.render import print_story


def _detail() -> dict[str, Any]:
    fact = {"status": "single-source", "sources": ["Globe"], "conflicts": []}
    return {
        "id": "s1", "title": "Harbour fire", "report_count": 1, "sources": ["Globe"], "independent_sources": ["Globe"],
        "first_seen": "2024-03-04", "last_seen": "2024-03-04", "reports": [], "summary": [], "conflicts": [],
        "events": [], "quotes": [],
        "facts": [{**fact, "id": "f1", "text": "The harbour master resigned", "folded": False},
                  {**fact, "id": "f2", "text": "Gulls circled over the harbour", "folded": True}],
    }


def _printed(**options: bool) -> str:
    console = Console(record=True, width=200)
    print_story(console, _detail(), **options)
    return console.export_text()


def test_folded_facts_are_counted_not_listed() -> None:
    text = _printed()
    assert "The harbour master resigned" in text and "Gulls circled" not in text
    assert "1 more single-source fact, ranked as minor, is folded: --all-facts shows them" in text


def test_all_facts_lists_the_folded_ones_too() -> None:
    text = _printed(all_facts=True)
    assert "Gulls circled over the harbour" in text and "--all-facts" not in text
