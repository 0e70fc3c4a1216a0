"""Meaning links between the clauses of a story: which cross-report pairs state one claim
though their words differ ("Ida Brennan resigned from the port authority" / "Ida Brennan has
resigned as head of the harbour").

    links = meaning_links(propositions, reports, similarity, linked, encoder)

The model proposes: a logistic regression over what a reader checks in a pair, each feature
a matrix over the story's clauses (a story of a thousand clauses costs a few matrix
products, not a million Python steps): how alike the clauses read to the aligner (its
tf-idf cosine and its rule-raised link), whether their actions mean the same (the static
encoder's cosine of their telling verbs: light, thinking and reporting verbs do not count),
the names and words they share, how different their lengths are, and whether their figures
disagree or one denies what the other states. SHIPPED_MODEL's weights were fitted on clause
pairs of ECB+'s train split (`storyline eval fact-alignment --fit` refits and prints them): a
pair of clauses each naming one gold event of the same chain is one claim, a pair naming no
common event is not.

The slots decide: ECB+'s gold says "one event" where a reader needs "one claim", so a link
also needs both clauses in their report's lead, the same actor when both name one, and a
figure on both sides or on neither, the same where both count one thing ("shot to death one
person" / "shot three people" are two claims, and a link between them a false conflict):
read on real reports, docs/facts-reading.md.

The static encoder (storyline.encode.static) is used, not the full one: on ECB+'s train
split the full encoder's cosine of the two clauses added nothing the verbs and words did not
give, at a hundred times the cost, and neither encoder's cosine of the clauses told right
links from wrong ones when read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from storyline.alignment.lexicon import association_ids, family_ids
from storyline.analyze.lexicon import load_lexicon
from storyline.corroborate.align import comparable_term, denies, numbers_disagree
from storyline.encode.stage import TextEncoder
from storyline.models import Proposition
from storyline.wordlists import words

FEATURES = (
    "link",  # the alignment's own similarity (align.link_matrix)
    "similarity",  # the tf-idf cosine (align.similarity_matrix)
    "action_cosine",  # the static encoder's cosine of the two actions' telling verbs
    "action_shared",  # the actions share a telling verb
    "action_family",  # their telling verbs share a family ("kill" / "die" / "execute")
    "entity_jaccard",  # names shared over names given
    "figures_disagree",  # both count one unit and share no value
    "polarity_differs",  # one denies, the other does not
    "word_jaccard",  # content words shared over words given
    "word_cover",  # content words shared over the shorter claim's
    "length_gap",  # relative difference of the two lengths in words
)


@dataclass(frozen=True)
class LinkModel:
    """Logistic weights (in FEATURES order), bias, and the probability from which a pair is
    one claim."""

    weights: tuple[float, ...]
    bias: float
    min_probability: float


# Weights fitted by `storyline eval fact-alignment --fit` (ECB+ train split). The fit picks
# 0.2 as threshold (train precision 0.853, recall 0.481); 0.35 is shipped (0.869, 0.470):
# links between 0.25 and 0.35 read right 14 times in 20, against 35 of 40 above 0.35, when
# the model had no action_family feature (docs/facts-reading.md).
SHIPPED_MODEL = LinkModel(
    weights=(2.655, 2.637, 0.897, -1.251, 3.393, -0.196, -0.333, -1.795, 1.502, 1.196, -0.756),
    bias=-4.474,
    min_probability=0.35,
)

# A meaning link's strength in the alignment (align.link_matrix) is this share of its
# probability, never under the aligner's own pair threshold: a sure link weighs enough to
# merge its clause's fact with another outlet's, where a link at the pair threshold was
# outweighed by the weaker pairs around it. 0.8 had the most recall at precision 0.85 on
# ECB+'s train split among 0.6, 0.7, 0.8, 0.9 (train 0.869 / 0.470, dev 0.832 / 0.539; with
# every link at the pair threshold: 0.850 / 0.415, dev 0.824 / 0.420; 0.7: 0.861 / 0.447;
# 0.9: 0.867 / 0.452): `storyline eval fact-alignment --split train`, then `--split dev`.
LINK_STRENGTH = 0.8

# Cosine (static encoder) from which two named actors that share no word and no entity are
# still one ("the cable system" / "three submarine cables"); under it a meaning link is
# refused. Chosen by reading meaning links on NewsWCL50 and ECB+ (docs/facts-reading.md).
ACTOR_MIN_COSINE = 0.5

# Sentences of a report, from its first, whose clauses can link by meaning: a report's lead
# states its main claims, which other outlets state in their own words; deeper in long
# reports, clauses sharing a verb and a few words were another claim more often than not
# when read (docs/facts-reading.md). 4 had more precision and recall than 2, 3 or 5 on
# ECB+'s train split (`storyline eval fact-alignment --split train`).
LEAD_SENTENCES = 4

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*")
_STOP = frozenset(
    "the a an of to in and or for on at by with from as is was are were be been has have had that this it its "
    "he she they his her their said says will would".split()
)


def claim_text_of(proposition: Proposition) -> str:
    """The text a clause is compared by in meaning: its claim, else its clause text."""
    return proposition.claim or proposition.text


def meaning_links(
    propositions: Sequence[Proposition],
    reports: Sequence[str],
    similarity: NDArray[np.float32],
    linked: NDArray[np.float32],
    encoder: TextEncoder,
    model: LinkModel = SHIPPED_MODEL,
) -> NDArray[np.float32]:
    """How strongly the model calls each pair of clauses from different reports one claim
    (symmetric): LINK_STRENGTH times its probability where the pair links, 0 elsewhere."""
    count = len(propositions)
    if count < 2 or len(set(reports)) < 2:
        return np.zeros((count, count), dtype=np.float32)
    matrices = feature_matrices(propositions, similarity, linked, encoder)
    probability = _probabilities(matrices, reports, model)
    chosen = probability >= model.min_probability
    if chosen.any():
        leading = np.array([p.sentence < LEAD_SENTENCES for p in propositions])
        chosen &= leading[:, None] & leading[None, :]
        chosen &= ~_actors_differ(propositions, encoder)
        counted = np.array([bool(p.quantities) for p in propositions])
        chosen &= counted[:, None] == counted[None, :]
        chosen &= matrices[FEATURES.index("figures_disagree")] == 0
    result: NDArray[np.float32] = np.where(chosen, LINK_STRENGTH * probability, 0.0).astype(np.float32)
    return result


def _actors_differ(propositions: Sequence[Proposition], encoder: TextEncoder) -> NDArray[np.bool_]:
    """Pairs whose clauses both name who acts, and not the same one ("Police have closed the
    road" / "the school is closed"; "Perez denied ..." / "Trump denied ..."): the same action
    by another actor is another claim. Two actors are the same when they are one entity,
    share a word ("Comeaux" / "Arcade Comeaux Jr."), or read alike to the encoder ("the cable
    system" / "three submarine cables")."""
    actors = [p.actor for p in propositions]
    named = np.array([bool(a.strip()) for a in actors])
    vectors = encoder.encode(actors)
    alike = vectors @ vectors.T >= ACTOR_MIN_COSINE
    shared_words = _overlaps([_content_words(a) for a in actors])[0] > 0
    entities = [comparable_term(p.actor_entity) if p.actor_entity else f"#{i}" for i, p in enumerate(propositions)]
    codes = np.unique(np.asarray(entities), return_inverse=True)[1]
    same_entity = codes[:, None] == codes[None, :]
    result: NDArray[np.bool_] = named[:, None] & named[None, :] & ~(alike | shared_words | same_entity)
    return result


def link_probabilities(
    propositions: Sequence[Proposition],
    reports: Sequence[str],
    similarity: NDArray[np.float32],
    linked: NDArray[np.float32],
    encoder: TextEncoder,
    model: LinkModel = SHIPPED_MODEL,
) -> NDArray[np.float32]:
    """The model's probability for each pair of clauses from different reports (0 elsewhere)."""
    count = len(propositions)
    if count < 2 or len(set(reports)) < 2:
        return np.zeros((count, count), dtype=np.float32)
    return _probabilities(feature_matrices(propositions, similarity, linked, encoder), reports, model)


def _probabilities(matrices: Sequence[NDArray[np.float64]], reports: Sequence[str], model: LinkModel) -> NDArray[np.float32]:
    """The logistic model over the feature matrices, for pairs across reports."""
    count = len(reports)
    score = np.full((count, count), model.bias, dtype=np.float64)
    for weight, matrix in zip(model.weights, matrices, strict=True):
        score += weight * matrix
    codes = np.unique(np.asarray(reports), return_inverse=True)[1]
    cross = codes[:, None] != codes[None, :]
    result = np.zeros((count, count), dtype=np.float32)
    result[cross] = (1.0 / (1.0 + np.exp(-score[cross]))).astype(np.float32)
    return result


def feature_matrices(
    propositions: Sequence[Proposition], similarity: NDArray[np.float32], linked: NDArray[np.float32], encoder: TextEncoder
) -> list[NDArray[np.float64]]:
    """One count x count matrix per feature, in FEATURES order."""
    texts = [claim_text_of(p) for p in propositions]
    actions = [telling_verbs(p.action) for p in propositions]
    acted = np.array([bool(a) for a in actions])
    action_vectors = encoder.encode([a or "-" for a in actions]) * acted[:, None]
    word_sets = [_content_words(text) for text in texts]
    words_inter, words_a, words_b = _overlaps(word_sets)
    entity_inter, entities_a, entities_b = _overlaps([{comparable_term(e) for e in p.entities} for p in propositions])
    lengths = np.array([len(text.split()) for text in texts], dtype=np.float64)
    denying = np.array([denies(p) for p in propositions])
    return [
        linked.astype(np.float64),
        similarity.astype(np.float64),
        (action_vectors @ action_vectors.T).astype(np.float64),
        (_overlaps([set(a.split()) for a in actions])[0] > 0).astype(np.float64),
        (_overlaps([_action_families(a) for a in actions])[0] > 0).astype(np.float64),
        entity_inter / np.maximum(entities_a + entities_b - entity_inter, 1.0),
        _figures_disagree(propositions),
        (denying[:, None] != denying[None, :]).astype(np.float64),
        words_inter / np.maximum(words_a + words_b - words_inter, 1.0),
        words_inter / np.maximum(np.minimum(words_a, words_b), 1.0),
        np.abs(lengths[:, None] - lengths[None, :]) / np.maximum(np.maximum(lengths[:, None], lengths[None, :]), 1.0),
    ]


def telling_verbs(action: str) -> str:
    """The verbs of an action that tell what happened: without "not", light verbs ("be",
    "have", "make": data/light_verbs.txt) and reporting verbs ("say", "tell"), whose
    sharing says nothing of whether two clauses state one claim. "" when none is left."""
    lexicon = load_lexicon()
    return " ".join(v for v in action.split() if v != "not" and v not in _light_verbs() and v not in lexicon.reporting_verbs)


def _action_families(action: str) -> frozenset[int]:
    verbs = action.split()
    return family_ids(*verbs) | association_ids(*verbs)


@functools.lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return words("light_verbs.txt")


def _content_words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)} - _STOP


def _overlaps(sets: Sequence[AbstractSet[Hashable]]) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Shared members of each pair of sets, and each set's size by row and by column."""
    vocabulary: dict[Hashable, int] = {}
    rows, columns = [], []
    for row, members in enumerate(sets):
        for member in members:
            rows.append(row)
            columns.append(vocabulary.setdefault(member, len(vocabulary)))
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(sets), max(len(vocabulary), 1)))
    shared = np.asarray((incidence @ incidence.T).todense(), dtype=np.float64)
    sizes = np.array([len(members) for members in sets], dtype=np.float64)
    return shared, sizes[:, None] + np.zeros_like(shared), sizes[None, :] + np.zeros_like(shared)


def _figures_disagree(propositions: Sequence[Proposition]) -> NDArray[np.float64]:
    """1 where both clauses count one unit and share no value; only clauses with counts visited."""
    count = len(propositions)
    result = np.zeros((count, count), dtype=np.float64)
    counted = [i for i, p in enumerate(propositions) if p.quantities]
    for position, i in enumerate(counted):
        for j in counted[position + 1 :]:
            if numbers_disagree(propositions[i], propositions[j]):
                result[i, j] = result[j, i] = 1.0
    return result
