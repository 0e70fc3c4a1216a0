"""A short story summary made of extracted sentences, each citing the reports that support it.

Extracted, not generated: one sentence per aligned fact, most-corroborated fact first, taken
from the earliest independent report of the fact (copies last), and it cites another report
only when that report's supporting sentences contain every name and number of the summary
sentence. So no name, number or date appears in the summary that its citations do not
state. No two summary sentences state the same fact: a sentence that supports a fact an
earlier summary sentence already covers, or repeats most of its words (the same quotation
as printed by two outlets), is passed over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.analyze.claims import DANGLING_SUBJECTS
from storyline.models import Fact, Report, ReportAnalysis, Sentence, SummarySentence

# Sentences in a summary; a few, for a glance at the story.
SUMMARY_SENTENCES = 4
# Sentences longer than this (characters) read badly in a summary and are passed over.
MAX_SENTENCE_CHARS = 400
# Share of a candidate's content words already in a chosen summary sentence above which it
# says the same thing again. Tuned on the seeds (tests/test_summary.py: the official's
# quotation, printed by both outlets, appears once); rerun it after changing.
REDUNDANT_OVERLAP = 0.5
# A sentence of fewer words is no summary sentence: a lone closing quotation mark left by
# sentence splitting is "supported" by every report, as it names nothing. Checked on
# NewsWCL50 (two of ten summaries had one); rerun tests/test_summary.py after changing.
MIN_SENTENCE_WORDS = 6
# Words shorter than this carry too little to judge repetition ("the", "and").
MIN_CONTENT_CHARS = 4
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
    """Up to `limit` cited sentences, one per fact, best-corroborated facts first."""
    sentences: dict[tuple[str, int], Sentence] = {
        (a.report, s.index): s for a in analyses for s in a.sentences
    }
    position = {r.id: i for i, r in enumerate(reports)}
    copies = {r.id for r in reports if r.copy_of}
    ranked = sorted(
        (f for f in facts if f.status != "conflicting" and f.support),
        key=lambda f: (-len(f.independent_sources), -len(f.reports), min(position.get(s.report, 0) for s in f.support), min(s.sentence for s in f.support)),
    )
    facts_of: dict[tuple[str, int], set[str]] = {}
    for fact in facts:
        for span in fact.support:
            facts_of.setdefault((span.report, span.sentence), set()).add(fact.id)
    # A sentence that also states a contested value (one side of a conflict) would present
    # that side as settled: such sentences are left out; the conflict is shown on its own.
    contested = {f.id for f in facts if f.status == "conflicting"}
    chosen: list[SummarySentence] = []
    covered: set[str] = set(contested)
    chosen_words: list[set[str]] = []
    for fact in ranked:
        if len(chosen) >= limit:
            break
        if fact.id in covered:
            continue
        drawn = {citation[0] for citation in (c.citations for c in chosen) if citation}
        pick = _best_sentence(fact, sentences, position, copies, covered, facts_of, chosen_words, drawn)
        if pick is None:
            continue
        key, citations = pick
        covered |= facts_of.get(key, set())
        chosen_words.append(_content_words(sentences[key].text))
        chosen.append(SummarySentence(text=sentences[key].text, citations=citations))
    return tuple(chosen)


def _opens_with_pronoun(text: str) -> bool:
    """Whether the sentence's subject is a pronoun that leans on the sentence before it."""
    first = text.lstrip("“\"'( ").split(" ", 1)[0].lower().strip(",")
    return first in DANGLING_SUBJECTS


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= MIN_CONTENT_CHARS}


def _redundant(words: set[str], chosen_words: Sequence[set[str]]) -> bool:
    if not words:
        return False
    return any(len(words & other) / min(len(words), len(other) or 1) > REDUNDANT_OVERLAP for other in chosen_words)


def _best_sentence(
    fact: Fact,
    sentences: dict[tuple[str, int], Sentence],
    position: dict[str, int],
    copies: set[str],
    covered: set[str],
    facts_of: dict[tuple[str, int], set[str]],
    chosen_words: Sequence[set[str]],
    drawn: frozenset[str] | set[str] = frozenset(),
) -> tuple[tuple[str, int], tuple[str, ...]] | None:
    """The fact's sentence from its earliest independent report (copies last) not yet drawn
    from, else the best-cited one, among sentences that repeat nothing already in the
    summary and open with no pronoun that would dangle out of their report."""
    evidence: dict[str, list[str]] = {}
    for span in fact.support:
        sentence = sentences.get((span.report, span.sentence))
        if sentence is not None:
            evidence.setdefault(span.report, []).append(sentence.text)
    best: tuple[tuple[bool, bool, int, int, int], tuple[str, int], tuple[str, ...]] | None = None
    for span in fact.support:
        key = (span.report, span.sentence)
        sentence = sentences.get(key)
        if sentence is None or len(sentence.text) > MAX_SENTENCE_CHARS or len(_WORD.findall(sentence.text)) < MIN_SENTENCE_WORDS:
            continue
        if facts_of.get(key, set()) & covered or _redundant(_content_words(sentence.text), chosen_words):
            continue
        if _opens_with_pronoun(sentence.text):
            continue
        citations = [span.report] + [
            report for report, texts in evidence.items() if report != span.report and supported(sentence.text, texts)
        ]
        citations.sort(key=lambda r: position.get(r, 0))
        score = (span.report in copies, span.report in drawn, position.get(span.report, 0), -len(citations), span.sentence)
        if best is None or score < best[0]:
            best = (score, key, tuple(dict.fromkeys(citations)))
    if best is None:
        return None
    return best[1], best[2]
