"""Throughput and peak memory of the HTML path (`extract_html`) at several input sizes.

Inputs are the 181 pages of article_extraction in the data folder (--data, $STORYLINE_DATA or ../shared/data), repeated to reach each size.
Wall-clock pages/s is what a run sees; CPU pages/s (this process's CPU time) is steadier on a
shared machine. Target: at least 40 pages/s on the 2-core reference machine.

    storyline bench html --sizes 50,181,500 --workers 1,2
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import resource
import sys
import time
from pathlib import Path

from storyline.evaluation.extraction import extract_bodies, load_pages
from storyline.evaluation.locations import data_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="article_extraction directory")
    parser.add_argument("--sizes", default="50,181,500", help="comma-separated page counts")
    parser.add_argument("--workers", default="1,2", help="comma-separated process counts")
    parser.add_argument("--json", action="store_true", help="print one JSON object per run")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    if args.data is None:
        args.data = data_folder() / "article_extraction"
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark pages at {args.data}", file=sys.stderr)
        return 2
    pages = list(load_pages(args.data))
    # Load trafilatura, htmldate and the language model before timing anything.
    extract_bodies(pages[:1])
    for workers in (int(w) for w in args.workers.split(",")):
        for size in (int(s) for s in args.sizes.split(",")):
            batch = list(itertools.islice(itertools.cycle(pages), size))
            cpu_before = _cpu_seconds()
            started = time.perf_counter()
            extract_bodies(batch, workers=workers)
            wall = time.perf_counter() - started
            cpu = _cpu_seconds() - cpu_before
            row = {
                "pages": size,
                "workers": workers,
                "seconds": round(wall, 3),
                "pages_per_second": round(size / wall, 1),
                "cpu_pages_per_second": round(size / cpu, 1) if cpu else 0.0,
                "peak_rss_mb": round(_peak_rss_mb(), 1),
            }
            if args.json:
                print(json.dumps(row))
            else:
                print(
                    f"{size:5d} pages  {workers} worker(s)  {wall:7.2f} s  {row['pages_per_second']:6.1f} pages/s"
                    f"  ({row['cpu_pages_per_second']:6.1f} per CPU-second)  peak RSS {row['peak_rss_mb']:.0f} MB"
                )
    return 0


def _cpu_seconds() -> float:
    """CPU time of this process and of finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    """Largest resident set of this process or of any one finished worker, in MB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


if __name__ == "__main__":
    sys.exit(main())
