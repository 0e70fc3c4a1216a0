"""Fact alignment on real reports, scored against ECB+'s gold event chains.

    evaluate_fact_alignment(docs, mentions, split=None) -> dict

The example corpus's answer key measures facts on text this project wrote; this measures the
same alignment (`storyline.corroborate`) on real news. Each gold story (`cluster`, one
real-world event) is analysed and corroborated as storyline would, with every document its
own outlet, so story clustering errors stay out of the figure. Each clause (proposition) is
labelled with the gold event chains of the event mentions inside its span. Over pairs of
clauses from different documents of one story, both labelled:

- pair_precision: of the pairs put in one fact, the share that share a gold event chain;
  a pair that shares none states two different events, so its fact is wrong;
- pair_recall: of the clear-cut pairs (each clause holds exactly one gold event mention,
  of the same chain), the share put in one fact. Clauses mentioning one event can still
  state different things about it ("was shot" / "shooting was investigated"), so perfect
  recall is not the aim: the figure tracks how often one event's mentions meet.

Only mentions in ECB+'s validated sentences count (as in `storyline eval alignment`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.corroborate.meaning import SHIPPED_MODEL, LinkModel
from storyline.encode.stage import TextEncoder
from storyline.errors import UsageError
from storyline.evaluation.jsonl import json_lines
from storyline.models import Proposition, Report, ReportAnalysis


def evaluate_fact_alignment(
    docs: Path, mentions: Path, split: str | None = None, *, claims: str = "static", link_model: LinkModel = SHIPPED_MODEL
) -> dict[str, Any]:
    """Pairwise precision and recall of fact alignment against gold event chains; `claims` is
    the `[encode] claims` choice ("static" or "off")."""
    from storyline.encode.stage import choose_claim_encoder

    started = time.perf_counter()
    gold = load_gold_stories(docs, mentions, split)
    result = alignment_scores(gold, choose_claim_encoder(claims), link_model)
    return {
        "documents": sum(len(members) for members in gold.stories.values()),
        "stories": len(gold.stories),
        "claims_encoder": claims,
        **result,
        "seconds": round(time.perf_counter() - started, 2),
    }


@dataclass(frozen=True)
class GoldStories:
    """ECB+ documents grouped by gold story, their analyses, and each one's gold event spans."""

    stories: dict[str, list[Report]]
    analyses: dict[str, ReportAnalysis]
    spans: dict[str, list[tuple[int, int, str]]]

    def chains(self, report: str, proposition: Proposition) -> frozenset[str]:
        """The gold event chains named inside a clause's span."""
        return _chains(self.spans.get(report, ()), proposition.start, proposition.end)


def load_gold_stories(docs: Path, mentions: Path, split: str | None = None) -> GoldStories:
    """Read and analyse the documents (of one split), as storyline would."""
    from storyline.analyze import analyze_reports, load_nlp

    documents = _documents(Path(docs), split)
    spans = _event_spans(Path(mentions), set(documents))
    stories: dict[str, list[Report]] = defaultdict(list)
    for doc_id, row in documents.items():
        stories[str(row["cluster"])].append(Report(id=doc_id, body=row["text"], source=row.get("source") or doc_id))
    reports = [report for members in stories.values() for report in members]
    analyses = {a.report: a for a in analyze_reports(reports, load_nlp())}
    return GoldStories(stories=dict(stories), analyses=analyses, spans=spans)


def alignment_scores(gold: GoldStories, encoder: TextEncoder | None, link_model: LinkModel = SHIPPED_MODEL) -> dict[str, Any]:
    """Corroborate each gold story and score its facts' clause pairs (see the module docstring)."""
    from storyline.corroborate import corroborate_story

    aligned = together = clear = clear_aligned = labelled = 0
    for story_id, members in gold.stories.items():
        story = corroborate_story(story_id, members, gold.analyses, encoder, link_model)
        fact_of: dict[tuple[str, int, int], set[str]] = defaultdict(set)
        for fact in story.facts:
            for span in fact.support:
                fact_of[(span.report, span.start, span.end)].add(fact.id)
        clauses = []  # (document, clause key, gold chains inside the clause), labelled only
        for report in members:
            for p in gold.analyses[report.id].propositions:
                chains = gold.chains(report.id, p)
                if chains:
                    clauses.append((report.id, (report.id, p.start, p.end), chains))
        labelled += len(clauses)
        for i, (doc_a, key_a, chains_a) in enumerate(clauses):
            for doc_b, key_b, chains_b in clauses[i + 1 :]:
                if doc_a == doc_b:
                    continue
                same_fact = bool(fact_of[key_a] & fact_of[key_b])
                if same_fact:
                    aligned += 1
                    together += bool(chains_a & chains_b)
                if len(chains_a) == 1 and chains_a == chains_b:
                    clear += 1
                    clear_aligned += same_fact
    precision = together / aligned if aligned else 0.0
    recall = clear_aligned / clear if clear else 0.0
    return {
        "clauses_labelled": labelled,
        "pairs_aligned": aligned,
        "pair_precision": round(precision, 4),
        "pairs_clear_cut": clear,
        "pair_recall": round(recall, 4),
        "pair_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
    }


def _documents(path: Path, split: str | None) -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for number, row in json_lines(path):
        if not isinstance(row.get("text"), str) or "id" not in row or "cluster" not in row:
            raise UsageError(f"{path}:{number}: each line needs an id, a text and a cluster")
        if split is None or row.get("split") == split:
            documents[str(row["id"])] = row
    if not documents:
        raise UsageError(f"{path}: no documents" + (f" in split {split!r}" if split else ""))
    return documents


def _event_spans(path: Path, documents: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, the (start, end, chain) of each gold event mention in a validated sentence."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for _number, row in json_lines(path):
        if row.get("kind") == "event" and row.get("validated_sentence") and str(row.get("doc_id")) in documents:
            spans[str(row["doc_id"])].append((int(row["start"]), int(row["end"]), str(row["chain"])))
    return spans


def _chains(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> frozenset[str]:
    return frozenset(chain for a, b, chain in spans if start <= a and b <= end)
