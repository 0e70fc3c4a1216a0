"""What is known about each mention, and how alike two mentions are.

A mention is described once (head lemma, the words around it, the names, times, places and
numbers of its sentence, the times and places of its own phrase, the entity chains its
arguments fall in when entities were aligned first, and for an entity its name keys from
`storyline.alignment.names`); the pair features of a whole group
are then computed at once as matrices, so a story of a few hundred mentions is compared
in milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.alignment.lexicon import association_ids, family_ids, fold_inflection, light_lemmas, stem
from storyline.alignment.names import NameKeys, name_keys
from storyline.alignment.options import MentionSpan
from storyline.alignment.weights import FEATURES

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
HEAD_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "NUM"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
ARGUMENT_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "obj",
        "iobj",
        "attr",
        "agent",
        "pobj",
        "compound",
        "poss",
        "nmod",
        "npadvmod",
        "amod",
        "nummod",
        "dative",
        "oprd",
        "appos",
    }
)
# Content words on each side of a mention that make its local context. Tuned on the ECB+
# train split (gold event mentions); rerun `evaluate_alignment` on ECB+ after changing it.
CONTEXT_WINDOW = 6
# Lines at the top of a report (headline, lead) where its main event is named.
LEAD_LINES = 2
# Dependency relations that open another clause: a date or place below one belongs to
# that clause's event, not to the mention's.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[a-z0-9]+")

# Event mentions carry no name keys: the name features are for entity pairs only.
NO_NAME = NameKeys()


@dataclass(frozen=True, kw_only=True)
class MentionProfile:
    """One mention as the pair features see it."""

    id: str
    doc: str
    kind: str
    sentence: int
    head_lemma: str
    head_pos: str
    text_key: str
    lemmas: frozenset[str]
    families: frozenset[int]
    associations: frozenset[int]
    stem: str
    context: str
    window: str
    arguments: frozenset[str]
    lead: bool
    names: frozenset[str]
    times: frozenset[str]
    places: frozenset[str]
    numbers: frozenset[str]
    own_times: frozenset[str]
    own_places: frozenset[str]
    participants: frozenset[str]
    label: str
    vector: NDArray[np.float32]
    start: int = 0
    name: NameKeys = NO_NAME


def profile_mentions(
    parsed: Mapping[str, Any],
    mentions: Sequence[MentionSpan],
    entities: Mapping[str, Sequence[tuple[int, int, str]]] | None = None,
) -> list[MentionProfile]:
    """Describe each mention from the spaCy parse of its document (`parsed`: doc id -> Doc).

    `entities` (doc id -> (start, end, chain id) of entity mentions already aligned) lets
    an event mention know which entity chains its arguments belong to.
    """
    entities = entities or {}
    sentence_cache: dict[tuple[str, int], tuple[frozenset[str], ...]] = {}
    profiles = []
    for mention in mentions:
        doc = parsed[mention.doc]
        span = _span(doc, mention.start, mention.end)
        head = _head(span)
        sentence = head.sent
        key = (mention.doc, sentence.start)
        if key not in sentence_cache:
            sentence_cache[key] = _arguments(sentence)
        names, times, places, numbers = sentence_cache[key]
        inside = {token.i for token in span}
        context = " ".join(
            token.lemma_.lower()
            for token in sentence
            if token.i not in inside and token.pos_ in CONTENT_POS and not token.is_stop
        )
        lemma = _lemma(head)
        before = [t for t in doc[sentence.start : head.i] if t.i not in inside and t.pos_ in CONTENT_POS and not t.is_stop]
        after = [t for t in doc[head.i + 1 : sentence.end] if t.i not in inside and t.pos_ in CONTENT_POS and not t.is_stop]
        window = [t.lemma_.lower() for t in before[-CONTEXT_WINDOW:] + after[:CONTEXT_WINDOW]]
        vector = doc.tensor[head.i] if doc.tensor is not None and len(doc.tensor) > head.i else np.zeros(1)
        label = next((ent.label_ for ent in doc.ents if ent.start <= head.i < ent.end), "")
        own_times, own_places = _own_setting(head, inside)
        spans = entities.get(mention.doc, ())
        argument_starts = [token.idx for token in _argument_tokens(head, inside)]
        participants = frozenset(chain for start, end, chain in spans if any(start <= i < end for i in argument_starts))
        profiles.append(
            MentionProfile(
                id=mention.id,
                doc=mention.doc,
                kind=mention.kind,
                sentence=sentence.start,
                head_lemma=lemma,
                head_pos=head.pos_,
                text_key=" ".join(_WORD.findall(mention.text.lower())),
                lemmas=frozenset(_lemma(t) for t in span if t.pos_ in CONTENT_POS) or frozenset({lemma}),
                families=family_ids(lemma, head.text),
                associations=association_ids(lemma, head.text),
                stem=stem(lemma),
                context=context,
                window=" ".join(window),
                arguments=_dependents(head, inside),
                lead=doc.text.count("\n", 0, head.idx) < LEAD_LINES,
                names=names,
                times=times,
                places=places,
                numbers=numbers,
                own_times=own_times,
                own_places=own_places,
                participants=participants,
                label=label,
                vector=np.asarray(vector, dtype=np.float32),
                start=mention.start,
                name=name_keys(span) if mention.kind == "entity" else NO_NAME,
            )
        )
    return profiles


def pair_features(profiles: Sequence[MentionProfile], documents: Mapping[str, str]) -> NDArray[np.float32]:
    """Features of every pair of `profiles`, shape (n, n, len(FEATURES)), in FEATURES order.

    `documents` (doc id -> text) gives the document-similarity feature its vocabulary.
    """
    n = len(profiles)
    out = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return out
    column = {name: index for index, name in enumerate(FEATURES)}

    lemma = _same([p.head_lemma for p in profiles])
    out[..., column["same_lemma"]] = lemma
    related = _overlap([p.families for p in profiles]) > 0
    out[..., column["related_lemma"]] = related & ~lemma
    associated = _overlap([p.associations for p in profiles]) > 0
    out[..., column["associated_lemma"]] = associated & ~lemma & ~related
    stems = _same([p.stem or f"\x00{i}" for i, p in enumerate(profiles)])
    out[..., column["same_stem"]] = stems & ~lemma
    light = np.array([p.head_lemma in light_lemmas() for p in profiles])
    out[..., column["light_lemma"]] = lemma & light[:, None]
    out[..., column["mention_overlap"]] = _jaccard([p.lemmas for p in profiles])
    out[..., column["same_text"]] = _same([p.text_key for p in profiles])

    context = _cosine_tfidf([p.context for p in profiles])
    out[..., column["context"]] = context
    out[..., column["lemma_context"]] = lemma * context
    out[..., column["window"]] = _cosine_tfidf([p.window for p in profiles])
    vectors = np.stack([_unit(p.vector) for p in profiles]) if _same_width(profiles) else np.zeros((n, 1))
    similarity = vectors @ vectors.T
    lexical = lemma | related | stems
    out[..., column["head_vector"]] = similarity
    out[..., column["lexical_vector"]] = lexical * similarity
    arguments = [p.arguments for p in profiles]
    out[..., column["shared_argument"]] = _jaccard(arguments)
    has_arguments = np.array([bool(x) for x in arguments])
    out[..., column["argument_clash"]] = has_arguments[:, None] & has_arguments[None, :] & (_overlap(arguments) == 0)
    same_sentence = _same([(p.doc, p.sentence) for p in profiles])
    lead = np.array([p.lead for p in profiles])
    both_lead = lead[:, None] & lead[None, :]
    out[..., column["lead"]] = both_lead
    out[..., column["lead_unlexical"]] = both_lead & ~lexical

    out[..., column["shared_name"]] = _overlap([p.names for p in profiles]) > 0
    out[..., column["shared_time"]] = _overlap([p.times for p in profiles]) > 0
    out[..., column["shared_place"]] = _overlap([p.places for p in profiles]) > 0
    numbers = [p.numbers for p in profiles]
    shared_numbers = _overlap(numbers) > 0
    has_numbers = np.array([bool(x) for x in numbers])
    out[..., column["shared_number"]] = shared_numbers
    out[..., column["number_clash"]] = has_numbers[:, None] & has_numbers[None, :] & ~shared_numbers

    own_times = [p.own_times for p in profiles]
    shared_own_times = _overlap(own_times) > 0
    has_own_times = np.array([bool(x) for x in own_times])
    out[..., column["own_time"]] = shared_own_times
    out[..., column["own_time_clash"]] = has_own_times[:, None] & has_own_times[None, :] & ~shared_own_times
    participants = [p.participants for p in profiles]
    shared_participants = _overlap(participants) > 0
    has_participants = np.array([bool(x) for x in participants])
    out[..., column["shared_participant"]] = shared_participants
    out[..., column["participant_clash"]] = has_participants[:, None] & has_participants[None, :] & ~shared_participants
    own_places = [p.own_places for p in profiles]
    shared_own_places = _overlap(own_places) > 0
    has_own_places = np.array([bool(x) for x in own_places])
    out[..., column["own_place"]] = shared_own_places
    out[..., column["own_place_clash"]] = has_own_places[:, None] & has_own_places[None, :] & ~shared_own_places

    same_doc = _same([p.doc for p in profiles])
    out[..., column["same_doc"]] = same_doc
    out[..., column["same_doc_lemma"]] = same_doc & lemma
    out[..., column["same_sentence"]] = same_sentence
    doc_ids = sorted({p.doc for p in profiles})
    doc_similarity = _cosine_tfidf([documents.get(d, "") for d in doc_ids], pattern=r"(?u)\b\w\w+\b")
    index = np.array([doc_ids.index(p.doc) for p in profiles])
    out[..., column["document"]] = doc_similarity[np.ix_(index, index)]

    pronoun = np.array([p.head_pos == "PRON" for p in profiles])
    out[..., column["pronoun"]] = pronoun[:, None] | pronoun[None, :]
    labels = [p.label for p in profiles]
    out[..., column["same_label"]] = _same(labels) & np.array([bool(x) for x in labels])[:, None]
    verbs = np.array([p.head_pos == "VERB" for p in profiles])
    out[..., column["verb_noun"]] = verbs[:, None] ^ verbs[None, :]
    out[..., column["lemma_spread"]] = lemma * _spread([p.head_lemma for p in profiles], [p.doc for p in profiles])[:, None]
    _name_features(profiles, out, column)
    return out


def _name_features(profiles: Sequence[MentionProfile], out: NDArray[np.float32], column: Mapping[str, int]) -> None:
    """Proper-name containment, acronym and described-as features of entity pairs."""
    keys = [p.name for p in profiles]
    words = [k.words for k in keys]
    shared = _overlap(words)
    sizes = np.array([len(w) for w in words], dtype=np.float32)
    named = sizes > 0
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    out[..., column["name_containment"]] = named[:, None] & named[None, :] & (shared == smaller)
    initials = np.array([k.initials for k in keys], dtype=object)
    acronyms = np.array([k.acronym for k in keys], dtype=object)
    acronym = (acronyms[:, None] == initials[None, :]) & (acronyms[:, None] != "")
    out[..., column["acronym"]] = acronym | acronym.T
    heads = [frozenset({p.head_lemma}) if p.head_pos == "NOUN" else frozenset() for p in profiles]
    described = _cross([k.descriptors for k in keys], heads) > 0
    out[..., column["described_as"]] = described | described.T


def _spread(keys: Sequence[str], docs: Sequence[str]) -> NDArray[np.float32]:
    """Per mention, the share of the group's documents with a mention of the same key.

    The event a story is about is named in most of its reports; an incidental one with
    the same word ("said", a second "attack") turns up in few.
    """
    found: dict[str, set[str]] = {}
    for key, doc in zip(keys, docs, strict=True):
        found.setdefault(key, set()).add(doc)
    total = max(len(set(docs)), 1)
    return np.array([len(found[key]) / total for key in keys], dtype=np.float32)


def _own_setting(head: Any, inside: set[int]) -> tuple[frozenset[str], frozenset[str]]:
    """Times and places in the mention's own phrase, not in other clauses of its sentence."""
    times: set[str] = set()
    places: set[str] = set()
    stack = [child for child in head.children if child.dep_ not in CLAUSE_DEPS]
    if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.head.pos_ == "VERB":
        stack.extend(child for child in head.head.children if child.dep_ in ("npadvmod", "prep") and child.i != head.i)
    while stack:
        token = stack.pop()
        if token.i not in inside:
            if token.ent_type_ in TIME_LABELS and not token.is_stop and not token.is_punct:
                times.add(token.lower_)
            elif token.ent_type_ in PLACE_LABELS and not token.is_punct:
                places.add(token.lemma_.lower())
        stack.extend(child for child in token.children if child.dep_ not in CLAUSE_DEPS)
    return frozenset(times), frozenset(places)


def _span(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start] or [doc[-1]]
        span = doc[tokens[0].i : tokens[-1].i + 1]
    return span


def _lemma(token: Any) -> str:
    """The lemma, with headline words mistagged as proper nouns folded back."""
    if token.pos_ == "PROPN" or (token.text[:1].isupper() and token.lemma_ == token.text):
        return fold_inflection(token.text)
    return str(token.lemma_).lower()


def _dependents(head: Any, inside: set[int]) -> frozenset[str]:
    """Who and what the mention is about: lemmas of its syntactic arguments."""
    found: set[str] = set()
    for token in _argument_tokens(head, inside):
        if token.is_stop:
            continue
        found.add(token.lemma_.lower())
        found.update(child.lemma_.lower() for child in token.children if child.dep_ == "compound")
    return frozenset(found)


def _argument_tokens(head: Any, inside: set[int]) -> list[Any]:
    """Heads of the mention's syntactic arguments, through prepositions."""
    found = []
    candidates = list(head.children)
    if head.dep_ in ("amod", "acl", "relcl", "compound", "nmod"):
        candidates.append(head.head)
    for token in candidates:
        if token.dep_ == "prep":
            candidates.extend(token.children)
            continue
        if token.i in inside or token.dep_ not in ARGUMENT_DEPS or token.is_punct:
            continue
        found.append(token)
    return found


def _head(span: Any) -> Any:
    """The syntactic root if it is a content word, else the last content word."""
    root = span.root
    if root.pos_ in HEAD_POS:
        return root
    content = [t for t in span if t.pos_ in HEAD_POS]
    return content[-1] if content else root


def _arguments(sentence: Any) -> tuple[frozenset[str], ...]:
    names: set[str] = set()
    times: set[str] = set()
    places: set[str] = set()
    numbers: set[str] = set()
    for ent in sentence.ents:
        key = ent.root.lemma_.lower()
        if ent.label_ in PLACE_LABELS:
            places.add(key)
        elif ent.label_ in TIME_LABELS:
            times.update(t.lower_ for t in ent if not t.is_stop and not t.is_punct)
        elif ent.label_ in NUMBER_LABELS:
            numbers.update(_DIGITS.findall(ent.text.replace(",", "")) or [key])
        elif ent.label_ in NAME_LABELS:
            names.add(key)
    for token in sentence:
        if token.pos_ == "PROPN" and token.ent_type_ not in PLACE_LABELS | TIME_LABELS:
            names.add(token.lemma_.lower())
    return frozenset(names), frozenset(times), frozenset(places), frozenset(numbers)


def _same(values: Sequence[object]) -> NDArray[np.bool_]:
    codes: dict[object, int] = {}
    array = np.array([codes.setdefault(v, len(codes)) for v in values])
    return np.asarray(array[:, None] == array[None, :], dtype=np.bool_)


def _incidence(sets: Sequence[frozenset[Any]]) -> csr_matrix:
    vocabulary: dict[Any, int] = {}
    rows, cols = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sets), max(len(vocabulary), 1)))


def _overlap(sets: Sequence[frozenset[Any]]) -> NDArray[np.float32]:
    matrix = _incidence(sets)
    return np.asarray((matrix @ matrix.T).todense(), dtype=np.float32)


def _cross(left: Sequence[frozenset[Any]], right: Sequence[frozenset[Any]]) -> NDArray[np.float32]:
    """How many items of left[i] are in right[j], for every i and j."""
    matrix = _incidence([*left, *right])
    n = len(left)
    return np.asarray((matrix[:n] @ matrix[n:].T).todense(), dtype=np.float32)


def _jaccard(sets: Sequence[frozenset[Any]]) -> NDArray[np.float32]:
    shared = _overlap(sets)
    sizes = np.array([len(s) for s in sets], dtype=np.float32)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.asarray(np.divide(shared, union, out=np.zeros_like(shared), where=union > 0), dtype=np.float32)


def _cosine_tfidf(texts: Sequence[str], pattern: str = r"[^\s]+") -> NDArray[np.float32]:
    if not any(t.strip() for t in texts):
        return np.zeros((len(texts), len(texts)), dtype=np.float32)
    vectorizer = TfidfVectorizer(token_pattern=pattern, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    return np.asarray((matrix @ matrix.T).todense(), dtype=np.float32)


def _unit(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _same_width(profiles: Sequence[MentionProfile]) -> bool:
    return len({p.vector.shape for p in profiles}) == 1
