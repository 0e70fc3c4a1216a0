"""Meaning links between the clauses of a story: which cross-report pairs state one claim.

    probabilities = claim_probabilities(propositions, reports, encoder)

Only candidates are encoded: clauses of a story with two or more reports that are claims (not
fragments) and that share at least one term with a clause of another report, so a story's
cost grows with what could align, not with its length. The encoder is the pinned sentence
encoder (storyline.encode) or anything with its `encode`; the pair decision is
corroborate/same_claim.py's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from storyline.analyze.claims import is_fragment
from storyline.corroborate.align import comparable_terms
from storyline.corroborate.same_claim import same_claim_probability
from storyline.encode.stage import TextEncoder
from storyline.models import Proposition

# Cosine below which a candidate pair is not worth the model: no pair under it reached
# the same-claim threshold on MRPC's fitting half (`storyline eval claims`).
MIN_COSINE = 0.5


def claim_text_of(proposition: Proposition) -> str:
    """The text a clause is compared by in meaning: its claim, else its clause text."""
    return proposition.claim or proposition.text


def claim_probabilities(propositions: Sequence[Proposition], reports: Sequence[str], encoder: TextEncoder) -> NDArray[np.float32]:
    """Same-claim probability of each cross-report pair of candidate clauses (0 elsewhere)."""
    count = len(propositions)
    result = np.zeros((count, count), dtype=np.float32)
    if len(set(reports)) < 2:
        return result
    candidates = _candidates(propositions, reports)
    if len(candidates) < 2:
        return result
    texts = [claim_text_of(propositions[i]) for i in candidates]
    vectors = encoder.encode(texts)
    cosines = vectors @ vectors.T
    for a, i in enumerate(candidates):
        for b in range(a + 1, len(candidates)):
            j = candidates[b]
            if reports[i] == reports[j] or cosines[a, b] < MIN_COSINE:
                continue
            probability = same_claim_probability(float(cosines[a, b]), texts[a], texts[b])
            result[i, j] = result[j, i] = probability
    return result


def _candidates(propositions: Sequence[Proposition], reports: Sequence[str]) -> list[int]:
    """Claims that share a term with a claim of another report."""
    terms = [frozenset(comparable_terms(p.terms)) for p in propositions]
    claims = [i for i, p in enumerate(propositions) if not is_fragment(claim_text_of(p), gives_values=bool(p.quantities or p.dates))]
    by_term: dict[str, set[str]] = {}
    for i in claims:
        for term in terms[i]:
            by_term.setdefault(term, set()).add(reports[i])
    return [i for i in claims if any(len(by_term[t]) >= 2 for t in terms[i])]
