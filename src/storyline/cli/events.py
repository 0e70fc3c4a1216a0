"""`storyline events`: coded events across stories, filtered, or one dyad's series over time.

Both forms are one `storyline.views` call, the same the REST API makes for /api/events and
/api/dyads, so the JSON printed here is what the API answers.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from storyline import views
from storyline.errors import UsageError
from storyline.store import open_store


def events(
    ctx: typer.Context,
    actor: str = typer.Option("", "--actor", help="Source actor's country, ISO alpha-3 (CHN) or alpha-2 (CN)."),
    target: str = typer.Option("", "--target", help="Target actor's country, ISO alpha-3 or alpha-2."),
    kind: str = typer.Option("", "--type", help="PLOVER type (ACCUSE, AGREE, …) or a CAMEO code prefix (112)."),
    since: str = typer.Option("", "--since", help="Events dated on or after this ISO date (2018, 2018-06, 2018-06-26)."),
    until: str = typer.Option("", "--until", help="Events dated on or before this ISO date."),
    story: str = typer.Option("", "--story", help="Only this story's events (id or unique prefix)."),
    dyad: str = typer.Option("", "--dyad", help="Two countries, CHN,CAN: their events (either direction) per period."),
    by: str = typer.Option("week", "--by", help="Period of the --dyad series: day, week, month or year."),
    limit: int = typer.Option(100, "--limit", help="How many events."),
    offset: int = typer.Option(0, "--offset", help="Skip this many."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Coded events across stories (who did what to whom, when), or one dyad's events over time."""
    query = views.event_query(actor=actor, target=target, kind=kind, since=since, until=until, story=story,
                              limit=limit, offset=offset)
    with open_store(ctx.find_root().params.get("db")) as store:
        if dyad:
            pair = [part.strip() for part in dyad.split(",") if part.strip()]
            if len(pair) != 2:
                raise UsageError(f"--dyad takes two countries separated by a comma (CHN,CAN), not {dyad!r}")
            series = views.dyad_series(store, pair[0], pair[1], by=by, query=query)
            _print_series(series, as_json)
            return
        rows = views.find_events(store, query)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("date", "type", "cameo", "actor", "target", "outlets", "story", "text", title="Events")
    for row in rows:
        table.add_row(row["date"] or "—", row["plover"], row["cameo"], _side(row, 1), _side(row, 2),
                      str(len(row["independent_sources"])), row["story"], row["text"][:70])
    _console().print(table)


def _side(event: dict[str, object], number: int) -> str:
    name, country = event[f"actor{number}"], event[f"actor{number}_country"]
    return f"{name} ({country})" if country else str(name)


def _print_series(series: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(series, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("period", "events", "Goldstein mean", title=f"{' – '.join(series['dyad'])} by {series['by']}")
    for point in series["series"]:
        table.add_row(point["period"], str(point["events"]), f"{point['goldstein_mean']:+.1f}")
    _console().print(table)
    _console().print(f"undated {series['undated']}, too coarsely dated for the period {series['imprecise']}")


def _console() -> Console:
    return Console() if sys.stdout.isatty() else Console(width=160)
