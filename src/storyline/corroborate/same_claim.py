"""Whether two sentences from different reports state the same claim: meaning checked by slots.

    probability = same_claim_probability(cosine, first_text, second_text)

The sentence encoder's cosine says how close two sentences are in meaning; alone it joins
sentences about one event that say different things ("bought it in 1995 for $693m" / "sold
it in 1998 for $2.5bn"). A logistic model weighs it with the slots a reader checks: the
words the two share, how different their lengths are (one says more), whether their figures
disagree and whether one denies what the other states.

It judges two sentences alone, with the full encoder, and is what `storyline eval claims`
scores. Inside a story the facts are aligned by corroborate/meaning.py instead: that model
sees the parsed clauses' slots, and the static encoder makes it cheap enough for every
clause (this one, tried there, rejected in-story paraphrases such as "passwords were not
affected" / "not accessed").

WEIGHTS, BIAS and SAME_CLAIM_MIN_PROBABILITY were fitted on a seeded half of
../shared/data/mrpc/mrpc_train.tsv (news sentence pairs from different outlets) and are
reported on the other half: rerun `storyline eval claims ../shared/data/mrpc/mrpc_train.tsv
--json`, which refits on the same half and prints the weights, after changing a feature.
"""

from __future__ import annotations

import functools
import math
import re

from storyline.analyze.values import parse_number

# Feature order: cosine, word Jaccard, word cover of the shorter, relative length difference,
# figures that disagree, one side negated. Fitted with `storyline eval claims` (seed 0 half).
FEATURES = ("cosine", "jaccard", "cover", "length_gap", "figures_disagree", "negation_differs")
WEIGHTS = (4.728, 4.295, -1.189, -4.083, -0.637, -0.722)
BIAS = -3.34
# The probability above which a pair is one claim: the lowest that kept precision at 0.85 or
# more on the fitting half (reported half: `storyline eval claims`).
SAME_CLAIM_MIN_PROBABILITY = 0.675

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*")
_FIGURE = re.compile(r"(?i)\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|trillion|percent|%))?")
_NEGATIONS = frozenset({"not", "no", "never", "n't", "nobody", "nothing", "none"})
_STOP = frozenset(
    "the a an of to in and or for on at by with from as is was are were be been has have had that this it its "
    "he she they his her their said says will would".split()
)


def features(cosine: float, first: str, second: str) -> tuple[float, ...]:
    """The model's inputs for one pair, in FEATURES order."""
    a, b = _words(first), _words(second)
    shared = len(a & b)
    jaccard = shared / max(len(a | b), 1)
    cover = shared / max(min(len(a), len(b)), 1)
    la, lb = len(first.split()), len(second.split())
    gap = abs(la - lb) / max(la, lb, 1)
    fa, fb = _figures(first), _figures(second)
    disagree = float(bool(fa and fb and fa != fb))
    negation = float(bool(a & _NEGATIONS) != bool(b & _NEGATIONS) or ("n't" in first) != ("n't" in second))
    return (cosine, jaccard, cover, gap, disagree, negation)


def same_claim_probability(cosine: float, first: str, second: str) -> float:
    """The model's probability that the two sentences state one claim."""
    score = BIAS + sum(w * x for w, x in zip(WEIGHTS, features(cosine, first, second)))
    return 1.0 / (1.0 + math.exp(-score))


def same_claim(cosine: float, first: str, second: str) -> bool:
    """Whether the pair is one claim at the operating threshold."""
    return same_claim_probability(cosine, first, second) >= SAME_CLAIM_MIN_PROBABILITY


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text)) - _STOP


@functools.lru_cache(maxsize=8192)
def _figures(text: str) -> frozenset[str]:
    return frozenset(value for m in _FIGURE.finditer(text) if (value := parse_number(m.group(0))[0]))
