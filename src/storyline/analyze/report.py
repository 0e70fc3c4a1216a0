"""Per-report analysis: one parse per report, then light rule passes over the parse.

The parse is the expensive part, so every pass reads the same Doc: sentences, entities,
quotes, clauses, propositions. Nothing here parses twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.clauses import Clause, QuoteSpan, find_clauses, token_text
from storyline.analyze.coref import Referent, Resolver
from storyline.analyze.entities import find_entities
from storyline.analyze.lexicon import Lexicon, load_lexicon
from storyline.analyze.propositions import build_propositions
from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences
from storyline.models import Proposition, Quote, Report, ReportAnalysis, Span

log = logging.getLogger(__name__)

# Documents per nlp.pipe batch: the pipeline's throughput is flat from about 8 up.
BATCH_SIZE = 16


def analyze_reports(reports: Sequence[Report], nlp: Language, *, batch_size: int = BATCH_SIZE) -> list[ReportAnalysis]:
    """Analyse each report's body with one parse per report, in input order."""
    lexicon = load_lexicon()
    model = f"{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"
    results: list[ReportAnalysis] = []
    bodies = (report.body for report in reports)
    for report, doc in zip(reports, nlp.pipe(bodies, batch_size=batch_size)):
        try:
            results.append(analyze_doc(report.id, doc, lexicon, model=model, published=report.published))
        except Exception:  # one odd parse must not stop a batch
            log.exception("analysis failed for report %s", report.id)
            results.append(ReportAnalysis(report=report.id, model=model))
    return results


def analyze_doc(
    report_id: str, doc: Doc, lexicon: Lexicon | None = None, *, model: str = "", published: str = ""
) -> ReportAnalysis:
    """The analysis of one parsed report body; `published` anchors relative dates ("on Sunday")."""
    lexicon = lexicon or load_lexicon()
    sentences, token_sentence = split_sentences(doc)
    table = find_entities(doc, report_id, lexicon, dict(enumerate(token_sentence)))
    quote_spans = find_quotes(doc, lexicon, token_sentence)
    clauses = find_clauses(doc, lexicon, quote_spans)
    resolver = Resolver(table=table, lexicon=lexicon)
    propositions, coref_mentions, attributions = build_propositions(
        doc, clauses, table, resolver, lexicon, token_sentence, quote_spans, report_id, published=published
    )
    quotes = _quote_records(report_id, doc, clauses, quote_spans, attributions, token_sentence, table)
    quotes += _reported_speech(report_id, clauses, propositions, attributions, table)
    mentions = sorted(table.mentions + coref_mentions, key=lambda m: (m.start, m.end))
    return ReportAnalysis(
        report=report_id,
        sentences=sentences,
        entities=table.records(report_id),
        mentions=tuple(mentions),
        quotes=tuple(sorted(quotes, key=lambda q: q.span.start if q.span else 0)),
        propositions=tuple(propositions),
        model=model,
    )


def _speaker(clauses: list[Clause], attributions: dict[int, tuple[Referent | None, str, str]], clause: int) -> tuple[str, str, str]:
    referent, text, origin = attributions.get(clause, (None, "", ""))
    return text, (referent.entity if referent else ""), origin


def _quote_records(
    report_id: str,
    doc: Doc,
    clauses: list[Clause],
    spans: list[QuoteSpan],
    attributions: dict[int, tuple[Referent | None, str, str]],
    token_sentence: list[int],
    table: object,
) -> list[Quote]:
    owner = [-1] * len(doc)
    for clause in clauses:
        for token in clause.tokens:
            owner[token.i] = clause.index
    result: list[Quote] = []
    for quote in spans:
        clause_index = owner[quote.start] if owner[quote.start] >= 0 else owner[min(quote.start + 1, len(doc) - 1)]
        speaker, entity, via = _speaker(clauses, attributions, clause_index)
        if not speaker and quote.verb >= 0:
            verb_clause_index = owner[quote.verb]
            speaker, entity, via = _clause_speaker(clauses, attributions, verb_clause_index, doc, quote.verb)
        if not speaker and clause_index >= 0:
            speaker, entity = _subject_of(doc, clauses[clause_index])
        result.append(
            Quote(
                report=report_id,
                text=quote.text,
                speaker=speaker,
                speaker_entity=entity,
                via=via,
                direct=True,
                span=Span(report=report_id, sentence=token_sentence[quote.start], start=quote.char_start, end=quote.char_end),
            )
        )
    return result


def _clause_speaker(clauses: list[Clause], attributions: dict[int, tuple[Referent | None, str, str]], clause: int, doc: Doc, verb: int) -> tuple[str, str, str]:
    for candidate in clauses:
        if candidate.attribution == clause:
            return _speaker(clauses, attributions, candidate.index)
    return _subject_of(doc, clauses[clause]) + ("",) if clause >= 0 else ("", "", "")


def _subject_of(doc: Doc, clause: Clause) -> tuple[str, str]:
    subject = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return "", ""
    words = [t for t in subject.subtree if not t.is_space]
    return "".join(token_text(t) for t in words).strip(), ""


def _reported_speech(report_id: str, clauses: list[Clause], propositions: list[Proposition], attributions: dict[int, tuple[Referent | None, str, str]], table: object) -> list[Quote]:
    """Indirect speech ("the government said the deal ...") as quotes with direct=False."""
    by_span = {(p.start, p.end): p for p in propositions}
    result: list[Quote] = []
    for clause in clauses:
        if clause.kind != "clause" or clause.attribution < 0 or clause.head.dep_ != "ccomp":
            continue
        if clause.head.head.i != clauses[clause.attribution].head.i:
            continue
        speaker, entity, via = _speaker(clauses, attributions, clause.index)
        match = next((p for (start, end), p in by_span.items() if p.sentence >= 0 and start <= clause.head.idx < end and p.kind == "clause"), None)
        if match is None or not speaker:
            continue
        result.append(
            Quote(
                report=report_id,
                text=match.text,
                speaker=speaker,
                speaker_entity=entity,
                via=via,
                direct=False,
                span=Span(report=report_id, sentence=match.sentence, start=match.start, end=match.end),
            )
        )
    return result
