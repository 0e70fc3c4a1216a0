"""The throughput curve of `storyline bench pipeline` as a PNG (matplotlib, from the dev extra).

Reports per second against corpus size, one line per executor and worker count, with the
rate a day of news needs to be ingested within its target.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.errors import UsageError

MATPLOTLIB_HINT = "pip install matplotlib (or 'storyline[dev]')"


def require_matplotlib() -> Any:
    """The matplotlib module, or a UsageError saying how to install it (checked before a long run)."""
    try:
        return importlib.import_module("matplotlib")
    except ImportError:
        raise UsageError(f"--plot needs matplotlib, which is not installed; run: {MATPLOTLIB_HINT}") from None


def plot_throughput(runs: Sequence[dict[str, Any]], path: Path, *, day_reports: int, day_hours: float) -> None:
    """Draw reports/s per size for each (executor, workers), and the rate `day_reports` in `day_hours` needs; save it at `path`."""
    require_matplotlib().use("Agg")
    pyplot: Any = importlib.import_module("matplotlib.pyplot")
    figure, axes = pyplot.subplots(figsize=(7, 4), dpi=110)
    series: dict[tuple[str, int], list[tuple[int, float]]] = {}
    for run in runs:
        series.setdefault((run["executor"], run["workers"]), []).append((run["reports"], run["reports_per_second"]))
    for (executor, workers), points in sorted(series.items()):
        points.sort()
        axes.plot([size for size, _ in points], [rate for _, rate in points], marker="o",
                  label=f"{executor}, {workers} worker{'s' if workers != 1 else ''}")
    target = day_reports / (day_hours * 3600)
    axes.axhline(target, color="grey", linestyle="--", label=f"{day_reports:,} reports in {day_hours:g} h")
    axes.set_xscale("log")
    axes.set_xlabel("reports ingested (generated corpus, ~600 words each)")
    axes.set_ylabel("reports per second, every stage")
    axes.set_ylim(bottom=0)
    axes.set_title("storyline ingest throughput on 2 cores")
    axes.grid(True, alpha=0.3)
    axes.legend(loc="best", fontsize="small")
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)
