"""How much analysis costs on top of spaCy's own parse.

Runs `nlp.pipe` alone and `analyze_reports` (which includes the same pipe) on the same
reports at a few corpus sizes, and prints both times, their ratio (target <= 1.2),
words per second and peak resident memory. Reports come from the example corpus and the
seeds, repeated to reach each size (with a varying suffix, so nothing is cached).

    storyline bench analyze [--sizes 50 150 300]
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from storyline.analyze import analyze_reports, load_nlp
from storyline.analyze.report import BATCH_SIZE
from storyline.clean.text import clean_text
from storyline.evaluation.locations import EXAMPLE_CORPUS, seeds_folder
from storyline.models import Report


def _bodies() -> list[str]:
    bodies: list[str] = []
    corpus = EXAMPLE_CORPUS / "reports.jsonl"
    if corpus.exists():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            bodies.append(clean_text(row["text"], title=row["title"]).body)
    seeds = seeds_folder()
    if seeds.exists():
        bodies += [clean_text(p.read_text(encoding="utf-8")).body for p in sorted(seeds.glob("*.txt"))]
    if not bodies:
        raise SystemExit("no example corpus or seeds found to benchmark on")
    return bodies


def _reports(bodies: list[str], size: int) -> list[Report]:
    return [
        Report(id=f"r{i}", source="Bench", body=f"{bodies[i % len(bodies)]}\n\nItem {i} was filed on day {i % 28 + 1}.")
        for i in range(size)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest counts")
    args = parser.parse_args()
    nlp = load_nlp()
    bodies = _bodies()
    analyze_reports(_reports(bodies, 4), nlp)  # warm up lexicons and the model
    print(f"{'reports':>8} {'words':>8} {'pipe s':>8} {'analyze s':>10} {'ratio':>6} {'words/s':>8} {'peak MiB':>9}")
    for size in args.sizes:
        reports = _reports(bodies, size)
        words = sum(len(r.body.split()) for r in reports)
        pipe_time = analyze_time = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for _doc in nlp.pipe((r.body for r in reports), batch_size=BATCH_SIZE):
                pass
            pipe_time = min(pipe_time, time.perf_counter() - start)
            start = time.perf_counter()
            analyze_reports(reports, nlp)
            analyze_time = min(analyze_time, time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>8} {words:>8} {pipe_time:>8.2f} {analyze_time:>10.2f} {analyze_time / pipe_time:>6.2f}"
            f" {words / analyze_time:>8.0f} {peak:>9.0f}"
        )


if __name__ == "__main__":
    main()
