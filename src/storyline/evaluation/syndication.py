"""Copy detection scored on generated syndication, and checked on independent reports.

No public corpus labels wire copies, so copies are made: each base report is reprinted
with the edits syndication really makes (about 5 % of words changed, a new headline, the
last paragraphs cut, page furniture added). Detection is scored on the pairs of reports
it groups together. The other half of the check uses real corpora (ECB+, NewsWCL50) whose
reports of one story were written independently: none of them should be called a copy.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.copies import CopyIndex, CopyOptions, normalise_words, shingles

# Share of words replaced in a copy: the edit rate of a lightly subedited wire story.
WORD_EDIT_RATE = 0.05
# Copies generated per base report: enough pairs to measure 0.98 precision on a corpus
# of a few dozen reports.
COPIES_PER_REPORT = 5
# A copy keeps at least this share of the base paragraphs when its ending is trimmed.
MIN_KEPT_PARAGRAPHS = 0.6
# Below this exact word 3-gram containment two reports are written differently: a copy
# found between them is a false one. Independent ECB+ reports of one event stay below
# 0.3; verbatim reprints are above 0.8.
WRITTEN_DIFFERENTLY = 0.5
# Page lines a reprint may carry; added above or below the body.
FURNITURE = (
    "Share this article",
    "Advertisement",
    "Sign up for our daily newsletter",
    "Reporting by staff; editing by the news desk",
    "Copyright {year} All rights reserved.",
    "Click here to read more stories like this",
    "Follow us on social media for the latest updates",
    "This story was published from a wire agency feed without modifications to the text.",
)


@dataclass(frozen=True, kw_only=True)
class LabelledText:
    """A report for the copy evaluation: its group is the base report it was made from."""

    id: str
    text: str
    group: str
    published: str = ""


def read_base_reports(path: Path, limit: int | None = None) -> list[LabelledText]:
    """Base reports from a JSONL of reports (`text`, and `id` or `url`; optional `title`, `date_publish`/`date`).

    Copies already planted in the corpus, listed as `copies` (`copy`, `original`) in an
    `answer_key.json` beside it, share their original's group.
    """
    planted = _planted_copies(Path(path).with_name("answer_key.json"))
    reports: list[LabelledText] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if not line.strip():
                continue
            row = json.loads(line)
            text = str(row.get("text") or "")
            if len(text.split()) < 50:
                continue
            doc_id = str(row.get("id") or row.get("url") or f"report-{number}")
            title = row.get("title")
            body = f"{title}\n{text}" if title and str(title).lower() != "none" else text
            published = str(row.get("date_publish") or row.get("date") or "")
            group = planted.get(doc_id, doc_id)
            reports.append(LabelledText(id=doc_id, text=body, group=group, published=published if published != "None" else ""))
            if limit is not None and len(reports) >= limit:
                break
    return reports


def _planted_copies(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    key = json.loads(path.read_text(encoding="utf-8"))
    return {str(pair["copy"]): str(pair["original"]) for pair in key.get("copies", []) if isinstance(pair, dict)}


def make_copies(bases: Sequence[LabelledText], seed: int = 7, copies_per_report: int = COPIES_PER_REPORT) -> list[LabelledText]:
    """Bases followed by their edited copies, shuffled into a seeded arrival order."""
    rng = random.Random(seed)
    vocabulary = sorted({word for base in bases for word in base.text.split() if word.isalpha()})
    made: list[LabelledText] = list(bases)
    for base in bases:
        for number in range(copies_per_report):
            made.append(
                LabelledText(
                    id=f"{base.id}#copy{number}",
                    text=edit_copy(base.text, rng, vocabulary),
                    group=base.group,
                    published=base.published,
                )
            )
    rng.shuffle(made)
    return made


def edit_copy(text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """A reprint of `text`: new headline, ~5 % words replaced, maybe trimmed, maybe with furniture."""
    paragraphs = [line for line in text.splitlines() if line.strip()]
    if len(paragraphs) > 2 and rng.random() < 0.5:
        keep = max(1, int(len(paragraphs) * rng.uniform(MIN_KEPT_PARAGRAPHS, 1.0)))
        paragraphs = paragraphs[:keep]
    edited = []
    for paragraph in paragraphs[1:] if len(paragraphs) > 1 else paragraphs:
        words = paragraph.split()
        for index in range(len(words)):
            if rng.random() < WORD_EDIT_RATE:
                words[index] = rng.choice(vocabulary) if vocabulary else words[index][::-1]
        edited.append(" ".join(words))
    headline_words = " ".join(rng.sample(vocabulary, k=min(8, len(vocabulary)))).capitalize()
    lines = [headline_words, *edited]
    if rng.random() < 0.5:
        lines.insert(0, rng.choice(FURNITURE).format(year=2000 + rng.randrange(30)))
    if rng.random() < 0.5:
        lines.extend(rng.choice(FURNITURE).format(year=2000 + rng.randrange(30)) for _ in range(rng.randrange(1, 4)))
    return "\n".join(lines)


def detect(items: Iterable[LabelledText], options: CopyOptions | None = None) -> dict[str, str]:
    """Report id -> id of its original (itself when it is not a copy), in arrival order."""
    index = CopyIndex(options)
    found: dict[str, str] = {}
    for item in items:
        original = index.add(item.id, item.text, item.published) or item.id
        found[item.id] = found.get(original, original)
    return found


def evaluate_copies(
    base_path: Path,
    independent: Sequence[Path] = (),
    options: CopyOptions | None = None,
    *,
    limit: int | None = None,
    seed: int = 7,
    copies_per_report: int = COPIES_PER_REPORT,
) -> dict[str, Any]:
    """Precision and recall of copy pairs on generated syndication; false copies on real corpora.

    `base_path` is a JSONL of reports to copy; `independent` are labelled corpora (JSONL
    with `id, text, cluster`) whose reports are independent: any copy found among reports
    of one `cluster` counts in `false_copies_same_story`.
    """
    bases = read_base_reports(base_path, limit)
    items = make_copies(bases, seed, copies_per_report)
    predicted = detect(items, options)
    gold = {item.id: item.group for item in items}
    precision, recall = _pair_scores(gold, predicted)
    found_same_story = false_same_story = 0
    for path in independent:
        found, different = count_false_copies(path, options)
        found_same_story += found
        false_same_story += different
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall), 4),
        "copies": len(items) - len(bases),
        "originals": len(bases),
        "false_copies_same_story": false_same_story,
        "copies_found_same_story": found_same_story,
    }


def count_false_copies(path: Path, options: CopyOptions | None = None) -> tuple[int, int]:
    """Copies found among reports of one story in a labelled corpus: (all, written differently).

    News corpora hold real syndication too (ECB+ has AP stories reprinted by several
    papers), so every copy found is counted, and separately those that are not backed by
    shared text: less than `WRITTEN_DIFFERENTLY` of the shorter report's word 3-grams
    appear in any other report of its copy family (the original and its other copies; a
    reprint of a reprint is credited to the first original, with which it may share less).
    Only the second are errors.
    """
    items = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                items.append(LabelledText(id=str(row["id"]), text=str(row["text"]), group=str(row["cluster"])))
    texts = {item.id: item.text for item in items}
    groups = {item.id: item.group for item in items}
    found = detect(items, options)
    families: dict[str, list[str]] = {}
    for doc_id, original in found.items():
        families.setdefault(original, []).append(doc_id)
    same_story = [
        (doc_id, original) for doc_id, original in found.items() if original != doc_id and groups[original] == groups[doc_id]
    ]
    different = sum(
        1
        for doc_id, original in same_story
        if max(containment(texts[doc_id], texts[other]) for other in families[original] if other != doc_id)
        < WRITTEN_DIFFERENTLY
    )
    return len(same_story), different


def containment(first: str, second: str, size: int = 3) -> float:
    """Exact share of the shorter text's word n-grams found in the other text."""
    a = shingles(normalise_words(first), size)
    b = shingles(normalise_words(second), size)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _pair_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of 'same original' between two groupings."""

    def pairs(grouping: Mapping[str, str]) -> set[tuple[str, str]]:
        members: dict[str, list[str]] = {}
        for item, group in grouping.items():
            members.setdefault(group, []).append(item)
        return {(a, b) for group in members.values() for a in group for b in group if a < b}

    gold_pairs, predicted_pairs = pairs(gold), pairs(predicted)
    shared = len(gold_pairs & predicted_pairs)
    precision = shared / len(predicted_pairs) if predicted_pairs else 1.0
    recall = shared / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall
