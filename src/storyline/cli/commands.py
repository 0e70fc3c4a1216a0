"""The `storyline` command: a thin adapter over the library.

Every command is one library call plus presentation. Errors become messages and exit codes
in one place (`main`): 0 done, 2 usage or configuration error, 3 some inputs rejected,
1 anything else storyline reports.
"""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import views
from storyline.cli.bench import bench_app
from storyline.cli.eval import eval_app
from storyline.cli.events import events
from storyline.cli.terminal import terminal_safe, terminal_text
from storyline.config import Config, load_config
from storyline.errors import ConfigError, StorylineError, UsageError
from storyline.store import Store, default_location, is_postgres_location, open_store

EXIT_REJECTED = 3
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Plain (click) help: the rich panels label every flag "<bool>", as if it took a value.
HELP_STYLE: dict[str, Any] = {"rich_markup_mode": None}
app = typer.Typer(help="storyline: from news reports to what happened, and who says so.", no_args_is_help=True, add_completion=False,
                  **HELP_STYLE)
app.add_typer(eval_app, name="eval")
app.add_typer(bench_app, name="bench")
app.command("events")(events)

# Piped output gets a wide console so tables are not squeezed into 80 columns.
out = Console(emoji=False) if sys.stdout.isatty() else Console(width=160, emoji=False)
# Messages are never wrapped: a path or a reason must stay on one line for scripts and logs.
err = Console(stderr=True, soft_wrap=True, emoji=False)


class State:
    db: str | None = None
    config_path: str | None = None

    @classmethod
    def config(cls, **overrides: dict[str, Any]) -> Config:
        return load_config(cls.config_path, overrides)

    @classmethod
    def store(cls, *, create: bool = True) -> Store:
        """The store at --db; commands that only read pass create=False and a missing file is an error.

        A PostgreSQL database is never created here (only its tables are): a missing one is
        the server's error.
        """
        location = cls.db or default_location()
        if not create and location != ":memory:" and not is_postgres_location(location) and not Path(location).exists():
            raise UsageError(f"{location}: no such database (`storyline ingest` creates one)")
        return open_store(location)


@app.callback()
def _global(
    db: str | None = typer.Option(None, "--db", help="Database file, or a postgresql://user@host:port/dbname URL (default: $STORYLINE_DB or ./storyline.db)."),
    config: str | None = typer.Option(None, "--config", help="TOML file of options (see default.toml)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what each stage does."),
) -> None:
    State.db = db
    State.config_path = config
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _progress(enabled: bool) -> tuple[Progress | None, Any]:
    if not enabled or not err.is_terminal:
        return None, lambda stage, done, total: None
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursively) or http(s) URLs of pages and feeds."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip NLP: stories only, no facts."),
    executor: str | None = typer.Option(None, "--executor", help="Where reports are analysed: local (default) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a cluster on this machine)."),
) -> None:
    """Store reports, place them in stories and corroborate the stories they changed."""
    from storyline.pipeline import ingest as run_ingest

    running = {"kind": executor or ("dask" if scheduler else None), "scheduler": scheduler}
    config = State.config(analyze={"enabled": False} if no_analyze else {}, executor=running)
    bar, progress = _progress(not as_json)
    with State.store() as store:
        if bar:
            bar.start()
        before = store.count_reports()
        try:
            run = run_ingest(store, paths, config, progress)
        except KeyboardInterrupt:
            if bar:
                bar.stop()
            _say_interrupted(store.count_reports() - before, len(store.pending_reports()))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        finally:
            if bar:
                bar.stop()
    result, updated = run.ingested, run.updated
    if as_json:
        _emit_json(result.to_dict())
    else:
        out.print(f"stored {result.stored}, duplicates {result.duplicates}, rejected {len(result.rejected)}; "
                  f"{len(updated.stories_touched)} stories updated, {updated.copies} copies found")
        for rejection in result.rejected:
            err.print(f"[yellow]rejected[/] {terminal_text(f'{rejection.path}: {rejection.reason}: {rejection.message}')}", highlight=False)
    if result.rejected:
        raise typer.Exit(EXIT_REJECTED)


def _say_interrupted(stored: int, pending: int) -> None:
    """What an interrupted ingest leaves: every report it stored is kept whole."""
    err.print(
        f"interrupted: {stored} new report(s) stored and kept, {pending} not yet placed in stories; "
        "`storyline update` finishes placing them, and running the same ingest again stores the rest "
        "(reports already stored are skipped)",
        highlight=False,
    )


@app.command()
def update(
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip NLP."),
    reanalyze: bool = typer.Option(False, "--reanalyze", help="Analyse every report again and re-corroborate every story (after an upgrade)."),
    executor: str | None = typer.Option(None, "--executor", help="Where reports are analysed: local (default) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a cluster on this machine)."),
) -> None:
    """Finish placing and corroborating reports an interrupted run left pending."""
    from storyline.pipeline import reanalyze as run_reanalyze
    from storyline.pipeline import update as run_update

    running = {"kind": executor or ("dask" if scheduler else None), "scheduler": scheduler}
    config = State.config(analyze={"enabled": False} if no_analyze else {}, executor=running)
    bar, progress = _progress(True)
    with State.store() as store:
        if bar:
            bar.start()
        try:
            result = run_update(store, config, progress)
            if reanalyze:
                again = run_reanalyze(store, config, progress)
                result.analyzed = again.analyzed
        finally:
            if bar:
                bar.stop()
    out.print(f"placed {result.placed}, {len(result.stories_touched)} stories updated, {result.analyzed} corroborated")


@app.command()
def reports(
    limit: int = typer.Option(50, help="How many."),
    offset: int = typer.Option(0, help="Skip this many."),
    source: str = typer.Option("", help="Only this outlet."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List stored reports, newest first."""
    with State.store(create=False) as store:
        rows = views.list_reports(store, limit=limit, offset=offset, source=source)
    if as_json:
        _emit_json(rows)
        return
    rows = terminal_safe(rows)
    table = Table("id", "source", "published", "title", "story", "failed")
    for row in rows:
        failed = "; ".join(f"{f['stage']}: {f['reason']}" for f in row["failures"])
        table.add_row(row["id"], row["source"], row["published"][:10], row["title"][:70], row.get("story", ""), failed)
    out.print(table)


@app.command()
def stories(
    limit: int = typer.Option(50, help="How many."),
    offset: int = typer.Option(0, help="Skip this many."),
    source: str = typer.Option("", help="Only stories this outlet covered."),
    since: str = typer.Option("", help="Last seen on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option("", help="First seen on or before this date."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List stories, the biggest and most recent first."""
    with State.store(create=False) as store:
        rows = views.list_stories(store, limit=limit, offset=offset, source=source, since=since, until=until)
    if as_json:
        _emit_json(rows)
        return
    rows = terminal_safe(rows)
    table = Table("story", "reports", "outlets", "indep.", "first seen", "last seen", "headline", title="Stories")
    for column in table.columns[:6]:
        column.no_wrap = True
    table.columns[6].overflow = "ellipsis"
    for row in rows:
        table.add_row(row["id"], str(row["reports"]), str(len(row["sources"])), str(len(row["independent_sources"])),
                      row["first_seen"][:10], row["last_seen"][:10], row["title"][:80])
    out.print(table)


@app.command()
def show(
    story_id: str = typer.Argument("", help="Story id (or a prefix, or a report id)."),
    latest: bool = typer.Option(False, "--latest", help="The story the last ingest created or changed, instead of an id."),
    all_facts: bool = typer.Option(False, "--all-facts", help="Also the minor single-source facts, folded by default."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document (every fact, each marked `folded` or not)."),
) -> None:
    """One story: its reports, the facts matrix (facts × outlets), conflicts, quotes and summary."""
    from storyline.cli.render import print_story

    if not story_id and not latest:
        raise UsageError("give a story id (see `storyline stories`) or --latest")
    with State.store(create=False) as store:
        if latest:
            story_id = store.latest_story_id()
            if not story_id:
                raise UsageError("the store has no stories yet: ingest reports first (`storyline ingest PATH`)")
        detail = views.story_detail(store, story_id)
    if as_json:
        _emit_json(detail)
    else:
        print_story(out, terminal_safe(detail), all_facts=all_facts)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find in titles and bodies."),
    limit: int = typer.Option(20, help="How many."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Full-text search over reports, best match first."""
    with State.store(create=False) as store:
        hits = views.search(store, query, limit=limit)
    if as_json:
        _emit_json(hits)
        return
    hits = terminal_safe(hits)
    table = Table("score", "report", "source", "title", "snippet")
    for hit in hits:
        table.add_row(f"{hit['score']:.2f}", hit["id"], hit["source"], hit["title"][:50], hit["snippet"][:90])
    out.print(table)


EXPORT_FORMATS = ("jsonl", "csv", "gdelt", "parquet")


@app.command()
def export(
    fmt: str = typer.Option(
        "jsonl",
        "--format",
        help="jsonl: every record, re-ingestible; csv: one row per fact (the facts matrix); "
        "gdelt: coded events as a GDELT 2.0 Events table (tab-separated, no header); "
        "parquet: reports, stories, facts and events as four .parquet files in the --output folder (needs pyarrow).",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout); a folder for parquet."),
) -> None:
    """Write the store out: every record as JSON lines, the facts as CSV, the events as GDELT rows, or Parquet tables."""
    from storyline.export import write_facts_csv, write_gdelt_events

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; available: {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        from storyline.export_parquet import write_parquet

        if output is None:
            raise UsageError("--format parquet writes a folder of files: give it with --output DIR")
        with State.store(create=False) as store:
            rows = write_parquet(store, output)
        err.print(", ".join(f"{name} {count}" for name, count in rows.items()) + f" rows written to {output}", highlight=False)
        return
    with State.store(create=False) as store:
        try:
            handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
        try:
            if fmt == "csv":
                write_facts_csv(store, handle)
            elif fmt == "gdelt":
                write_gdelt_events(store, handle)
            else:
                for line in views.export_records(store):
                    handle.write(line + "\n")
        finally:
            if output:
                handle.close()


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Address to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
) -> None:
    """Run the web view and REST API over the same store."""
    from storyline.api.server import run_server

    config = State.config(serve={"host": host, "port": port})
    run_server(State.db, config)


@app.command()
def watch(
    source: str = typer.Argument(..., help="A feed (or page) URL, or a file with one URL per line."),
    every: str = typer.Option("15m", "--every", help="Time between polls of each feed: 30s, 15m, 1h."),
    no_analyze: bool = typer.Option(False, "--no-analyze", help="Skip NLP: stories only, no facts."),
) -> None:
    """Poll feeds and ingest only what is new, until interrupted (Ctrl-C)."""
    from storyline.pipeline.watch import PollResult, parse_duration
    from storyline.pipeline.watch import watch as run_watch

    try:
        seconds = parse_duration(every)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sources = _watch_sources(source)
    config = State.config(analyze={"enabled": False} if no_analyze else {})
    with State.store() as store:

        def report(result: PollResult) -> None:
            if result.status == "failed":
                err.print(f"[yellow]failed[/] {terminal_text(f'{result.source}: {result.error}')} (retry in {result.retry_in:.0f} s)", highlight=False)
                return
            if result.stored:
                out.print(f"{terminal_text(result.source)}: stored {result.stored}, {len(result.stories)} stories updated", highlight=False)
            for rejection in result.rejected:
                err.print(f"[yellow]rejected[/] {terminal_text(f'{rejection.path}: {rejection.reason}: {rejection.message}')}", highlight=False)

        err.print(f"watching {len(sources)} source(s) every {terminal_text(every)}; Ctrl-C to stop", highlight=False)
        summary = run_watch(sources, seconds, store, config, on_poll=report)
    out.print(f"polls {summary.polls}, stored {summary.stored}, failures {summary.failures}")


def _watch_sources(source: str) -> list[str]:
    """The URL itself, or the URLs listed in a file (blank lines and # comments skipped)."""
    if "://" in source:
        return [source]
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source} is neither a URL nor a file of URLs")
    lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if not urls:
        raise UsageError(f"{source} lists no URLs (one per line)")
    return urls


_DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def storage_failure(exc: sqlite3.Error | OSError) -> str:
    """One line for a storage failure, saying how to finish the run when the disk was full."""
    if isinstance(exc, sqlite3.Error):
        full = "full" in str(exc)
        detail = f"database error ({exc})"
    else:
        full = exc.errno in _DISK_FULL
        detail = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    if full:
        return f"disk full ({detail}); what was stored is kept: free space and run the command again"
    return detail


def main() -> None:
    """Entry point: run the app and turn storyline's errors into messages and exit codes."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except (UsageError, ConfigError) as exc:
        err.print(f"[red]error:[/] {terminal_text(str(exc))}", highlight=False)
        sys.exit(EXIT_USAGE)
    except StorylineError as exc:
        err.print(f"[red]error:[/] {terminal_text(str(exc))}", highlight=False)
        sys.exit(1)
    except (sqlite3.Error, OSError) as exc:
        # A full disk (or another storage failure) mid-run: one line, exit 1. What was
        # committed is kept, and a run after the cause is fixed completes the rest.
        err.print(f"[red]error:[/] {terminal_text(storage_failure(exc))}", highlight=False)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        # Command-line parsing errors (the click exceptions Typer raises) know how to show
        # themselves and carry their exit code: 2 for usage errors.
        show = getattr(exc, "show", None)
        if callable(show) and isinstance(getattr(exc, "exit_code", None), int):
            show()
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        raise

