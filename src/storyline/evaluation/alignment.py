"""Scores of cross-document alignment on ECB+ and NewsWCL50, and the refit of its weights.

Conventions, the usual ones for ECB+ event coreference:

- Mentions are compared within a story. The story of a document is its `cluster` in the
  corpus file (grouping="cluster"): for ECB+ that is the sub-topic, one real-world event,
  which storyline's story clustering recovers; grouping="topic" puts both events of an
  ECB+ topic together and is harder.
- Sentences: by default (sentences="validated") only ECB+'s validated sentences are scored,
  as recommended by its authors and done in most published work: elsewhere annotation is
  partial and leaves thousands of spurious singletons. sentences="all" scores every mention.
- Singletons count: a mention alone in its chain is a chain in B³ and CEAF-e (MUC ignores
  it by definition). Scores are micro-averaged over all mentions of the split.
- Gold mentions: the system chains exactly the gold mentions (scored with
  `storyline.evaluation.metrics.score_coreference`). On ECB+ the gold entity mentions of
  the same sentences go in too, unchained: alignment chains them first, and event pairs
  whose arguments fall in one entity chain are likelier to corefer. Only event chains
  are scored.
- Predicted mentions: triggers from `predict_event_mentions`, kept only in the scored
  sentences (lines holding a gold mention, validated ones by default), matched one-to-one to gold
  mentions by exact span, else by the predicted token being the gold head (or, failing
  that, lying inside the gold span). Unmatched predicted mentions stay in the response and
  cost precision; unmatched gold mentions cost recall, as in the CoNLL reference scorer
  (`score_coreference(..., response_mentions="all")`). Entity mentions are predicted
  too (`predict_entity_mentions`: noun phrases and names of the same lines) and aligned
  first, for the participant features; only event chains are scored.
- Entity chains: with gold mentions, the chains alignment builds over ECB+'s gold entity
  mentions (before events) are scored too, as "gold_entity_chains"; the event figures
  depend on them through the participant features.
- NewsWCL50 has no split and no mention detector here: every chain type is aligned as a
  concept ("entity") chain from gold mentions, with the weights fitted on ECB+.
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storyline.alignment import AlignmentOptions, MentionSpan, align_parsed, load_nlp, parse_documents
from storyline.alignment.align import entity_spans, group_mentions, link_probability
from storyline.alignment.clustering import cluster_links
from storyline.alignment.features import pair_features, profile_mentions
from storyline.alignment.triggers import predict_entity_mentions, predict_event_mentions
from storyline.alignment.weights import FEATURES
from storyline.errors import UsageError
from storyline.evaluation.metrics import score_coreference

logger = logging.getLogger(__name__)

SETTINGS = ("gold", "predicted", "both")
SENTENCES = ("validated", "all")
GROUPINGS = ("cluster", "topic")
# Regularisation of the logistic pair model in `refit` (inverse strength, sklearn's C).
REFIT_C = 1.0
# Thresholds tried by `refit` when it tunes the merge threshold on the same split.
REFIT_THRESHOLDS = tuple(round(0.05 * step, 2) for step in range(4, 19))


@dataclass(frozen=True, kw_only=True)
class Corpus:
    """A coreference corpus read from its two JSONL files."""

    docs: dict[str, str]
    clusters: dict[str, str]
    topics: dict[str, str]
    splits: dict[str, str]
    mentions: list[MentionSpan]
    chains: dict[str, str]
    annotated_lines: dict[str, set[int]] = field(default_factory=dict)
    validated_lines: dict[str, set[int]] = field(default_factory=dict)
    validated: frozenset[str] = frozenset()
    name: str = ""

    def select(self, split: str | None, kind: str | None, sentences: str = "all") -> tuple[list[MentionSpan], dict[str, str]]:
        """Gold mentions (and their chains) of one split and kind; None means all.

        sentences="validated" keeps only mentions in ECB+'s validated sentences.
        """
        chosen = [
            m
            for m in self.mentions
            if (split is None or self.splits.get(m.doc) == split)
            and (kind is None or m.kind == kind)
            and (sentences == "all" or m.id in self.validated)
        ]
        return chosen, {m.id: self.chains[m.id] for m in chosen}


def load_corpus(docs_path: Path, mentions_path: Path) -> Corpus:
    """Read ECB+ or NewsWCL50 (told apart by their mention records)."""
    for path in (docs_path, mentions_path):
        if not Path(path).is_file():
            raise UsageError(f"{path}: no such file; the corpora live in ../shared/data")
    docs, clusters, topics, splits = {}, {}, {}, {}
    for record in _records(docs_path):
        docs[record["id"]] = record["text"]
        clusters[record["id"]] = str(record.get("cluster") or record.get("subtopic") or record["id"])
        topics[record["id"]] = str(record.get("topic") or clusters[record["id"]])
        splits[record["id"]] = str(record.get("split") or "all")
    mentions, chains = [], {}
    annotated: dict[str, set[int]] = defaultdict(set)
    validated_lines: dict[str, set[int]] = defaultdict(set)
    validated: set[str] = set()
    for number, record in enumerate(_records(mentions_path)):
        doc_id = record["doc_id"]
        if "m_id" in record:
            mention_id = f"{doc_id}:{record['m_id']}"
            kind = record["kind"]
            line = docs[doc_id].count("\n", 0, record["start"]) if doc_id in docs else -1
            annotated[doc_id].add(line)
            if record.get("validated_sentence"):
                validated.add(mention_id)
                validated_lines[doc_id].add(line)
        else:
            mention_id = f"{doc_id}:{record['start']}-{record['end']}:{number}"
            kind = "entity"
        mentions.append(
            MentionSpan(id=mention_id, doc=doc_id, start=record["start"], end=record["end"], text=record["text"], kind=kind)
        )
        chains[mention_id] = str(record["chain"])
    return Corpus(
        docs=docs,
        clusters=clusters,
        topics=topics,
        splits=splits,
        mentions=mentions,
        chains=chains,
        annotated_lines=dict(annotated),
        validated_lines=dict(validated_lines),
        validated=frozenset(validated),
        name=Path(docs_path).stem,
    )


def evaluate_alignment(
    docs_path: Path,
    mentions_path: Path,
    *,
    setting: str = "both",
    split: str | None = None,
    grouping: str = "cluster",
    sentences: str = "validated",
    options: AlignmentOptions | None = None,
    nlp: Any = None,
) -> dict[str, Any]:
    """CoNLL F1 and its parts for gold and/or predicted mentions on one corpus split.

    ECB+ is scored on its event chains, NewsWCL50 on all its concept chains (gold
    mentions only: its "predicted_mentions" entry is None). `split` is "train", "dev" or
    None for every document.
    """
    if setting not in SETTINGS:
        raise UsageError(f"setting must be one of {', '.join(SETTINGS)}, got {setting!r}")
    corpus = load_corpus(docs_path, mentions_path)
    parsed = parse_documents(corpus.docs, nlp if nlp is not None else load_nlp(), _split_docs(corpus, split))
    return evaluate_parsed(corpus, parsed, setting=setting, split=split, grouping=grouping, sentences=sentences, options=options)


def evaluate_parsed(
    corpus: Corpus,
    parsed: Mapping[str, Any],
    *,
    setting: str = "both",
    split: str | None = None,
    grouping: str = "cluster",
    sentences: str = "validated",
    options: AlignmentOptions | None = None,
) -> dict[str, Any]:
    """`evaluate_alignment` over a loaded corpus whose documents are already parsed."""
    if sentences not in SENTENCES:
        raise UsageError(f"sentences must be one of {', '.join(SENTENCES)}, got {sentences!r}")
    stories = _stories(corpus, grouping)
    is_ecb = bool(corpus.annotated_lines)
    sentences = sentences if is_ecb else "all"
    kind = "event" if is_ecb else None
    result: dict[str, Any] = {
        "corpus": corpus.name,
        "split": split or "all",
        "grouping": grouping,
        "sentences": sentences,
        "singletons": "included",
        "chains": "event" if is_ecb else "all (as concept chains)",
    }
    gold_mentions, gold_chains = corpus.select(split, kind, sentences)
    if setting in ("gold", "both"):
        entities = corpus.select(split, "entity", sentences)[0] if is_ecb else []
        aligned = align_parsed(parsed, corpus.docs, gold_mentions + entities, options, stories=stories)
        predicted = {mention: aligned[mention] for mention in gold_chains}
        result["gold_mentions"] = _summary(_as_dict(score_coreference(gold_chains, predicted)), gold_chains, predicted)
        if entities:
            entity_gold = {m.id: corpus.chains[m.id] for m in entities}
            entity_chains = {m.id: aligned[m.id] for m in entities}
            entity_score = _as_dict(score_coreference(entity_gold, entity_chains))
            result["gold_entity_chains"] = _summary(entity_score, entity_gold, entity_chains)
    if setting in ("predicted", "both"):
        if not is_ecb:
            result["predicted_mentions"] = None
        else:
            lines = corpus.validated_lines if sentences == "validated" else corpus.annotated_lines
            system = _predicted_mentions(corpus, parsed, split, lines)
            entities = _predicted_mentions(corpus, parsed, split, lines, kind="entity")
            response = align_parsed(parsed, corpus.docs, system + entities, options, stories=stories)
            response = {mention.id: response[mention.id] for mention in system}
            renamed = _match(gold_mentions, system, parsed)
            response = {renamed.get(mention, mention): chain for mention, chain in response.items()}
            twinless = score_coreference(gold_chains, response, response_mentions="all")
            result["predicted_mentions"] = _summary(_as_dict(twinless), gold_chains, response)
            result["predicted_mentions"]["matched"] = len(renamed)
    return result


def report_alignment(data_dir: Path, *, grouping: str = "cluster", nlp: Any = None) -> dict[str, Any]:
    """Every figure of the alignment evaluation: ECB+ train, dev and all, and NewsWCL50."""
    nlp = nlp if nlp is not None else load_nlp()
    report: dict[str, Any] = {}
    ecb = load_corpus(data_dir / "ecbplus" / "ecbplus.jsonl", data_dir / "ecbplus" / "ecbplus_mentions.jsonl")
    parsed = parse_documents(ecb.docs, nlp)
    for split in ("train", "dev", None):
        report[f"ecbplus/{split or 'all'}"] = evaluate_parsed(ecb, parsed, split=split, grouping=grouping)
    wcl = load_corpus(data_dir / "newswcl50" / "newswcl50.jsonl", data_dir / "newswcl50" / "newswcl50_mentions.jsonl")
    report["newswcl50/all"] = evaluate_parsed(wcl, parse_documents(wcl.docs, nlp), setting="gold")
    return report


def refit(
    docs_path: Path,
    mentions_path: Path,
    *,
    split: str = "train",
    kind: str = "event",
    grouping: str = "cluster",
    sentences: str = "validated",
    nlp: Any = None,
) -> dict[str, Any]:
    """Fit the pair weights and tune the merge threshold on one split; print-ready.

    Pairs are all mention pairs of one kind within one story; the label is "same gold
    chain". The threshold maximises CoNLL F1 on the same split, with the kind's default
    linkage. Paste the result into
    `storyline.alignment.weights` and rerun the evaluation on the other split.
    """
    corpus = load_corpus(docs_path, mentions_path)
    parsed = parse_documents(corpus.docs, nlp if nlp is not None else load_nlp(), _split_docs(corpus, split))
    return refit_parsed(corpus, parsed, split=split, kind=kind, grouping=grouping, sentences=sentences)


def refit_parsed(
    corpus: Corpus,
    parsed: Mapping[str, Any],
    *,
    split: str | None = "train",
    kind: str | None = "event",
    grouping: str = "cluster",
    sentences: str = "validated",
) -> dict[str, Any]:
    """`refit` over a loaded corpus whose documents are already parsed."""
    from sklearn.linear_model import LogisticRegression

    mentions, chains = corpus.select(split, kind, sentences)
    stories = _stories(corpus, grouping)
    groups = group_mentions(mentions, stories)
    entities: dict[str, list[tuple[int, int, str]]] = {}
    if kind == "event" and corpus.annotated_lines:
        entity_mentions = corpus.select(split, "entity", sentences)[0]
        entities = entity_spans(entity_mentions, align_parsed(parsed, corpus.docs, entity_mentions, stories=stories))
    blocks, rows, labels = [], [], []
    for group in groups:
        features = pair_features(profile_mentions(parsed, group, entities), corpus.docs)
        upper = np.triu_indices(len(group), k=1)
        gold = np.array([chains[m.id] for m in group])
        blocks.append(features)
        rows.append(features[upper])
        labels.append((gold[:, None] == gold[None, :])[upper])
    model = LogisticRegression(C=REFIT_C, max_iter=2000)
    model.fit(np.concatenate(rows), np.concatenate(labels))
    weights = {"bias": round(float(model.intercept_[0]), 3)}
    weights.update({name: round(float(w), 3) for name, w in zip(FEATURES, model.coef_[0], strict=True)})
    method = AlignmentOptions().linkage(kind or "entity")
    best = (-1.0, 0.5)
    for threshold in REFIT_THRESHOLDS:
        predicted: dict[str, str] = {}
        for number, (group, features) in enumerate(zip(groups, blocks, strict=True)):
            assigned = cluster_links(link_probability(features, weights), threshold, method)
            predicted.update({m.id: f"{number}:{label}" for m, label in zip(group, assigned, strict=True)})
        conll = score_coreference(chains, predicted).conll_f1
        logger.info("threshold %.2f: CoNLL F1 %.4f", threshold, conll)
        best = max(best, (conll, threshold))
    return {"weights": weights, "threshold": best[1], "conll_f1": round(best[0], 4), "pairs": int(sum(map(len, labels)))}


def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _split_docs(corpus: Corpus, split: str | None) -> list[str]:
    return [doc for doc, value in corpus.splits.items() if split is None or value == split]


def _stories(corpus: Corpus, grouping: str) -> dict[str, str]:
    if grouping not in GROUPINGS:
        raise UsageError(f"grouping must be one of {', '.join(GROUPINGS)}, got {grouping!r}")
    return dict(corpus.clusters if grouping == "cluster" else corpus.topics)


def _predicted_mentions(
    corpus: Corpus, parsed: Mapping[str, Any], split: str | None, annotated: Mapping[str, set[int]], kind: str = "event"
) -> list[MentionSpan]:
    """Triggers (or entity mentions) of the split's documents, in the lines scored against gold."""
    predict = predict_event_mentions if kind == "event" else predict_entity_mentions
    found = []
    for doc_id in _split_docs(corpus, split):
        lines = annotated.get(doc_id, set())
        starts = _line_starts(corpus.docs[doc_id])
        for mention in predict(doc_id, corpus.docs[doc_id], None, doc=parsed[doc_id]):
            if _line_of(starts, mention.start) in lines:
                found.append(mention)
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(index + 1 for index, char in enumerate(text) if char == "\n")
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    return int(np.searchsorted(starts, offset, side="right")) - 1


def _match(gold: Sequence[MentionSpan], system: Sequence[MentionSpan], parsed: Mapping[str, Any]) -> dict[str, str]:
    """System mention id -> gold mention id, one-to-one: exact span, then head, then inside."""
    by_doc: dict[str, list[MentionSpan]] = defaultdict(list)
    for mention in system:
        by_doc[mention.doc].append(mention)
    taken: dict[str, str] = {}
    used: set[str] = set()
    gold_sorted = sorted(gold, key=lambda m: (m.doc, m.start))
    for rule in ("exact", "head", "inside"):
        for target in gold_sorted:
            if target.id in used:
                continue
            head = _gold_head(parsed[target.doc], target) if rule == "head" else None
            for candidate in by_doc.get(target.doc, []):
                if candidate.id in taken:
                    continue
                if (
                    (rule == "exact" and (candidate.start, candidate.end) == (target.start, target.end))
                    or (rule == "head" and head == (candidate.start, candidate.end))
                    or (rule == "inside" and target.start <= candidate.start and candidate.end <= target.end)
                ):
                    taken[candidate.id] = target.id
                    used.add(target.id)
                    break
    return taken


def _gold_head(doc: Any, mention: MentionSpan) -> tuple[int, int]:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return (-1, -1)
    root = span.root
    return (root.idx, root.idx + len(root.text))


def _as_dict(score: Any) -> dict[str, float]:
    return {
        name: float(getattr(score, name))
        for name in ("muc_p", "muc_r", "muc_f1", "b3_p", "b3_r", "b3_f1", "ceafe_p", "ceafe_r", "ceafe_f1", "conll_f1")
    }


def _summary(scores: Mapping[str, float], gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, Any]:
    summary: dict[str, Any] = {name: round(value, 4) for name, value in scores.items() if not math.isnan(value)}
    summary["mentions"] = len(gold)
    summary["chains_gold"] = len(set(gold.values()))
    summary["chains_pred"] = len(set(predicted.values()))
    return summary


def main() -> None:
    """Print the full alignment report as JSON: `python -m storyline.evaluation.alignment [DATA_DIR]`."""
    import sys

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from storyline.evaluation.locations import data_folder

    data_dir = data_folder(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    grouping = sys.argv[2] if len(sys.argv) > 2 else "cluster"
    print(json.dumps(report_alignment(data_dir, grouping=grouping), indent=2))


if __name__ == "__main__":
    main()
