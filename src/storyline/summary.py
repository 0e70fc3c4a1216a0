"""A short story summary made of extracted sentences, each citing the reports that support it.

Extracted, not generated: a summary sentence is a sentence of the earliest independent
report of a well-corroborated fact, and it cites another report only when that report's
supporting sentences contain every name and number of the summary sentence. So no name,
number or date appears in the summary that its citations do not state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.analyze.records import ReportAnalysis, Sentence
from storyline.models import Fact, Report, SummarySentence

# Sentences in a summary; a few, for a glance at the story.
SUMMARY_SENTENCES = 4
# Sentences longer than this (characters) read badly in a summary and are passed over.
MAX_SENTENCE_CHARS = 400
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]*[a-z0-9][\w’'-]*|\b\d[\d,.:]*\b")
_WORD = re.compile(r"[\w’'-]+")


def checkable_tokens(sentence: str) -> set[str]:
    """Names and numbers of a sentence: the words a citation must also contain."""
    found = {m.group(0).strip("’'-.,:").lower() for m in _NAME.finditer(sentence)}
    return {token for token in found if token}


def supported(sentence: str, evidence: Sequence[str]) -> bool:
    """Whether every name and number of `sentence` occurs in the evidence sentences."""
    words = {w.lower() for text in evidence for w in _WORD.findall(text)}
    joined = " ".join(evidence).lower()
    return all(token in words or token in joined for token in checkable_tokens(sentence))


def summarize(facts: Sequence[Fact], reports: Sequence[Report], analyses: Sequence[ReportAnalysis], *, limit: int = SUMMARY_SENTENCES) -> tuple[SummarySentence, ...]:
    """Up to `limit` cited sentences, best-corroborated facts first, in story order."""
    sentences: dict[tuple[str, int], Sentence] = {
        (a.report, s.index): s for a in analyses for s in a.sentences
    }
    position = {r.id: i for i, r in enumerate(reports)}
    ranked = sorted(
        (f for f in facts if f.status != "conflicting" and f.support),
        key=lambda f: (-len(f.independent_sources), -len(f.reports), min(position.get(s.report, 0) for s in f.support), min(s.sentence for s in f.support)),
    )
    chosen: list[tuple[int, int, SummarySentence]] = []
    used: set[tuple[str, int]] = set()
    for fact in ranked:
        if len(chosen) >= limit:
            break
        pick = _best_sentence(fact, sentences, position, used)
        if pick is None:
            continue
        key, citations = pick
        used.add(key)
        chosen.append((position.get(key[0], 0), key[1], SummarySentence(text=sentences[key].text, citations=citations)))
    chosen.sort(key=lambda item: (item[0], item[1]))
    return tuple(item[2] for item in chosen)


def _best_sentence(
    fact: Fact,
    sentences: dict[tuple[str, int], Sentence],
    position: dict[str, int],
    used: set[tuple[str, int]],
) -> tuple[tuple[str, int], tuple[str, ...]] | None:
    evidence: dict[str, list[str]] = {}
    for span in fact.support:
        sentence = sentences.get((span.report, span.sentence))
        if sentence is not None:
            evidence.setdefault(span.report, []).append(sentence.text)
    best: tuple[tuple[int, int, int], tuple[str, int], tuple[str, ...]] | None = None
    for span in fact.support:
        key = (span.report, span.sentence)
        sentence = sentences.get(key)
        if sentence is None or key in used or len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        citations = [span.report] + [
            report for report, texts in evidence.items() if report != span.report and supported(sentence.text, texts)
        ]
        citations.sort(key=lambda r: position.get(r, 0))
        score = (-len(citations), position.get(span.report, 0), span.sentence)
        if best is None or score < best[0]:
            best = (score, key, tuple(dict.fromkeys(citations)))
    if best is None:
        return None
    return best[1], best[2]
