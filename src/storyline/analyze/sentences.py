"""Sentences as the unit of evidence: offsets into the body, never crossing a paragraph,
and never cutting a quotation in two (the parser sometimes splits inside "[Beijing]")."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.models import Sentence

OPEN_QUOTES = "“"
CLOSE_QUOTES = "”"


def split_sentences(doc: Doc) -> tuple[tuple[Sentence, ...], list[int]]:
    """Sentences of the doc and, for each token, the index of the sentence holding it."""
    text = doc.text
    pieces: list[tuple[int, int, int, int]] = []  # start char, end char, first token, end token
    for sent in doc.sents:
        first = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text and token.i > first:
                pieces.append((doc[first].idx, token.idx, first, token.i))
                first = token.i + 1
        if first < sent.end:
            pieces.append((doc[first].idx, sent.end_char, first, sent.end))
    merged: list[list[int]] = []
    for start, end, first, last in pieces:
        chunk = text[start:end]
        if not chunk.strip():
            continue
        if merged and _open_quote(text[merged[-1][0]:merged[-1][1]]) and "\n" not in text[merged[-1][1]:start]:
            merged[-1][1] = end
            merged[-1][3] = last
            continue
        merged.append([start, end, first, last])
    sentences: list[Sentence] = []
    token_sentence = [-1] * len(doc)
    for index, (start, end, first, last) in enumerate(merged):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        sentences.append(Sentence(index=index, start=start + lead, end=start + trail, text=chunk.strip()))
        for i in range(first, last):
            token_sentence[i] = index
    for i in range(len(doc)):
        if token_sentence[i] < 0:
            token_sentence[i] = token_sentence[i - 1] if i else 0
    return tuple(sentences), token_sentence


def _open_quote(chunk: str) -> bool:
    """A typographic quotation opened and not closed: the sentence continues."""
    typographic = sum(chunk.count(q) for q in OPEN_QUOTES) > sum(chunk.count(q) for q in CLOSE_QUOTES)
    return typographic or chunk.count('"') % 2 == 1
