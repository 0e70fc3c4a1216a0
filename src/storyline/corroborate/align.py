"""Align propositions across the reports of a story: which ones state the same thing.

Each proposition is a bag of canonical terms (content lemmas through the synonym table,
plus entity ids), weighted by tf-idf over the story's propositions so words every report
repeats count for little. Pairs from different reports above ALIGN_MIN_SIMILARITY are
merged greedily, best first, as long as the merged group stays coherent on average
(MERGE_MIN_SIMILARITY): average linkage keeps one loose pair from chaining two facts.
A clause that links to every member of another fact as well also supports that fact
(`attach_bundled`): one clause can state two facts.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from storyline.analyze.modality import compatible
from storyline.analyze.values import SCORE_UNIT
from storyline.models import Proposition

# Cosine similarity over tf-idf terms above which two propositions from different reports
# state the same fact. Tuned on the seeds (tests/test_seed_facts.py) and the example corpus
# (tests/test_corroborate.py); rerun both after changing.
ALIGN_MIN_SIMILARITY = 0.33
# Average cross-report similarity a merged group must keep; a little below the pair threshold.
MERGE_MIN_SIMILARITY = 0.22
# Terms (words or entities) a pair must share besides a high cosine.
MIN_SHARED_TERMS = 2
# Entity terms weigh more than words: the same actors are strong evidence of the same fact.
ENTITY_WEIGHT = 1.3
# Core clauses (subject head, verb, object head, negation, numbers, entities) sharing this
# share of the smaller core state the same claim even when subordinate detail dilutes the
# whole-clause cosine ("X detected the intrusion on February 9" / "X first spotted the
# intrusion on February 9 ..."). Tuned on the example corpus (`storyline eval facts`) and
# the seeds (tests/test_seed_facts.py); rerun both after changing.
CORE_MIN_OVERLAP = 0.75
# Core terms a core link needs, and the whole-clause cosine it still needs: a core match
# on two generic words ("it said") is no evidence.
CORE_MIN_TERMS = 3
CORE_MIN_SIMILARITY = 0.15
# Counts of the same thing that disagree ("310,000 people" / "2.3 million people") are
# different facts unless the rest of the clause agrees this closely, which makes them a
# candidate conflict (corroborate/conflicts.py decides). Same evaluations as above.
NUMBER_MISMATCH_MIN_SIMILARITY = 0.45
# A count both clauses give for the same thing ("about 60 firefighters were tackling the
# blaze" / "around 60 firefighters and 12 engines were sent") anchors them as one fact when
# the clauses are at least CORE_MIN_SIMILARITY alike: from ANCHOR_MIN_COUNT for counts of the
# same unit (small counts such as "two" recur across facts), from ANCHOR_MIN_FIGURE whatever
# each report calls the unit ("2.3 million workers" / "2.3 million people"). Tuned on the
# example corpus (`storyline eval facts`) and the seeds; rerun both after changing.
ANCHOR_MIN_COUNT = 10
ANCHOR_MIN_FIGURE = 1000
# Clauses of other reports a clause must link to before it supports a second fact that its
# own report already supports (`attach_bundled`): one is too easily a loose match. Tuned on
# the seeds (tests/events/test_story.py) and the example corpus; rerun both after changing.
BUNDLED_MIN_OTHERS = 2
# Core terms that state an absence (data/negations.tsv canonicals): their clause denies.
NEGATIVE_TERMS = frozenset({"nobody", "nothing"})
# Hedged numbers ("about 40" / "42") within this fraction of each other agree.
NUMBER_TOLERANCE = 0.1


# Words of an entity's name also kept as plain words: the first one lets "Halvick" meet
# "Halvick Medical"; the others would count one name several times ("@:harrow ridge",
# "harrow", "ridge") and chain unrelated claims about one place. Tuned on the example
# corpus (`storyline eval facts`, sources_accuracy) and the seeds; rerun both after changing.
NAME_WORDS_KEPT = 0


def comparable_term(term: str) -> str:
    """A term as reports are compared by: an entity without its kind.

    Each report types its entities alone, so one name can come out as a place in one report
    and an organisation in the next ("@:place:tarrant point" / "@:org:tarrant point").
    """
    if term.startswith("@:"):
        return "@:" + term[2:].split(":", 1)[-1]
    return term


def comparable_terms(terms: Sequence[str]) -> tuple[str, ...]:
    """`comparable_term` of each term, without repeats; an entity's name counts as the entity
    and its first word (NAME_WORDS_KEPT), not again as each of its words."""
    return _comparable_terms(tuple(terms))


# Term lists remembered by the two caches below: a story's clauses are compared pair by
# pair, so each clause's terms were worked out again for every pair it was in (a third
# of the time of corroborating ECB+).
_CACHED_TERM_LISTS = 1 << 16


@functools.lru_cache(maxsize=_CACHED_TERM_LISTS)
def _comparable_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    keys = tuple(dict.fromkeys(comparable_term(t) for t in terms))
    names = {word for t in keys if t.startswith("@:") for word in t[2:].split()[NAME_WORDS_KEPT:]}
    return tuple(t for t in keys if t not in names)


@functools.lru_cache(maxsize=_CACHED_TERM_LISTS)
def _comparable_set(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_comparable_terms(terms))


def similarity_matrix(propositions: Sequence[Proposition]) -> NDArray[np.float32]:
    """Cosine similarity of every pair of propositions, tf-idf over their terms."""
    count = len(propositions)
    vocabulary: dict[str, int] = {}
    rows: list[list[int]] = []
    for proposition in propositions:
        rows.append([vocabulary.setdefault(term, len(vocabulary)) for term in comparable_terms(proposition.terms)])
    frequency = np.zeros(len(vocabulary), dtype=np.float32)
    for row in rows:
        frequency[row] += 1
    idf = np.log((count + 1) / (frequency + 1)) + 1.0
    for term, column in vocabulary.items():
        if term.startswith("@:"):
            idf[column] *= ENTITY_WEIGHT
    matrix = np.zeros((count, len(vocabulary)), dtype=np.float32)
    for index, row in enumerate(rows):
        matrix[index, row] = idf[row]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    matrix /= norms
    result: NDArray[np.float32] = matrix @ matrix.T
    return result


def core_overlap(first: Proposition, second: Proposition) -> float:
    """Shared core terms over the smaller core, 0 when either core is too small or no verb-level
    term (anything but numbers and entities) is shared."""
    a, b = _comparable_set(tuple(first.core)), _comparable_set(tuple(second.core))
    if len(a) < CORE_MIN_TERMS or len(b) < CORE_MIN_TERMS:
        return 0.0
    shared = a & b
    if not any(not t.startswith(("@:", "#")) for t in shared):
        return 0.0
    return len(shared) / min(len(a), len(b))


def opposite_polarity(first: Proposition, second: Proposition) -> bool:
    """One clause denies and the other does not: a negated verb, or an absence in its core
    ("no connection", "nobody") counts as denying."""
    return denies(first) != denies(second)


def denies(proposition: Proposition) -> bool:
    """Whether the clause denies: a negated verb, or an absence in its core ("no connection", "nobody")."""
    return proposition.negated or any(t.startswith("no ") or t in NEGATIVE_TERMS for t in proposition.core)


def shared_verbs(first: Proposition, second: Proposition) -> bool:
    """The clauses' actions share a verb lemma ("not include" / "include")."""
    a = set(first.action.removeprefix("not ").split())
    b = set(second.action.removeprefix("not ").split())
    return bool(a & b)


def numbers_disagree(first: Proposition, second: Proposition) -> bool:
    """Both count the same unit and share no value (hedged values within NUMBER_TOLERANCE agree)."""
    units = {q.unit for q in first.quantities} & {q.unit for q in second.quantities}
    for unit in units:
        a = [q for q in first.quantities if q.unit == unit]
        b = [q for q in second.quantities if q.unit == unit]
        if not any(_same_number(x.value, y.value, x.approximate or y.approximate) for x in a for y in b):
            return True
    return False


def shared_score(first: Proposition, second: Proposition) -> bool:
    """Both give the same score ("approved 9-3" / "by a 9-3 vote")."""
    scores = {q.value for q in first.quantities if q.unit == SCORE_UNIT}
    return any(q.unit == SCORE_UNIT and q.value in scores for q in second.quantities)


def shared_count(first: Proposition, second: Proposition) -> bool:
    """Both give one distinctive figure: the same count of one unit, or a large figure alone."""
    for x in first.quantities:
        for y in second.quantities:
            if x.value != y.value:
                continue
            try:
                value = float(x.value)
            except ValueError:
                continue
            if value >= ANCHOR_MIN_FIGURE or (value >= ANCHOR_MIN_COUNT and x.unit == y.unit):
                return True
    return False


def _same_number(a: str, b: str, approximate: bool) -> bool:
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return approximate and abs(x - y) <= NUMBER_TOLERANCE * max(abs(x), abs(y), 1.0)


def link_matrix(
    propositions: Sequence[Proposition],
    similarity: NDArray[np.float32],
    meaning: NDArray[np.float32] | None = None,
    *,
    without_meaning: NDArray[np.float32] | None = None,
) -> NDArray[np.float32]:
    """The similarity alignment links on: the whole-clause cosine, raised to the core overlap
    where the cores agree, to the pair threshold where a distinctive count or a score is
    shared, to the strength of the meaning model's link where it calls the pair one claim
    (`meaning`, the links of corroborate/meaning.py: at least the pair threshold), and cut to 0 where the counts disagree on a
    loosely similar pair.

    Only the pairs a rule can change are visited: a story of a thousand clauses has half a
    million pairs, and most share nothing. `without_meaning`, this function's result
    without `meaning` when the caller has it already, leaves only the meaning pairs to visit."""
    cored = np.array([bool(p.core) for p in propositions])
    counted = np.array([bool(p.quantities) for p in propositions])
    if without_meaning is not None and meaning is not None:
        raised_links = without_meaning.copy()
        for i, j in np.argwhere(np.triu(meaning > 0, k=1)):
            start = max(float(similarity[i, j]), ALIGN_MIN_SIMILARITY, float(meaning[i, j]))
            raised_links[i, j] = raised_links[j, i] = _linked_value(propositions[i], propositions[j], np.float32(start), cored[i] and cored[j])
        return raised_links
    linked = np.triu(similarity, k=1).astype(np.float32)
    if meaning is not None:
        raised = np.triu(meaning > 0, k=1)
        linked[raised] = np.maximum(linked[raised], np.maximum(meaning[raised], ALIGN_MIN_SIMILARITY))
    visited = ((linked >= CORE_MIN_SIMILARITY) & cored[:, None] & cored[None, :]) | np.triu(counted[:, None] & counted[None, :], k=1)
    for i, j in np.argwhere(visited):
        linked[i, j] = _linked_value(propositions[i], propositions[j], linked[i, j], cored[i] and cored[j])
    result: NDArray[np.float32] = linked + linked.T
    np.fill_diagonal(result, np.diagonal(similarity))
    return result


def _linked_value(first: Proposition, second: Proposition, value: np.float32, cored: bool) -> np.float32:
    """One pair's link from its starting similarity: the core rule, then the count rules."""
    if cored and value >= CORE_MIN_SIMILARITY:
        overlap = core_overlap(first, second)
        if overlap >= CORE_MIN_OVERLAP:
            value = np.float32(max(float(value), overlap * ALIGN_MIN_SIMILARITY / CORE_MIN_OVERLAP))
    if not (first.quantities and second.quantities):
        return value
    number = float(value)
    if number >= CORE_MIN_SIMILARITY and shared_count(first, second):
        number = max(number, ALIGN_MIN_SIMILARITY)
    if shared_score(first, second):
        # Rarer than any count: it anchors however differently the rest is worded.
        number = max(number, ALIGN_MIN_SIMILARITY)
    if number < NUMBER_MISMATCH_MIN_SIMILARITY and numbers_disagree(first, second):
        number = 0.0
    return np.float32(number)


def align(
    propositions: Sequence[Proposition],
    reports: Sequence[str],
    meaning: NDArray[np.float32] | None = None,
    *,
    similarity: NDArray[np.float32] | None = None,
    linked: NDArray[np.float32] | None = None,
) -> list[list[int]]:
    """Groups of proposition indices that state the same fact, singletons included; a
    clause stating two facts is in both groups.

    `reports[i]` is the report of `propositions[i]`; only pairs across reports link.
    `meaning`, when given, holds the strength of the pairs the meaning model calls one claim
    (corroborate/meaning.py, 0 elsewhere): they link though their words differ, if their
    slots agree.
    `similarity`, when given, is `similarity_matrix(propositions)` the caller has already,
    and `linked` its `link_matrix` without meaning.
    """
    count = len(propositions)
    if count == 0:
        return []
    similarity = link_matrix(propositions, similarity_matrix(propositions) if similarity is None else similarity, meaning, without_meaning=linked)
    report_ids = np.array([hash(r) for r in reports])
    kinds = [p.kind == "example" for p in propositions]
    term_sets = [frozenset(comparable_terms(p.terms)) for p in propositions]
    meant = meaning > 0 if meaning is not None else np.zeros((count, count), dtype=bool)
    upper = np.triu(similarity, k=1)
    candidates = np.argwhere(upper >= ALIGN_MIN_SIMILARITY)
    scored = sorted(((float(upper[i, j]), int(i), int(j)) for i, j in candidates), reverse=True)
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    for score, i, j in scored:
        if reports[i] == reports[j] or not _linkable(propositions, term_sets, kinds, i, j, meant):
            continue
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        left, right = members[a], members[b]
        block = similarity[np.ix_(left, right)]
        cross = report_ids[left][:, None] != report_ids[right][None, :]
        if not cross.any() or math.isnan(float(block[cross].mean())):
            continue
        if float(block[cross].mean()) < MERGE_MIN_SIMILARITY:
            continue
        keep, gone = (a, b) if len(left) >= len(right) else (b, a)
        members[keep].extend(members.pop(gone))
        for index in members[keep]:
            group_of[index] = keep
    groups = sorted((sorted(group) for group in members.values()), key=lambda g: g[0])
    return attach_bundled(groups, similarity, reports, lambda i, j: _linkable(propositions, term_sets, kinds, i, j, meant))


def _linkable(
    propositions: Sequence[Proposition],
    term_sets: Sequence[frozenset[str]],
    kinds: Sequence[bool],
    i: int,
    j: int,
    meaning: NDArray[np.bool_],
) -> bool:
    """Whether a pair may link at all: same kind, both asserted or both hedged (a hedged
    claim never corroborates its assertion), and enough shared terms, a shared core or a
    shared score."""
    a, b = propositions[i], propositions[j]
    if kinds[i] != kinds[j] or not compatible(a.modality, b.modality, first_reported=bool(a.attribution), second_reported=bool(b.attribution)):
        return False
    if opposite_polarity(propositions[i], propositions[j]) and not shared_verbs(propositions[i], propositions[j]):
        # "signed a deal" / "the deal does not include spying": a negated claim is the
        # denial of another only when it denies the same action.
        return False
    if len(term_sets[i] & term_sets[j]) >= MIN_SHARED_TERMS:
        return True
    if meaning[i, j] and not numbers_disagree(propositions[i], propositions[j]):
        return True
    return core_overlap(propositions[i], propositions[j]) >= CORE_MIN_OVERLAP or shared_score(propositions[i], propositions[j])


def attach_bundled(
    groups: list[list[int]], linked: NDArray[np.float32], reports: Sequence[str], linkable: Callable[[int, int], bool]
) -> list[list[int]]:
    """Add to each fact stated by several reports the clauses of other reports that link to
    every one of its members, though they went to another fact.

    One clause can bundle two facts ("the board on Monday approved the $2 billion merger by a
    7-2 vote"); greedy grouping gives it to one, and a report that states the other
    fact only there would be missing from it. Such a clause then supports both facts. When
    its report already supports the fact, one other report's clause is not enough: it must
    link to BUNDLED_MIN_OTHERS of them, or state the fact more closely than the clauses of
    its report that do.
    """
    result = [list(group) for group in groups]
    codes = {report: code for code, report in enumerate(dict.fromkeys(reports))}
    report_codes = np.array([codes[report] for report in reports], dtype=np.int64)
    for target, group in zip(result, groups):
        if len({reports[m] for m in group}) < 2:
            continue
        # Only clauses that link closely to every member of another report can be added:
        # found for all clauses at once, the test below runs on those few alone.
        close = np.ones(len(reports), dtype=bool)
        for member in group:
            close &= (linked[:, member] >= ALIGN_MIN_SIMILARITY) | (report_codes == report_codes[member])
        for index in map(int, np.flatnonzero(close)):
            others = [m for m in group if reports[m] != reports[index]]
            if index in group or not others:
                continue
            if not all(linked[index, m] >= ALIGN_MIN_SIMILARITY and linkable(index, m) for m in others):
                continue
            own = [m for m in group if reports[m] == reports[index]]
            if not own or len(others) >= BUNDLED_MIN_OTHERS or all(
                _mean_link(linked, index, others) > _mean_link(linked, m, others) for m in own
            ):
                target.append(index)
    return [sorted(group) for group in result]


def _mean_link(linked: NDArray[np.float32], index: int, others: Sequence[int]) -> float:
    return float(np.mean([linked[index, m] for m in others]))
