"""A whole ingest against bare spaCy on the same texts, in the same conditions.

The target (wall time of `storyline ingest FILE --json`, model load and every stage
included, at most 0.8x bare spaCy) compares two programs that each share the machine with
whatever else runs, so both are run here back to back, alternating, `--repeat` times, each
in a fresh process: the ingest into a fresh store, then `nlp.pipe(texts, batch_size=64)`
in one process, timed after the model loads, over the cleaned bodies the ingest parses.
Prints each pair's seconds and ratio, and the median ratio.

    python -m storyline.bench.versus_spacy ../shared/data/ecbplus/ecbplus.jsonl [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The batch size the target names for bare spaCy.
SPACY_BATCH = 64
# Exit statuses of an ingest that ran to its end: all stored, or some inputs rejected.
_INGEST_DONE = (0, 3)

_BARE_SPACY = """
import json, sys, time
from storyline.analyze import load_nlp
from storyline.clean.report import clean_document
from storyline.config import Config
from storyline.ingest import read_paths
from storyline.models import RawDocument
texts = [clean_document(d).body for d in read_paths([__import__("pathlib").Path(sys.argv[1])], Config().ingest)
         if isinstance(d, RawDocument)]
nlp = load_nlp()
start = time.perf_counter()
for _doc in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
print(json.dumps({"seconds": time.perf_counter() - start, "texts": len(texts)}))
"""


def _ingest_seconds(path: Path, extra: list[str]) -> tuple[float, dict[str, object]]:
    """Wall seconds of one `storyline ingest PATH --json` into a fresh store, and its output."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "storyline.cli", "--db", str(Path(folder) / "bench.db"), *extra, "ingest", str(path), "--json"]
        start = time.perf_counter()
        done = subprocess.run(command, check=False, capture_output=True, text=True, env=os.environ.copy())
        seconds = time.perf_counter() - start
    if done.returncode not in _INGEST_DONE:
        raise SystemExit(f"the ingest failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds, json.loads(done.stdout)


def _spacy_seconds(path: Path) -> float:
    """Seconds of bare `nlp.pipe` over the same cleaned bodies, in a fresh process, after the model loads."""
    done = subprocess.run(
        [sys.executable, "-c", _BARE_SPACY, str(path), str(SPACY_BATCH)], check=True, capture_output=True, text=True
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="A file `storyline ingest` reads (JSON lines, text, HTML).")
    parser.add_argument("--repeat", type=int, default=3, help="Pairs of runs; the median ratio counts.")
    parser.add_argument("--config", default="", help="A TOML file of options for the ingest.")
    args = parser.parse_args()
    extra = ["--config", args.config] if args.config else []
    ratios: list[float] = []
    for run in range(1, args.repeat + 1):
        ingest, _ = _ingest_seconds(args.path, extra)
        spacy = _spacy_seconds(args.path)
        ratios.append(ingest / spacy)
        load = os.getloadavg()[0]
        print(f"run {run}: ingest {ingest:.1f} s, bare spaCy {spacy:.1f} s, ratio {ingest / spacy:.2f} (load {load:.1f})", flush=True)
    print(f"median ratio {statistics.median(ratios):.2f} over {len(ratios)} runs")


if __name__ == "__main__":
    main()
