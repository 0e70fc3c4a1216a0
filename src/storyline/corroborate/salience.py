"""Which facts a reader sees first, and which are folded away until asked for.

    ordered = rank_and_fold(facts)   # same facts; single-source ones ranked, some folded

A story told by five outlets has some 150 single-source facts, most of them colour,
background or a speaker's aside ("The fence sang the same chants"). Facts that two or more
outlets state, conflicts and the story's lead stay where corroboration put them and are
never folded. Single-source facts follow, ranked by how much they say about this story:

- centrality: tf-idf cosine of the fact's text to the story's facts, each weighted by the
  reports that state it (what the outlets keep coming back to);
- specificity: the names, figures, dates, places and speaker it gives;
- length, up to a sentence's worth of words;
- position: news puts what matters first, so a fact told early in its report ranks higher.

A single-source fact is folded when its content (centrality and specificity) scores below
`TRIVIAL_SCORE`, or when, ranked by content and position, it falls
beyond the story's budget of shown single-source facts (`SHOWN_PER_REPORT` per report, at
least `SHOWN_AT_LEAST`). Folded facts keep every field; they are marked so a page or a
command shows them on request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.models import Fact

SINGLE_SOURCE = "single-source"

# Chosen so that no answer-key fact of the example corpus is folded (`storyline eval facts
# --json`, "facts_folded") while a five-outlet NewsWCL50 story shows about 40 of its ~150
# single-source facts; read on NewsWCL50 in `docs/facts-reading.md` ("Folded facts").
# Rerun both after changing them.
TRIVIAL_SCORE = 0.2
SHOWN_PER_REPORT = 8
SHOWN_AT_LEAST = 30
# Weights of the score's parts: centrality is a cosine (0-1, typically 0.02-0.35); each
# kind of anchor adds ANCHOR_WEIGHT up to ANCHOR_CAP; each word adds WORD_WEIGHT up to
# WORDS_CAP words.
ANCHOR_WEIGHT = 0.1
ANCHOR_CAP = 3
WORD_WEIGHT = 0.02
WORDS_CAP = 20
# A fact in its report's first sentence adds POSITION_WEIGHT, halving every
# POSITION_HALF_LIFE sentences further in.
POSITION_WEIGHT = 0.3
POSITION_HALF_LIFE = 8

_WORD = re.compile(r"[\w'’-]+")
_DIGIT = re.compile(r"\d")
# A capitalised word after the first: a name ("Ottawa", "Hytera") in running text.
_INNER_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]*")
# Words that open a phrase naming no one in particular.
_VAGUE_OPENERS = frozenset(
    "a an the this that these those it he she they we i you some many several one few most "
    "there what which who anyone everyone someone".split()
)


def rank_and_fold(facts: Sequence[Fact]) -> list[Fact]:
    """`facts` with the single-source ones after the rest, best first, the folded marked.
    The first fact is the story's lead (corroborate._main_event_first): it keeps its place
    and is never folded, even when one outlet alone states it."""
    if len(facts) < 2:
        return list(facts)
    lead, rest = facts[0], facts[1:]
    shared = [f for f in rest if f.status != SINGLE_SOURCE]
    single = [f for f in rest if f.status == SINGLE_SOURCE]
    if not single:
        return list(facts)
    content = content_scores(facts)
    content_of = {id(f): s for f, s in zip(facts, content, strict=True)}
    ranked = sorted(single, key=lambda f: -(content_of[id(f)] + _position(f)))
    budget = max(SHOWN_AT_LEAST, SHOWN_PER_REPORT * len({r for f in facts for r in f.reports}))
    shown: list[Fact] = []
    folded: list[Fact] = []
    for fact in ranked:
        if content_of[id(fact)] < TRIVIAL_SCORE or len(shown) >= budget:
            folded.append(replace(fact, folded=True))
        else:
            shown.append(fact)
    return [lead, *shared, *shown, *folded]


def content_scores(facts: Sequence[Fact]) -> list[float]:
    """How much each fact says about its story, wherever it is told: centrality plus
    specificity (see the module docstring). Below TRIVIAL_SCORE a fact is folded."""
    centrality = _centrality([f.text for f in facts], [max(1, len(f.reports)) for f in facts])
    return [c + _specificity(f) for f, c in zip(facts, centrality, strict=True)]


def _centrality(texts: Sequence[str], weights: Sequence[int]) -> list[float]:
    """Cosine of each text's tf-idf vector to the weighted sum of the others' (leave one
    out, so a fact's own rare words do not make it central)."""
    if len(texts) < 2:
        return [1.0] * len(texts)
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # nothing but stop words
        return [0.0] * len(texts)
    weight = np.asarray(weights, dtype=np.float64)
    total = np.asarray(matrix.multiply(weight[:, None]).sum(axis=0)).ravel()
    with_self = np.asarray(matrix @ total).ravel()
    own_norm = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()  # 1, or 0 for an empty row
    dot = with_self - weight * own_norm
    norm_sq = float(total @ total) - 2 * weight * with_self + weight**2 * own_norm
    norm = np.sqrt(np.maximum(norm_sq, 0.0))
    centrality = np.divide(dot, norm, out=np.zeros_like(dot), where=norm > 1e-12)
    return [float(v) for v in centrality]


def _specificity(fact: Fact) -> float:
    anchors = min(_names(fact), ANCHOR_CAP)
    anchors += bool(_DIGIT.search(fact.text) or fact.quantities)
    anchors += bool(fact.time) + bool(fact.place) + bool(fact.attribution)
    words = len(_WORD.findall(fact.text))
    return ANCHOR_WEIGHT * min(anchors, ANCHOR_CAP) + WORD_WEIGHT * min(words, WORDS_CAP)


def _position(fact: Fact) -> float:
    first = min((span.sentence for span in fact.support), default=0)
    return float(POSITION_WEIGHT * 0.5 ** (first / POSITION_HALF_LIFE))


def _names(fact: Fact) -> int:
    """Names the fact gives: capitalised words in running text, and its actor when the
    actor opens with a name rather than "The", "Some" or a pronoun."""
    names = len(set(_INNER_NAME.findall(fact.text)))
    actor = _WORD.findall(fact.actor)
    if actor and actor[0][:1].isupper() and actor[0].lower() not in _VAGUE_OPENERS:
        names += 1
    return names


__all__ = ["content_scores", "rank_and_fold"]
