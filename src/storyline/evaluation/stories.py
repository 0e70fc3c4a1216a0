"""Story clustering scored against a labelled corpus (ECB+, NewsWCL50).

Each text is first cleaned as `storyline ingest` cleans it (furniture, headline line,
dateline), so the score is the pipeline's. The reports are then clustered from scratch,
in file order (the arrival order), refined after every `refine_batch` reports as the
pipeline does after each batch, without being told how many stories there are; the
predicted stories are scored against the `cluster` labels with BCubed, pairwise F1 and
the adjusted Rand index.

Names come from the text (runs of capitalised words), as in `storyline update` by default
(`stories.names_from = "text"`). Each document's meaning vector comes from the encoder
`storyline update` uses (`[encode] stories`, "full" by default); its time is reported
apart (`encode_seconds`). With `entities=True` each document is first analysed with
the pinned spaCy pipeline and its canonical entity names feed clustering instead, as
`storyline update` does with `names_from = "entities"`.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from storyline.clean.report import clean_document
from storyline.encode.stage import choose_encoder, encode_texts
from storyline.errors import UsageError
from storyline.evaluation.metrics import score_clustering
from storyline.models import RawDocument, Report
from storyline.stories import StoryDocument, StoryOptions, cluster_documents

# Values some corpora use for a missing field.
_MISSING = frozenset({"", "none", "null", "nan"})


def read_labelled(path: Path, split: str | None = None) -> tuple[list[StoryDocument], dict[str, str]]:
    """Documents and gold story labels from a JSONL file with `id, text, cluster`.

    Optional fields: `title`, `date` (ISO), `source`; `split` keeps only rows whose
    `split` field equals it (ECB+ has "train" and "dev").
    """
    if not path.exists():
        raise UsageError(f"{path} does not exist (the story corpora live in ../shared/data)")
    docs: list[StoryDocument] = []
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                doc_id, text, cluster = str(row["id"]), str(row["text"]), str(row["cluster"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise UsageError(f"{path}:{number}: needs a JSON object with id, text and cluster ({exc})") from exc
            if split is not None and row.get("split") != split:
                continue
            docs.append(_cleaned(doc_id, text, row))
            gold[doc_id] = cluster
    if not docs:
        wanted = f" with split {split!r}" if split is not None else ""
        raise UsageError(f"{path}: no document{wanted} to score")
    return docs, gold


def _cleaned(doc_id: str, text: str, row: dict[str, Any]) -> StoryDocument:
    """The document as the pipeline clusters it: furniture, timestamps and the headline
    line told apart from the body by the same cleaning `storyline ingest` applies."""
    report = clean_document(
        RawDocument(origin=doc_id, text=text, title=_field(row, "title"), published=_field(row, "date"), source=_field(row, "source"))
    )
    return StoryDocument(id=doc_id, title=report.title, text=report.body, published=report.published, source=report.source)


def evaluate_stories(
    path: Path,
    options: StoryOptions | None = None,
    *,
    split: str | None = None,
    entities: bool = False,
    encoder: str = "full",
) -> dict[str, Any]:
    """Cluster the corpus at `path` and score the stories against its labels.

    `entities` analyses the documents first (needs the model; its time is not counted in
    `seconds`) and takes names from NER, as the pipeline does with `names_from = "entities"`.
    `encoder` ("full", "static" or "off") gives the documents their meaning vectors.
    """
    docs, gold = read_labelled(Path(path), split)
    if entities:
        docs = with_model_entities(docs)
        options = dataclasses.replace(options or StoryOptions(), names_from="entities")
    encode_start = time.perf_counter()
    docs = with_meaning(docs, encoder, options)
    encode_seconds = time.perf_counter() - encode_start
    start = time.perf_counter()
    predicted = cluster_documents(docs, options)
    seconds = time.perf_counter() - start
    score = score_clustering(gold, predicted)
    return {
        "bcubed_precision": round(score.bcubed_precision, 4),
        "bcubed_recall": round(score.bcubed_recall, 4),
        "bcubed_f1": round(score.bcubed_f1, 4),
        "pairwise_f1": round(score.pairwise_f1, 4),
        "ari": round(score.adjusted_rand, 4),
        "documents": score.documents,
        "clusters_gold": score.clusters_gold,
        "clusters_pred": score.clusters_pred,
        "seconds": round(seconds, 3),
        "encode_seconds": round(encode_seconds, 3),
        "encoder": encoder,
        "names_from": "entities" if entities else "text",
    }


def with_meaning(docs: list[StoryDocument], encoder: str, options: StoryOptions | None = None) -> list[StoryDocument]:
    """The documents with the meaning vectors the chosen encoder gives their headline and
    lead, where the pipeline would encode them (`StoryOptions.meaning_min_share`)."""
    chosen = choose_encoder(encoder)
    if chosen is None:
        return docs
    min_share = (options or StoryOptions()).meaning_min_share
    vectors = encode_texts([(doc.id, doc.title, doc.text) for doc in docs], chosen, min_share)
    return [dataclasses.replace(doc, meaning=vectors.get(doc.id), meaning_id=chosen.encoder_id) for doc in docs]


# The three corpora `evaluate_all` scores, each whole and on its held-back split.
STORY_CORPORA: tuple[tuple[str, str, str | None], ...] = (
    ("ecbplus", "ecbplus/ecbplus.jsonl", "dev"),
    ("allsides_leads", "allsides_leads/allsides_leads.jsonl", "val"),
    ("newswcl50", "newswcl50/newswcl50.jsonl", None),
)


def evaluate_all(data: Path, encoder: str = "full") -> dict[str, Any]:
    """BCubed F1 (with P and R) of every story corpus in `data`, whole and on its held-back split."""
    rows: dict[str, Any] = {}
    for name, relative, held_back in STORY_CORPORA:
        path = data / relative
        if not path.exists():
            raise UsageError(f"{path} does not exist (pass --data DIR or set $STORYLINE_DATA)")
        for split in (None, held_back) if held_back else (None,):
            result = evaluate_stories(path, split=split, encoder=encoder)
            label = name if split is None else f"{name} --split {split}"
            rows[label] = {key: result[key] for key in ("bcubed_f1", "bcubed_precision", "bcubed_recall", "documents")}
    return rows


def kmeans_baseline(path: Path, *, split: str | None = None, seed: int = 0) -> float:
    """BCubed F1 of K-means on tf-idf vectors when told the true number of stories.

    The reference the literature quotes for ECB+; storyline is never told the number.
    """
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs, gold = read_labelled(Path(path), split)
    if len(docs) < 2:
        raise UsageError(f"{path}: the baseline needs at least two documents")
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([f"{d.title}\n{d.text}" for d in docs])
    count = min(len(set(gold.values())), len(docs))
    labels = KMeans(n_clusters=count, n_init=10, random_state=seed).fit_predict(matrix)
    predicted = {doc.id: str(label) for doc, label in zip(docs, labels)}
    return round(score_clustering(gold, predicted).bcubed_f1, 4)


def with_model_entities(docs: list[StoryDocument]) -> list[StoryDocument]:
    """The documents with the canonical entity names the analysis stage finds in them."""
    from storyline.analyze import analyze_reports, load_nlp

    reports = [Report(id=doc.id, title=doc.title, body=doc.text, published=doc.published) for doc in docs]
    analyses = analyze_reports(reports, load_nlp())
    return [dataclasses.replace(doc, entities=analysis.entity_names()) for doc, analysis in zip(docs, analyses)]


def _field(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None or str(value).strip().lower() in _MISSING:
        return ""
    return str(value)
