"""Direct quotations and who said them.

A quotation is text between typographic (or paired straight) quotation marks of at least
QUOTE_MIN_WORDS words; scare quotes ("candid") are shorter and ignored. Its speaker is
the subject of the reporting verb next to it in the same sentence ("..., an official
said"; "X told CTV: ..."). A long quotation introduced like that is a claim of its own
and becomes one proposition; a short one inside a clause stays part of that clause.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.analyze.clauses import QuoteSpan
from storyline.analyze.lexicon import Lexicon

# Quotations shorter than this are scare quotes or titles. Tuned on the seeds; rerun
# tests/analyze/test_quotes.py after changing.
QUOTE_MIN_WORDS = 3
# A quotation this long, introduced by a reporting verb, is a proposition of its own.
ATOMIC_QUOTE_MIN_WORDS = 6
# How many tokens after the closing mark the reporting verb may sit ("," + "an unnamed official told").
VERB_WINDOW = 10
# Words allowed between an attributed quotation and the next one for the second to
# continue the first ('" Whitcombe told a news conference. "'). Tuned on the example corpus
# (storyline.evaluation.facts); rerun it after changing.
CONTINUATION_MAX_WORDS = 8
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")


def find_quotes(doc: Doc, lexicon: Lexicon, token_sentence: list[int]) -> list[QuoteSpan]:
    """Direct quotations of the doc with the reporting verb that introduces each, if any."""
    result: list[QuoteSpan] = []
    text = doc.text
    previous: QuoteSpan | None = None
    for match in _QUOTE.finditer(text):
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        if len(inner.split()) < QUOTE_MIN_WORDS:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        verb = _reporting_verb(doc, span.start, span.end, lexicon, token_sentence)
        lead = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].rstrip()
        starts_clause = not lead or lead.endswith((":", ".", ",", "?", "!")) or _sentence_start(doc, span.start, token_sentence)
        atomic = verb >= 0 and starts_clause and len(inner.split()) >= ATOMIC_QUOTE_MIN_WORDS
        if verb < 0 and starts_clause and previous is not None and _continues(text, previous, match.start()):
            # '"...," she said. "More."': the second quotation is the same speaker going on.
            verb, atomic = previous.verb, True
        quote = QuoteSpan(
            start=span.start,
            end=span.end,
            char_start=match.start(1) if match.group(1) is not None else match.start(2),
            char_end=match.end(1) if match.group(1) is not None else match.end(2),
            text=inner.strip(),
            verb=verb,
            atomic=atomic,
        )
        result.append(quote)
        previous = quote if verb >= 0 else None
    return result


def _continues(text: str, previous: QuoteSpan, start: int) -> bool:
    """A quotation in the same paragraph right after an attributed one, with only the
    attribution ("..., he said.") between them."""
    between = text[previous.char_end : start]
    return "\n" not in between and len(between.split()) <= CONTINUATION_MAX_WORDS


def _sentence_start(doc: Doc, start: int, token_sentence: list[int]) -> bool:
    return start == 0 or token_sentence[start - 1] != token_sentence[start]


def _reporting_verb(doc: Doc, start: int, end: int, lexicon: Lexicon, token_sentence: list[int]) -> int:
    """Index of the reporting verb after the quotation (or, failing that, before it)."""
    sentence = token_sentence[start]
    for i in range(end, min(len(doc), end + VERB_WINDOW)):
        token = doc[i]
        if token_sentence[i] != token_sentence[end - 1] and i > end:
            break
        if token.text in ("“", '"'):
            break
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.reporting_verbs:
            return i
    for i in range(start - 1, -1, -1):
        token = doc[i]
        if token_sentence[i] != sentence or token.text in ("”", '"'):
            break
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.reporting_verbs:
            return i
    return -1
