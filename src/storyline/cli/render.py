"""Terminal rendering of a story for `storyline show`: reports, the facts matrix, conflicts, quotes."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

# Cell symbols of the facts matrix; each has a distinct shape so colour is never needed.
REPORTED = "●"
NOT_REPORTED = "·"
CONFLICTING = "✗"
STATUS_MARK = {"corroborated": "✔ corroborated", "single-source": "◐ single source", "conflicting": "✗ conflicting"}


def print_story(console: Console, detail: dict[str, Any], *, all_facts: bool = False) -> None:
    """Print one story as `views.story_detail` describes it; minor single-source facts
    (corroborate/salience.py) only with `all_facts`."""
    console.print(f"[bold]{detail['title']}[/]  (story {detail['id']})", highlight=False)
    console.print(
        f"{detail['report_count']} reports · {len(detail['sources'])} outlets · "
        f"{len(detail['independent_sources'])} independent sources · {detail['first_seen'][:10]} – {detail['last_seen'][:10]}",
        highlight=False,
    )
    reports = Table("report", "outlet", "published", "title", "copy of", title="Reports")
    for report in detail["reports"]:
        reports.add_row(report["id"], report["source"], report["published"][:16], report["title"][:60], report["copy_of"])
    console.print(reports)
    if detail["summary"]:
        console.print("[bold]Summary[/]")
        for sentence in detail["summary"]:
            console.print(f"  {sentence['text']} [dim]{', '.join(sentence['citations'])}[/]", highlight=False)
    if detail["facts"]:
        console.print(facts_matrix(detail, all_facts=all_facts))
        console.print(f"{REPORTED} reported   {NOT_REPORTED} not reported   {CONFLICTING} reports a conflicting value")
        folded = sum(1 for fact in detail["facts"] if fact.get("folded"))
        if folded and not all_facts:
            noun = "fact, ranked as minor, is" if folded == 1 else "facts, ranked as minor, are"
            console.print(f"{folded} more single-source {noun} folded: --all-facts shows them", highlight=False)
    for fact in detail["conflicts"]:
        console.print(f"[bold red]Conflict[/] {fact['text']}", highlight=False)
        for value in fact["conflicts"]:
            console.print(f"   {value['value']!r}: {', '.join(value['sources'])}", highlight=False)
    if detail["events"]:
        events = Table("who", "did what (CAMEO · PLOVER)", "to whom", "Goldstein", "independent sources", title="Events")
        for event in detail["events"]:
            events.add_row(
                _actor(event["actor1"], event["actor1_country"]),
                f"{event['cameo']} · {event['plover'] or '—'}  {event['text'][:60]}",
                _actor(event["actor2"], event["actor2_country"]),
                f"{event['goldstein']:+.1f}",
                ", ".join(event["independent_sources"]),
            )
        console.print(events)
    if detail["quotes"]:
        quotes = Table("speaker", "quote", "via", title="Quotes")
        for quote in detail["quotes"]:
            quotes.add_row(quote["speaker"], quote["text"][:100], quote["via"])
        console.print(quotes)


def _actor(name: str, country: str) -> str:
    return f"{name} ({country})" if country and name else name or country


def facts_matrix(detail: dict[str, Any], *, all_facts: bool = False) -> Table:
    """Facts as rows, outlets as columns; each cell says whether the outlet reports the fact.
    Folded (minor) facts are left out unless `all_facts`."""
    outlets = list(detail["sources"])
    table = Table("fact", "status", *outlets, title="Facts × outlets")
    for fact in detail["facts"]:
        if fact.get("folded") and not all_facts:
            continue
        conflicting = {s for value in fact.get("conflicts", []) for s in value["sources"]}
        cells = []
        for outlet in outlets:
            if outlet in conflicting and fact["status"] == "conflicting":
                cells.append(CONFLICTING)
            elif outlet in fact["sources"]:
                cells.append(REPORTED)
            else:
                cells.append(NOT_REPORTED)
        table.add_row(fact["text"][:90], STATUS_MARK.get(fact["status"], fact["status"]), *cells)
    return table
