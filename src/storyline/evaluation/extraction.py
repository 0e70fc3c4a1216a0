"""Extraction quality of the HTML path on a labelled page set (../shared/data/article_extraction).

The directory holds ground-truth.json ({id: {articleBody, url}}) and html/<id>.html.gz.
Scores are the word 4-gram measure of `storyline.evaluation.metrics.score_extraction`;
speed counts extraction time only, not reading the files.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.clean.html import HtmlError, HtmlOptions, extract_html
from storyline.evaluation.metrics import score_extraction

LOGGER = logging.getLogger(__name__)

# Pages sent to a worker process at a time: large enough to amortise pickling, small
# enough to keep both workers busy to the end of a 181-page run.
CHUNK_SIZE = 8


@dataclass(frozen=True, kw_only=True)
class LabelledPage:
    """One page of an extraction test set: its stored bytes, URL and true main text."""

    page_id: str
    data: bytes
    url: str
    true_body: str


def load_pages(directory: Path) -> Iterator[LabelledPage]:
    """Every labelled page of `directory`, in ground-truth order."""
    truth: dict[str, dict[str, str]] = json.loads((directory / "ground-truth.json").read_text("utf-8"))
    for page_id, record in truth.items():
        path = directory / "html" / f"{page_id}.html.gz"
        if not path.exists():
            path = directory / "html" / f"{page_id}.html"
        yield LabelledPage(
            page_id=page_id, data=path.read_bytes(), url=record.get("url", ""), true_body=record.get("articleBody", "")
        )


def extract_bodies(pages: Iterable[LabelledPage], options: HtmlOptions | None = None, *, workers: int = 1) -> list[str]:
    """Extracted body of each page, in order; "" for a page the HTML path rejects.

    `workers` > 1 spreads pages over that many processes (extraction is CPU-bound).
    """
    items = [(page.page_id, page.data, page.url) for page in pages]
    if workers <= 1:
        return [_extract_body(item, options) for item in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_extract_body, items, [options] * len(items), chunksize=CHUNK_SIZE))


def evaluate_extraction(directory: Path, options: HtmlOptions | None = None, *, workers: int = 1) -> dict[str, Any]:
    """Precision, recall, F1, documents and pages_per_second of `extract_html` on `directory`."""
    pages = list(load_pages(Path(directory)))
    started = time.perf_counter()
    bodies = extract_bodies(pages, options, workers=workers)
    seconds = time.perf_counter() - started
    score = score_extraction(zip(bodies, (page.true_body for page in pages)))
    return {
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "documents": score.documents,
        "pages_per_second": len(pages) / seconds if seconds > 0 else 0.0,
    }


def _extract_body(item: tuple[str, bytes, str], options: HtmlOptions | None) -> str:
    page_id, data, url = item
    try:
        return extract_html(data, url, options).body
    except HtmlError as exc:
        LOGGER.info("%s rejected (%s): %s", page_id, exc.reason.value, exc)
        return ""
