"""Incremental story clustering: each arriving report joins a story or starts one.

A report is compared only with the stories an inverted index proposes (stories sharing its
rarest words and names, recent ones first), never with every stored report, so the cost
per report stays flat as the store grows. The similarity is a weighted mean of four cosines
(content words, names, numbers, dates) between the report and each story's centroid,
discounted by the gap between their publication dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.stories.features import DocumentFeatures, content_words, extract_features
from storyline.stories.options import StoryOptions
from storyline.stories.vectors import Centroid, DocumentFrequencies, dot, weigh

CHANNELS = ("terms", "names", "numbers", "dates")
# Channels whose keys feed the inverted index; numbers and dates are too common to block on.
_RETRIEVAL_CHANNELS = ("terms", "names")
# Newest entries read per posting list: recent stories are the likely ones, and the cap
# keeps lookups of frequent keys bounded on large stores.
_POSTING_WINDOW = 500
# Threading: stories kept apart that share most actors and some words, within a month.
# Checked on the example corpus (links its inquiry follow-up to the bushfire, and nothing
# else) and NewsWCL50 (links Comey memos -> Mueller questions and the two Iran-deal
# stories); rerun tests/test_stories.py after changing them.
THREAD_MIN_NAMES = 0.35
THREAD_MIN_TERMS = 0.15
THREAD_WINDOW_DAYS = 30.0


@dataclass(frozen=True, kw_only=True)
class StoryDocument:
    """A report as story clustering needs it; `entities` are names found by NER, if any."""

    id: str
    title: str
    text: str
    published: str = ""
    source: str = ""
    entities: tuple[str, ...] = ()


@dataclass
class _Story:
    id: str
    order: int
    centroids: dict[str, Centroid]
    titles: list[tuple[str, str]] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None

    def gap(self, day: int | None) -> float:
        """Days between `day` and this story's span; 0 when either is undated."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0.0
        if day < self.first_day:
            return float(self.first_day - day)
        return float(max(0, day - self.last_day))


class StoryClusterer:
    """Online clustering of reports into stories, in arrival order.

    Deterministic: the same reports added in the same order give the same stories, and a
    story's id is the id of its first report.
    """

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._frequencies = {name: DocumentFrequencies(self.options.idf_background) for name in CHANNELS}
        self._weights = {
            "terms": self.options.term_weight,
            "names": self.options.name_weight,
            "numbers": self.options.number_weight,
            "dates": self.options.date_weight,
        }
        self._stories: dict[str, _Story] = {}
        self._assigned: dict[str, str] = {}
        self._postings: dict[str, list[str]] = {}

    def features(self, doc: StoryDocument) -> dict[str, Any]:
        """JSON-ready per-report state; pass it to `restore` to rebuild without the text."""
        return _extract(doc).to_json()

    def add(self, doc: StoryDocument) -> str:
        """Place a report and return its story id; a report already placed keeps its story."""
        if doc.id in self._assigned:
            return self._assigned[doc.id]
        return self._place(doc.id, _extract(doc), None)

    def restore(self, doc_id: str, story_id: str, features: Mapping[str, Any]) -> None:
        """Put back a report placed earlier (from `features` output), in its original story."""
        if doc_id not in self._assigned:
            self._place(doc_id, DocumentFeatures.from_json(dict(features)), story_id)

    def story_of(self, doc_id: str) -> str:
        """The story a report was placed in ("" if unknown)."""
        return self._assigned.get(doc_id, "")

    def assignments(self) -> dict[str, str]:
        """Report id -> story id, for every report placed so far."""
        return dict(self._assigned)

    def headline(self, story_id: str) -> str:
        """The title of the report whose title best matches the story's words."""
        story = self._stories.get(story_id)
        if story is None or not story.titles:
            return ""
        terms = self._frequencies["terms"]
        best_title, best_score = story.titles[0][1], -1.0
        for _, title in story.titles:
            score = story.centroids["terms"].cosine(weigh(_counts(content_words(title)), terms))
            if score > best_score + 1e-12:
                best_title, best_score = title, score
        return best_title

    def thread_links(
        self, *, min_names: float = THREAD_MIN_NAMES, min_terms: float = THREAD_MIN_TERMS, window_days: float = THREAD_WINDOW_DAYS
    ) -> list[tuple[str, str]]:
        """(earlier story, later story) pairs that continue one another.

        Two stories are threaded when they were kept apart but share most of their actors
        (`min_names` cosine of name centroids) and some vocabulary (`min_terms`), and the
        later one starts within `window_days` of the end of the earlier one (undated
        stories are ordered by arrival). Links never merge stories.
        """
        links: set[tuple[str, str]] = set()
        for later in self._stories.values():
            names = later.centroids["names"].weights
            heaviest = sorted(names, key=lambda key: (-names[key], key))[: self.options.retrieval_keys]
            seen: set[str] = set()
            for key in heaviest:
                for other_id in self._postings.get("names\x00" + key, ())[-_POSTING_WINDOW:]:
                    if other_id == later.id or other_id in seen:
                        continue
                    seen.add(other_id)
                    earlier = self._stories[other_id]
                    if (
                        not _precedes(earlier, later)
                        or earlier.last_day is not None
                        and later.first_day is not None
                        and later.first_day - earlier.last_day > window_days
                    ):
                        continue
                    if (
                        _centroid_cosine(earlier, later, "names") >= min_names
                        and _centroid_cosine(earlier, later, "terms") >= min_terms
                    ):
                        links.add((earlier.id, later.id))
        return sorted(links, key=lambda pair: (self._stories[pair[0]].order, self._stories[pair[1]].order))

    def _place(self, doc_id: str, features: DocumentFeatures, story_id: str | None) -> str:
        counts = {
            "terms": features.terms,
            "names": features.names,
            "numbers": features.numbers,
            "dates": features.dates,
        }
        for name in CHANNELS:
            self._frequencies[name].add(counts[name])
        vectors = {name: weigh(counts[name], self._frequencies[name]) for name in CHANNELS}
        day = _day(features.published)
        if story_id is None:
            story_id = self._best_story(vectors, day) or doc_id
        story = self._stories.get(story_id)
        if story is None:
            limit = self.options.centroid_keys
            story = _Story(id=story_id, order=len(self._stories), centroids={name: Centroid(limit) for name in CHANNELS})
            self._stories[story_id] = story
        for name in CHANNELS:
            new_keys = story.centroids[name].add(vectors[name])
            if name in _RETRIEVAL_CHANNELS:
                for key in new_keys:
                    self._postings.setdefault(name + "\x00" + key, []).append(story_id)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        story.titles.append((doc_id, features.title))
        self._assigned[doc_id] = story_id
        return story_id

    def _best_story(self, vectors: Mapping[str, Mapping[str, float]], day: int | None) -> str:
        best, best_score = "", self.options.join_threshold
        for story in self._candidates(vectors, day):
            score = self._similarity(vectors, story, day)
            if score > best_score + 1e-12:
                best, best_score = story.id, score
        return best

    def _candidates(self, vectors: Mapping[str, Mapping[str, float]], day: int | None) -> list[_Story]:
        keyed = [(weight, name + "\x00" + key) for name in _RETRIEVAL_CHANNELS for key, weight in vectors[name].items()]
        keyed.sort(key=lambda item: (-item[0], item[1]))
        hits: dict[str, int] = {}
        for _, key in keyed[: self.options.retrieval_keys]:
            for story_id in self._postings.get(key, ())[-_POSTING_WINDOW:]:
                hits[story_id] = hits.get(story_id, 0) + 1
        stories = [self._stories[story_id] for story_id in hits]
        stories = [story for story in stories if story.gap(day) <= self.options.max_gap_days]
        stories.sort(key=lambda story: (-hits[story.id], story.order))
        return stories[: self.options.candidate_stories]

    def _similarity(self, vectors: Mapping[str, Mapping[str, float]], story: _Story, day: int | None) -> float:
        total = 0.0
        weights = 0.0
        for name in CHANNELS:
            weight = self._weights[name]
            if weight == 0.0:
                continue
            total += weight * story.centroids[name].cosine(vectors[name])
            weights += weight
        score = total / weights
        gap = story.gap(day) - self.options.same_event_days
        if gap > 0:
            score *= 0.5 ** (gap / self.options.gap_half_life_days)
        return score


def cluster_documents(docs: Iterable[StoryDocument], options: StoryOptions | None = None) -> dict[str, str]:
    """Cluster reports in the given (arrival) order; returns report id -> story id."""
    clusterer = StoryClusterer(options)
    for doc in docs:
        clusterer.add(doc)
    return clusterer.assignments()


def _extract(doc: StoryDocument) -> DocumentFeatures:
    return extract_features(title=doc.title, text=doc.text, published=doc.published, entities=doc.entities)


def _counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts


def _day(published: str) -> int | None:
    if len(published) < 10:
        return None
    try:
        return datetime.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _precedes(earlier: _Story, later: _Story) -> bool:
    if earlier.first_day is not None and later.first_day is not None and earlier.first_day != later.first_day:
        return earlier.first_day < later.first_day
    return earlier.order < later.order


def _centroid_cosine(first: _Story, second: _Story, channel: str) -> float:
    a, b = first.centroids[channel], second.centroids[channel]
    if a.norm == 0.0 or b.norm == 0.0:
        return 0.0
    small, large = (a.weights, b.weights) if len(a.weights) <= len(b.weights) else (b.weights, a.weights)
    return dot(small, large) / (a.norm * b.norm)


__all__ = ["StoryClusterer", "StoryDocument", "cluster_documents"]
