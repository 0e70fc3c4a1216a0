"""Throughput and memory of copy detection and story clustering on synthetic streams.

The corpus imitates a news stream: story sizes are heavy-tailed (most stories have one
report, a few have hundreds), words follow a Zipf law, each story has its own names and
vocabulary, reports of a story fall within a few days, and some reports are wire copies
with a few words changed. Stories are refined after every `refine_batch` reports, as the
pipeline does after each batch. Each size runs in a fresh process so its peak memory is its own.

Reports are written in sentences of about 20 words, so the headline and lead (three
sentences) are a small share of a full report and the pipeline's rule passes them over
the encoder (StoryOptions.meaning_min_share); with `--words 60` every report is a headline
and lead, as in a feed of summaries, and each is encoded. The encoder's time is timed
apart and given as its share of the whole.

    storyline bench stories [--sizes 1000,10000,100000] [--words 300] [--encoder full|static|off] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import multiprocessing
import resource
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from storyline.copies import CopyIndex
from storyline.encode.stage import choose_encoder, encode_texts
from storyline.evaluation.metrics import score_clustering
from storyline.stories import StoryClusterer, StoryDocument

# Shape of the synthetic stream.
VOCABULARY = 50_000
ZIPF_EXPONENT = 1.1
WORDS_PER_REPORT = 300
STORY_WORDS = 40
STORY_NAMES = 6
COPY_SHARE = 0.1
STORY_SIZE_EXPONENT = 2.0
SENTENCE_WORDS = 20
SPAN_DAYS = 365
SEED = 11


def make_stream(size: int, seed: int = SEED, words_per_report: int = WORDS_PER_REPORT) -> tuple[list[StoryDocument], dict[str, str]]:
    """`size` synthetic reports in arrival (date) order, and their gold story labels."""
    rng = np.random.default_rng(seed)
    words = np.array([f"w{index}" for index in range(VOCABULARY)])
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** ZIPF_EXPONENT
    weights /= weights.sum()
    docs: list[tuple[int, StoryDocument]] = []
    gold: dict[str, str] = {}
    start = datetime.date(2025, 1, 1).toordinal()
    story = 0
    while len(docs) < size:
        reports = min(int(rng.zipf(STORY_SIZE_EXPONENT)), size - len(docs))
        topic = rng.choice(words[100:], STORY_WORDS)
        names = [f"Name{story}x{index}" for index in range(STORY_NAMES)]
        day = start + int(rng.integers(SPAN_DAYS))
        previous = ""
        for number in range(reports):
            doc_id = f"s{story}r{number}"
            if previous and rng.random() < COPY_SHARE:
                tokens = previous.split()
                for index in rng.choice(len(tokens), max(1, len(tokens) // 20), replace=False):
                    tokens[index] = str(words[rng.integers(VOCABULARY)])
                text = " ".join(tokens)
            else:
                background = rng.choice(words, words_per_report, p=weights)
                specific = rng.choice(topic, words_per_report // 4)
                named = rng.choice(names, max(1, words_per_report // 30))
                body = np.concatenate([background, specific, named])
                rng.shuffle(body)
                tokens = body.tolist()
                text = " ".join(
                    " ".join(tokens[at : at + SENTENCE_WORDS]) + "." for at in range(0, len(tokens), SENTENCE_WORDS)
                )
                previous = text
            published = datetime.date.fromordinal(day + int(rng.integers(3))).isoformat()
            title = " ".join([names[0], *rng.choice(topic, 6).tolist()])
            docs.append((day, StoryDocument(id=doc_id, title=title, text=text, published=published)))
            gold[doc_id] = f"s{story}"
        story += 1
    docs.sort(key=lambda item: (item[1].published, item[1].id))
    return [doc for _, doc in docs], gold


def run_size(size: int, words_per_report: int = WORDS_PER_REPORT, encoder_name: str = "full") -> dict[str, Any]:
    """Generate, then time encode + copies + stories over `size` reports; peak memory of this process."""
    docs, gold = make_stream(size, words_per_report=words_per_report)
    copies = CopyIndex()
    stories = StoryClusterer()
    encoder = choose_encoder(encoder_name)
    found_copies = 0
    moved = 0
    batch = stories.options.refine_batch
    start = time.perf_counter()
    encoded = 0
    if encoder is not None:
        vectors = encode_texts([(doc.id, doc.title, doc.text) for doc in docs], encoder, stories.options.meaning_min_share)
        encoded = len(vectors)
        docs = [dataclasses.replace(doc, meaning=vectors.get(doc.id), meaning_id=encoder.encoder_id) for doc in docs]
    encode_seconds = time.perf_counter() - start
    for count, doc in enumerate(docs, start=1):
        if copies.add(doc.id, doc.text, doc.published):
            found_copies += 1
        stories.add(doc)
        if count % batch == 0:
            moved += len(stories.refine())
    moved += len(stories.refine())
    seconds = time.perf_counter() - start
    score = score_clustering(gold, stories.assignments())
    return {
        "reports": size,
        "seconds": round(seconds, 2),
        "reports_per_second": round(size / seconds, 1),
        "encoder": encoder_name,
        "encoded": encoded,
        "encode_seconds": round(encode_seconds, 2),
        "encode_share": round(encode_seconds / seconds, 3) if seconds else 0.0,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "copies_found": found_copies,
        "refine_moves": moved,
        "stories": score.clusters_pred,
        "stories_gold": score.clusters_gold,
        "bcubed_f1": round(score.bcubed_f1, 4),
    }


def main(
    sizes: Sequence[int] = (1000, 10000, 100000), as_json: bool = False, words: int = WORDS_PER_REPORT, encoder: str = "full"
) -> list[dict[str, Any]]:
    """Run each size in its own process and print one row per size."""
    rows = []
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        with context.Pool(1) as pool:
            row = pool.apply(run_size, (size, words, encoder))
        rows.append(row)
        if not as_json:
            print(
                f"{row['reports']:>7} reports  {row['seconds']:>8.2f} s  {row['reports_per_second']:>8.1f} reports/s  "
                f"encoder {row['encoder']} on {row['encoded']} ({row['encode_share']:.0%} of the time)  "
                f"peak {row['peak_rss_mib']:>8.1f} MiB  copies {row['copies_found']:>6}  "
                f"moved {row['refine_moves']:>5}  stories {row['stories']:>6} (gold {row['stories_gold']})  BCubed F1 {row['bcubed_f1']:.3f}",
                flush=True,
            )
    if as_json:
        print(json.dumps(rows, indent=2))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--words", type=int, default=WORDS_PER_REPORT)
    parser.add_argument("--encoder", choices=("full", "static", "off"), default="full")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    main(arguments.sizes, arguments.json, arguments.words, arguments.encoder)
    sys.exit(0)
