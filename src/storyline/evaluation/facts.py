"""Facts from scratch against the example corpus answer key (and the seed checks).

    evaluate_facts(corpus_dir, seeds_dir) -> dict

The real pipeline runs in a temporary store (ingest, update), then each answer-key fact is
located among the predicted facts of the stories its reports landed in: a predicted fact
matches when one of its supporting sentences contains every keyword. Matches are ranked
by how many of the listed reports their keyword-bearing sentences cover, then by how few
reports they add.

- fact_recall: answer-key facts with a match that covers every listed report (the best
  ranked such match is scored); a report that splits the fact over two sentences is
  covered by the match together with one companion fact holding the missing keywords in
  at least two listed reports (`_split_covered`);
- facts_folded: answer-key facts found only as a fact folded away as minor (an answer-key
  fact is one a reader needs, so it should be shown: corroborate/salience.py);
- status_accuracy / sources_accuracy: of those found, the share with the right status /
  exactly the listed reports' outlets as sources;
- status_errors: answer-key facts with no match or a match of the wrong status;
- conflict_precision / conflict_recall: predicted conflicting facts against the planted
  conflicts (story, and each planted value given by the planted reports);
- citation_recall: citations whose cited outlet is recorded as an origin of a fact of the
  citing report;
- copies_not_independent: share of planted copies whose outlet is never counted as an
  independent source of a fact of their story;
- seed checks (data/README.md, "The seeds, as a test case") when seeds_dir exists.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.models import Fact, Report, Span, StoryAnalysis

log = logging.getLogger(__name__)

ET = "E&T"
REUTERS = "Reuters"
# The seed facts of data/README.md: (label, keywords that must all occur in one supporting
# clause, as tests/test_seed_facts.py locates them; expected status; outlets, by name
# prefix, that must state it).
SEED_FACTS: tuple[tuple[str, tuple[str, ...], str, frozenset[str]], ...] = (
    ("pledge", ("signed", "cyber attacks"), "corroborated", frozenset({ET, REUTERS})),
    ("limited to economic espionage", ("intelligence gathering",), "corroborated", frozenset({ET, REUTERS})),
    ("negotiators", ("talks", "Wang Yongqing"), "corroborated", frozenset({ET, REUTERS})),
    ("opposition's criticism", ("thoroughly",), "corroborated", frozenset({ET, REUTERS})),
    ("2015 US-China precedent", ("2015", "similar"), "corroborated", frozenset({ET, REUTERS})),
    ("new cyber security law", ("implemented", "cyber security"), "corroborated", frozenset({ET, REUTERS})),
    ("Hytera buys Norsat", ("Hytera", "Norsat"), "single-source", frozenset({REUTERS})),
    ("China also a victim", ("victim",), "single-source", frozenset({REUTERS})),
    ("breaches dropped after 2015", ("breaches", "dropped"), "single-source", frozenset({REUTERS})),
    ("drone technology example", ("drone",), "single-source", frozenset({ET})),
    ("data-storage security checks", ("security checks", "store data"), "single-source", frozenset({ET})),
)
# Listed reports a companion fact must span to complete an answer-key fact that a report
# split over two facts (see `_split_covered`).
COMPANION_MIN_REPORTS = 2
# Page furniture that must not survive cleaning in the seeds.
SEED_FURNITURE = ("Recent articles", "Info Message", "cookies", "Reporting by", "REUTERS/")


@dataclass(frozen=True)
class PipelineRun:
    """What one pipeline run left in the store, keyed for scoring."""

    reports: dict[str, Report]
    by_url: dict[str, Report]
    story_of: dict[str, str]
    analyses: dict[str, StoryAnalysis]
    sentences: dict[tuple[str, int], str]
    bounds: dict[str, list[tuple[int, int, str]]]
    speakers: dict[str, list[tuple[int, int, str]]]


def evaluate_facts(corpus_dir: Path, seeds_dir: Path | None = None) -> dict[str, Any]:
    """Run ingest + update from scratch on `corpus_dir/reports.jsonl` and score the facts layer."""
    started = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    key = json.loads((corpus_dir / "answer_key.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        run = run_pipeline([corpus_dir / "reports.jsonl"], Path(tmp) / "facts.db")
    result: dict[str, Any] = {}
    result.update(_score_facts(key["facts"], run))
    result.update(_score_conflicts(key.get("conflicts", []), run))
    result["citation_recall"] = _citation_recall(key.get("citations", []), run)
    result["copies_not_independent"] = _copies_not_independent(key.get("copies", []), run)
    passed, total, failures = 0, 0, []
    if seeds_dir is not None and Path(seeds_dir).is_dir():
        with tempfile.TemporaryDirectory(prefix="storyline-eval-seeds-") as tmp:
            seeds = run_pipeline([Path(seeds_dir)], Path(tmp) / "seeds.db")
        checks = seed_checks(seeds)
        passed = sum(1 for ok in checks.values() if ok)
        total = len(checks)
        failures = [name for name, ok in checks.items() if not ok]
    result["seed_checks_passed"] = passed
    result["seed_checks_total"] = total
    result["seed_checks_failed"] = failures
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def run_pipeline(paths: Sequence[Path], db: Path) -> PipelineRun:
    """Ingest and update `paths` into a new store at `db` and read back what scoring needs."""
    from storyline.models import ReportAnalysis
    from storyline.pipeline import ingest_paths, update
    from storyline.store import open_store

    with open_store(db) as store:
        ingest_paths(store, list(paths))
        update(store)
        reports = {r.id: r for r in store.iter_reports()}
        story_of = {rid: store.story_of(rid) for rid in reports}
        analyses: dict[str, StoryAnalysis] = {}
        for story_id in dict.fromkeys(story_of.values()):
            analysis = store.get_analysis(story_id) if story_id else None
            if analysis is not None:
                analyses[story_id] = analysis
        sentences: dict[tuple[str, int], str] = {}
        bounds: dict[str, list[tuple[int, int, str]]] = {}
        for rid, data in store.get_features(list(reports), "nlp").items():
            for sentence in ReportAnalysis.from_dict(data).sentences:
                sentences[(rid, sentence.index)] = sentence.text
                bounds.setdefault(rid, []).append((sentence.start, sentence.end, sentence.text))
    speakers: dict[str, list[tuple[int, int, str]]] = {}
    for analysis in analyses.values():
        for quote in analysis.quotes:
            if quote.span is not None and quote.speaker:
                speakers.setdefault(quote.report, []).append((quote.span.start, quote.span.end, quote.speaker))
    by_url = {r.url: r for r in reports.values() if r.url}
    return PipelineRun(reports=reports, by_url=by_url, story_of=story_of, analyses=analyses, sentences=sentences,
                bounds=bounds, speakers=speakers)


def _keyword_reports(fact: Fact, keywords: Sequence[str], run: PipelineRun) -> set[str]:
    """Reports in which the fact's supporting sentences hold every keyword.

    A report's evidence is every sentence its supporting spans touch (a quotation can run
    over two) plus the speakers of the quotations at those spans: 'Sam Oduya: "..."' is
    found in '"...," he said' once "he" is resolved to Sam Oduya.
    """
    evidence = _evidence(fact, run)
    return {report for report, text in evidence.items() if all(k in text for k in keywords)}


def _evidence(fact: Fact, run: PipelineRun) -> dict[str, str]:
    """Per report, the text of the fact's supporting sentences and quotation speakers."""
    evidence: dict[str, list[str]] = {}
    for span in fact.support:
        texts = evidence.setdefault(span.report, [])
        texts.append(run.sentences.get((span.report, span.sentence), ""))
        for start, end, text in run.bounds.get(span.report, ()):
            if start < span.end and span.start < end:
                texts.append(text)
        for start, end, speaker in run.speakers.get(span.report, ()):
            if start < span.end and span.start < end:
                texts.append(speaker)
    return {report: " ".join(texts) for report, texts in evidence.items()}


def _split_covered(fact: Fact, candidates: Sequence[Fact], keywords: Sequence[str], expected: set[str], run: PipelineRun) -> bool:
    """Whether the listed reports the fact misses state it split over two facts.

    A report can put one answer-key fact in two sentences ("... needed hospital care. No
    deaths have been reported."), which the pipeline rightly keeps as two facts. Such a
    report counts when it supports `fact` and one companion fact that holds the keywords
    `fact` lacks there, and holds them in at least COMPANION_MIN_REPORTS listed reports:
    the companion is the other half of the fact aligned across reports, not a stray clause
    of that one report (nor a clause the pipeline put in the wrong fact).
    """
    own = _evidence(fact, run)
    missing = {r for r in expected if not all(k in own.get(r, "") for k in keywords)}
    if not missing or not missing <= set(fact.reports):
        return not missing
    for companion in candidates:
        if companion.id == fact.id:
            continue
        other = _evidence(companion, run)
        if all(_completes(keywords, own[r], other, r, expected) for r in missing):
            return True
    return False


def _completes(keywords: Sequence[str], own: str, other: Mapping[str, str], report: str, expected: set[str]) -> bool:
    """The companion holds, in `report`, each keyword the fact lacks there, and holds it in
    COMPANION_MIN_REPORTS listed reports in all."""
    lacking = [k for k in keywords if k not in own]
    return report in other and all(
        k in other[report] and sum(k in other.get(r, "") for r in expected) >= min(COMPANION_MIN_REPORTS, len(expected))
        for k in lacking
    )


def ranked_matches(candidates: Sequence[Fact], keywords: Sequence[str], expected: set[str], run: PipelineRun) -> list[Fact]:
    """Predicted facts whose evidence holds every keyword in some report, best first: most
    listed reports covered, then fewest extra reports, then text order."""
    scored: list[tuple[tuple[int, int], int, Fact]] = []
    for position, fact in enumerate(candidates):
        hits = _keyword_reports(fact, keywords, run)
        if hits:
            scored.append(((len(hits & expected), -len(set(fact.reports) - expected)), -position, fact))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [fact for _, _, fact in scored]


def _story_facts(run: PipelineRun, report_ids: Sequence[str]) -> list[Fact]:
    stories = dict.fromkeys(run.story_of.get(rid, "") for rid in report_ids)
    return [f for sid in stories if sid in run.analyses for f in run.analyses[sid].facts]


def _score_facts(gold: Sequence[Mapping[str, Any]], run: PipelineRun) -> dict[str, Any]:
    found = right_status = right_sources = located = status_errors = 0
    missed: list[str] = []
    wrong: list[str] = []
    folded: list[str] = []
    for expected in gold:
        ids = [run.by_url[u].id for u in expected["reports"] if u in run.by_url]
        candidates = _story_facts(run, ids)
        ranked = ranked_matches(candidates, expected["keywords"], set(ids), run)
        # Two matches can cover the same listed reports (a clause aligned with the wrong
        # fact carries its sentence's keywords along); the fact is found when the best
        # match that covers every listed report, alone or with a companion, exists.
        covering = [f for f in ranked if _split_covered(f, candidates, expected["keywords"], set(ids), run)]
        fact = covering[0] if covering else (ranked[0] if ranked else None)
        if fact is None or fact.status != expected["status"]:
            status_errors += 1
            wrong.append(f'{expected["story"]}: {expected["text"]} ({fact.status if fact else "not found"}, expected {expected["status"]})')
        if fact is None:
            missed.append(expected["text"])
            continue
        located += 1
        if not covering:
            missed.append(expected["text"])
            continue
        found += 1
        if fact.folded:
            folded.append(expected["text"])
        right_status += fact.status == expected["status"]
        outlets = {run.reports[rid].source for rid in ids}
        right_sources += set(fact.sources) == outlets
    predicted = sum(len(a.facts) for a in run.analyses.values())
    return {
        "facts_gold": len(gold),
        "facts_predicted": predicted,
        "facts_located": located,
        "facts_found": found,
        "fact_recall": _ratio(found, len(gold)),
        "status_accuracy": _ratio(right_status, found),
        "sources_accuracy": _ratio(right_sources, found),
        "status_errors": status_errors,
        "status_errors_list": wrong,
        "facts_missed": missed,
        "facts_folded": len(folded),
        "facts_folded_list": folded,
    }


def _score_conflicts(planted: Sequence[Mapping[str, Any]], run: PipelineRun) -> dict[str, Any]:
    predicted = [f for a in run.analyses.values() for f in a.facts if f.status == "conflicting"]
    matched_planted = 0
    matched_predicted: set[str] = set()
    for conflict in planted:
        for fact in predicted:
            if _conflict_matches(conflict, fact, run):
                matched_planted += 1
                matched_predicted.add(fact.id)
                break
    spurious = [f"{f.story}: {f.text} ({f.slot})" for f in predicted if f.id not in matched_predicted]
    return {
        "conflicts_gold": len(planted),
        "conflicts_predicted": len(predicted),
        "conflict_precision": _ratio(len(matched_predicted), len(predicted), empty=1.0),
        "conflict_recall": _ratio(matched_planted, len(planted), empty=1.0),
        "conflicts_spurious": spurious,
    }


def _conflict_matches(conflict: Mapping[str, Any], fact: Fact, run: PipelineRun) -> bool:
    for value in conflict["values"]:
        ids = {run.by_url[u].id for u in value["reports"] if u in run.by_url}
        expected = str(value["value"]).lower()
        if not any(ids <= set(v.reports) and expected in v.value.lower().split() for v in fact.conflicts):
            return False
    return True


def _citation_recall(citations: Sequence[Mapping[str, Any]], run: PipelineRun) -> float:
    credited = 0
    for citation in citations:
        report = run.by_url.get(citation["report"])
        if report is None:
            continue
        facts = _story_facts(run, [report.id])
        credited += any(report.id in f.reports and citation["cites"] in f.origins for f in facts)
    return _ratio(credited, len(citations), empty=1.0)


def _copies_not_independent(copies: Sequence[Mapping[str, Any]], run: PipelineRun) -> float:
    clean = 0
    for copy in copies:
        report = run.by_url.get(copy["copy"])
        if report is None:
            continue
        facts = _story_facts(run, [report.id])
        clean += not any(report.id in f.reports and report.source in f.independent_sources for f in facts)
    return _ratio(clean, len(copies), empty=1.0)


def seed_checks(run: PipelineRun) -> dict[str, bool]:
    """Each check of the seeds as a test case, by name."""
    checks: dict[str, bool] = {}
    stories = set(run.story_of.values())
    checks["one story of two reports"] = len(run.reports) == 2 and len(stories) == 1
    outlets = {r.source for r in run.reports.values()}
    checks["two different outlets"] = len(outlets) == 2
    for marker in SEED_FURNITURE:
        checks[f"furniture gone: {marker}"] = not any(marker in r.body for r in run.reports.values())
    checks["credit line kept as metadata"] = any(r.credits for r in run.reports.values())
    facts = _story_facts(run, list(run.reports))
    for label, keywords, status, sources in SEED_FACTS:
        candidates = [f for f in facts if any(all(k in _span_text(run, s) for k in keywords) for s in f.support)]
        fact = max(candidates, key=lambda f: len(f.reports), default=None)
        named = {_prefix(s) for s in fact.sources} if fact else set()
        checks[f"fact: {label}"] = fact is not None and fact.status == status and named == set(sources)
    checks["no conflicts"] = not any(f.status == "conflicting" for f in facts)
    return checks


def _span_text(run: PipelineRun, span: Span) -> str:
    report = run.reports.get(span.report)
    return report.body[span.start : span.end] if report else ""


def _prefix(source: str) -> str:
    for name in (ET, REUTERS):
        if source.startswith(name):
            return name
    return source


def _ratio(part: int, whole: int, *, empty: float = 0.0) -> float:
    return round(part / whole, 4) if whole else empty


__all__ = ["SEED_FACTS", "evaluate_facts", "ranked_matches", "seed_checks"]
