"""How much analysis costs on top of spaCy's own parse, and the sentence encoder's share.

Runs `nlp.pipe` alone, `analyze_reports` (which includes the same pipe) and the sentence
encoder as ingest runs it (the headline and lead of each report where they make a quarter
of its words or more: `[encode] stories`, `[stories] meaning_min_share`) on the
same reports at a few corpus sizes, and prints the times, the analysis's ratio to the
pipe (target <= 1.2), the encoder's share of the analysis time (target <= 30 %), words
per second and peak resident memory. It also times claim alignment by meaning
(corroborate/meaning.py, `[encode] claims`) over the analysed reports taken
STORY_SIZE at a time as stories, the extra work corroboration does with it, and adds
its share. Reports come
from the example corpus and the seeds, repeated to reach each size (with a varying
suffix, so nothing is cached).

    storyline bench analyze [--sizes 50 150 300] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from typing import Any

from storyline.analyze import analyze_reports, load_nlp
from storyline.analyze.report import BATCH_SIZE
from storyline.clean.text import clean_text
from storyline.config import EncodeOptions
from storyline.encode.stage import TextEncoder, choose_claim_encoder, choose_encoder, encode_reports
from storyline.evaluation.locations import EXAMPLE_CORPUS, seeds_folder
from storyline.models import Report, ReportAnalysis
from storyline.stories.options import StoryOptions


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
        Report(id=f"r{i}", source="Bench", title=_first_line(bodies[i % len(bodies)]),
               body=f"{bodies[i % len(bodies)]}\n\nItem {i} was filed on day {i % 28 + 1}.")
        for i in range(size)
    ]


def _first_line(body: str) -> str:
    return body.strip().split("\n", 1)[0][:120]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest counts")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    nlp = load_nlp()
    encoder = choose_encoder(EncodeOptions().stories)
    bodies = _bodies()
    analyze_reports(_reports(bodies, 4), nlp)  # warm up lexicons and the models
    if encoder is not None:
        encode_reports(_reports(bodies, 4), encoder)
    runs = [_measure(nlp, encoder, _reports(bodies, size), args.repeat) for size in args.sizes]
    if args.json:
        print(json.dumps({"encoder": getattr(encoder, "encoder_id", "off"), "runs": runs}, indent=2))
        return
    print(f"{'reports':>8} {'words':>8} {'pipe s':>8} {'analyze s':>10} {'ratio':>6} {'encode s':>9} {'share':>6}"
          f" {'claims s':>9} {'share':>6} {'words/s':>8} {'peak MiB':>9}")
    for run in runs:
        print(
            f"{run['reports']:>8} {run['words']:>8} {run['pipe_seconds']:>8.2f} {run['analyze_seconds']:>10.2f}"
            f" {run['ratio']:>6.2f} {run['encode_seconds']:>9.2f} {run['encoder_share']:>6.1%}"
            f" {run['claim_alignment_seconds']:>9.2f} {run['claim_alignment_share']:>6.1%}"
            f" {run['words_per_second']:>8.0f} {run['peak_mib']:>9.0f}"
        )


# Reports per story when timing claim alignment: a story of several outlets' reports.
STORY_SIZE = 5


def _claim_alignment_seconds(reports: list[Report], analyses: dict[str, ReportAnalysis]) -> float:
    """Time of the meaning links over the reports taken STORY_SIZE at a time as stories."""
    from storyline.corroborate import story_clauses
    from storyline.corroborate.align import link_matrix, similarity_matrix
    from storyline.corroborate.meaning import meaning_links

    encoder = choose_claim_encoder(EncodeOptions().claims)
    if encoder is None:
        return 0.0
    spent = 0.0
    for start in range(0, len(reports), STORY_SIZE):
        propositions, owners, _ = story_clauses(reports[start : start + STORY_SIZE], analyses)
        if len(propositions) < 2:
            continue
        similarity = similarity_matrix(propositions)
        linked = link_matrix(propositions, similarity)
        began = time.perf_counter()
        meaning_links(propositions, [owner.id for owner in owners], similarity, linked, encoder)
        spent += time.perf_counter() - began
    return spent


def _measure(nlp: Any, encoder: TextEncoder | None, reports: list[Report], repeat: int) -> dict[str, Any]:
    """The fastest of `repeat` runs of the pipe, the analysis, the encoder and claim alignment on `reports`."""
    words = sum(len(r.body.split()) for r in reports)
    pipe_time = analyze_time = encode_time = claim_time = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe((r.body for r in reports), batch_size=BATCH_SIZE):
            pass
        pipe_time = min(pipe_time, time.perf_counter() - start)
        start = time.perf_counter()
        analyses = {analysis.report: analysis for analysis in analyze_reports(reports, nlp)}
        analyze_time = min(analyze_time, time.perf_counter() - start)
        claim_time = min(claim_time, _claim_alignment_seconds(reports, analyses))
        start = time.perf_counter()
        if encoder is not None:
            encode_reports(reports, encoder, StoryOptions().meaning_min_share)
        encode_time = min(encode_time, time.perf_counter() - start)
    return {
        "reports": len(reports),
        "words": words,
        "pipe_seconds": round(pipe_time, 3),
        "analyze_seconds": round(analyze_time, 3),
        "ratio": round(analyze_time / pipe_time, 3),
        "encode_seconds": round(encode_time, 3),
        "encoder_share": round(encode_time / analyze_time, 4),
        "claim_alignment_seconds": round(claim_time, 3),
        "claim_alignment_share": round(claim_time / analyze_time, 4),
        "words_per_second": round(words / analyze_time),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


if __name__ == "__main__":
    main()
