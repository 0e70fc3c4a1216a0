"""Ingest throughput: HTML pages/s (extraction and cleaning) and plain-text reports/s (cleaning).

    storyline bench ingest                     # 100, 500 and 2,000 documents
    storyline bench ingest --sizes 100,500 --json

Inputs are real when the data folder is found ($STORYLINE_DATA or ../shared/data) (the 181 pages of
article_extraction, the 772 ECB+ texts), cycled up to each size; otherwise synthetic.
Nothing is stored: the figures are for reading and cleaning only. Each path reports its
rate by wall clock and by CPU time (the second holds up when other work shares the cores)
and the peak of Python allocations (tracemalloc) during the run; the process peak RSS is
given once. Targets on the 2-core reference machine: >= 40 HTML pages/s and >= 2,000
plain-text reports/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from itertools import cycle, islice
from typing import Any

from storyline.clean.report import clean_document
from storyline.evaluation.locations import data_folder
from storyline.ingest.html import read_html
from storyline.models import RawDocument

TARGET_HTML_PAGES_PER_S = 40.0
TARGET_TEXT_REPORTS_PER_S = 2000.0
DEFAULT_SIZES = (100, 500, 2000)
# HTML runs are capped: extraction costs ~25 ms a page, and a few hundred pages give a stable rate.
MAX_HTML_PAGES = 1000
WORDS = ("minister", "council", "budget", "vote", "election", "storm", "flood", "border", "trade", "talks", "strike",
         "court", "ruling", "police", "protest", "hospital", "school", "bridge", "railway", "airport", "energy", "prices",
         "market", "bank", "inflation", "harvest", "ceasefire", "treaty", "summit")


def load_pages(limit: int = 0) -> list[bytes]:
    """News pages: article_extraction's HTML when present, else synthetic pages."""
    folder = data_folder() / "article_extraction" / "html"
    paths = sorted(folder.glob("*.html.gz")) if folder.is_dir() else []
    if paths:
        return [gzip.decompress(path.read_bytes()) for path in paths[: limit or None]]
    return [_synthetic_page(random.Random(n)) for n in range(limit or 100)]


def load_texts(limit: int = 0) -> list[str]:
    """Plain-text reports: ECB+ texts when present, else synthetic ones."""
    path = data_folder() / "ecbplus" / "ecbplus.jsonl"
    if path.is_file():
        with path.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
        return texts[: limit or None]
    return [_synthetic_text(random.Random(n)) for n in range(limit or 500)]


def _synthetic_text(rng: random.Random) -> str:
    sentences = [" ".join(rng.choice(WORDS) for _ in range(16)).capitalize() + "." for _ in range(12)]
    return "Share this article\n\n" + "\n\n".join(sentences) + "\n\nReporting by A. Writer; Editing by B. Editor"


def _synthetic_page(rng: random.Random) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in _synthetic_text(rng).split("\n\n"))
    return (f"<html><head><title>{rng.choice(WORDS).title()} news</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{paragraphs}</article><footer>Copyright</footer></body></html>").encode()


def _html_path(page: bytes) -> None:
    for item in read_html(page, "bench.html"):
        if isinstance(item, RawDocument):
            clean_document(item)


def _text_path(text: str) -> None:
    clean_document(RawDocument(origin="bench.txt", text=text))


def measure(items: Sequence[Any], step: Callable[[Any], None]) -> dict[str, float]:
    """Rate of `step` over `items`, then the allocation peak of a second, traced pass."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for item in items:
        step(item)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    tracemalloc.start()
    for item in items:
        step(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"documents": len(items), "seconds": round(elapsed, 3), "per_second": round(len(items) / elapsed, 1),
            "per_cpu_second": round(len(items) / max(cpu, 1e-9), 1), "peak_alloc_mb": round(peak / 2**20, 1)}


def main(sizes: Sequence[int] = DEFAULT_SIZES, as_json: bool = False) -> dict[str, Any]:
    """Run both paths at every size; print a table (or JSON) and return the figures."""
    pages = load_pages()
    texts = load_texts()
    for warm in pages[:3]:
        _html_path(warm)  # first calls load trafilatura, language models and pattern files
    results: dict[str, Any] = {"html": [], "text": [], "targets": {
        "html_pages_per_s": TARGET_HTML_PAGES_PER_S, "text_reports_per_s": TARGET_TEXT_REPORTS_PER_S}}
    for size in sizes:
        html_size = min(size, MAX_HTML_PAGES)
        results["html"].append(measure(list(islice(cycle(pages), html_size)), _html_path))
        results["text"].append(measure(list(islice(cycle(texts), size)), _text_path))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["inputs"] = "shared data" if (data_folder() / "article_extraction").is_dir() else "synthetic"
    if as_json:
        sys.stdout.write(json.dumps(results, indent=2) + "\n")
    else:
        _print(results)
    return results


def _print(results: dict[str, Any]) -> None:
    print(f"inputs: {results['inputs']}; process peak RSS {results['peak_rss_mb']} MB")
    for path, unit, target in (("html", "pages/s", TARGET_HTML_PAGES_PER_S), ("text", "reports/s", TARGET_TEXT_REPORTS_PER_S)):
        for row in results[path]:
            verdict = "ok" if row["per_second"] >= target else f"below target {target:g}"
            print(f"{path:5} {row['documents']:>6} docs  {row['per_second']:>9.1f} {unit:9} "
                  f"({row['per_cpu_second']:>7.1f} per CPU-second)  peak alloc {row['peak_alloc_mb']:>5.1f} MB  {verdict}")


def _parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=list(DEFAULT_SIZES),
                        help="comma-separated numbers of documents (default 100,500,2000)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = _parse_args()
    main(arguments.sizes, arguments.json)
