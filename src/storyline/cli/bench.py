"""`storyline bench …`: throughput, latency and memory, each a module of `storyline.bench`."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

from storyline.config import EXECUTOR_CHOICES
from storyline.errors import UsageError

# Plain help, as the main command's (no "<bool>" after flags).
bench_app = typer.Typer(help="Measure throughput and memory.", no_args_is_help=True, rich_markup_mode=None)


@bench_app.command("ingest")
def bench_ingest(
    sizes: str = typer.Option("100,500,2000", "--sizes", help="Comma-separated numbers of documents."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """HTML pages/s and plain-text reports/s through reading and cleaning, with peak memory."""
    _benchmark("ingest").main(_sizes(sizes), as_json)


def _sizes(sizes: str) -> list[int]:
    try:
        return [int(part.replace("_", "")) for part in sizes.split(",") if part.strip()]
    except ValueError:
        raise UsageError(f"--sizes must be numbers separated by commas, not {sizes!r}") from None


@bench_app.command("stories")
def bench_stories(
    sizes: str = typer.Option("1000,10000,100000", "--sizes", help="Comma-separated numbers of reports."),
    words: int = typer.Option(300, "--words", help="Words per generated report (60: headline-and-lead reports, each encoded)."),
    encoder: str = typer.Option("full", "--encoder", help="Meaning vectors: full, static or off."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Encode + copies + story clustering on a generated corpus: reports/s, the encoder's share, peak memory per size."""
    if encoder not in ("full", "static", "off"):
        raise UsageError(f"--encoder must be full, static or off, not {encoder!r}")
    _benchmark("stories").main(_sizes(sizes), as_json, words, encoder)


@bench_app.command("pipeline")
def bench_pipeline(
    sizes: str = typer.Option("1000,10000", "--sizes", help="Comma-separated numbers of reports."),
    executor: str = typer.Option("local", "--executor", help="Where analysis and corroboration run: local or dask."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (0: one per core)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    plot: str = typer.Option("", "--plot", help="Also draw reports/s per size into this PNG file (needs matplotlib)."),
) -> None:
    """Every ingest stage on a generated news corpus (~600 words a report): reports/s, stage times, memory, a day projected."""
    if executor not in EXECUTOR_CHOICES:
        raise UsageError(f"--executor must be one of {', '.join(EXECUTOR_CHOICES)}, not {executor!r}")
    if workers < 0:
        raise UsageError("--workers must be at least 0 (0: one per core)")
    _benchmark("pipeline").main(_sizes(sizes), executor, workers, as_json, plot)


_PASS_THROUGH: dict[str, Any] = {"allow_extra_args": True, "ignore_unknown_options": True}


@bench_app.command("analyze", context_settings=_PASS_THROUGH)
def bench_analyze(ctx: typer.Context) -> None:
    """NLP analysis against spaCy's own nlp.pipe time on the same reports (options: --sizes N N …)."""
    _run_benchmark_script("analyze", ctx.args)


@bench_app.command("serve", context_settings=_PASS_THROUGH)
def bench_serve(ctx: typer.Context) -> None:
    """Warm p50/p95 latency of the story page, list and search at 1,000 to 100,000 reports (options: --sizes N N …)."""
    _run_benchmark_script("serve", ctx.args)


@bench_app.command("html", context_settings=_PASS_THROUGH)
def bench_html(ctx: typer.Context) -> None:
    """HTML extraction pages/s at several sizes and worker counts (options: --sizes 50,181,500 --workers 1,2)."""
    _run_benchmark_script("html", ctx.args)


def _run_benchmark_script(name: str, args: list[str]) -> None:
    """Run a benchmark's own command line with `args`."""
    module = _benchmark(name)
    saved = sys.argv
    sys.argv = [f"storyline bench {name}", *args]
    try:
        result = module.main()
    finally:
        sys.argv = saved
    if isinstance(result, int) and result:
        raise typer.Exit(result)


def _benchmark(name: str) -> Any:
    """The module `storyline.bench.<name>`, imported only when its command runs."""
    return importlib.import_module(f"storyline.bench.{name}")
