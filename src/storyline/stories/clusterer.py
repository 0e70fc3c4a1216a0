"""Incremental story clustering: each arriving report joins a story or starts one.

A report is compared only with the stories an inverted index proposes (stories sharing its
rarest words and names, recent ones first), never with every stored report, so the cost
per report stays flat as the store grows. The similarity is a weighted mean of four cosines
(content words, names, numbers, dates) between the report and each story's centroid,
discounted by the gap between their publication dates.

A single pass cannot revisit a decision: the first reports of an event often arrive
before its story has formed and start stories of their own, and two events of one kind
that meet early grow as one story. `refine`, called after each batch, folds such small
stories into the grown story they now match, and splits a grown story whose reports fall
into two clearly separate groups (see split.py).
"""

from __future__ import annotations

import datetime
import heapq
import sys
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.stories.features import DocumentFeatures, content_words, extract_features
from storyline.stories.meaning import MeaningIndex, mean_across, mean_within, rescale
from storyline.stories.options import StoryOptions
from storyline.stories.split import bisect, separates, similarity_matrix
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
# Or: stories whose headlines and leads mean nearly the same (cosine of their meaning
# centroids) share fewer actors. After `storyline ingest` of the example corpus, the fire
# inquiry and the fire score names 0.32, words 0.32, meaning 0.73; no other pair of its
# stories passes 0.47 in meaning or 0.14 in names. Rerun tests/test_stories.py.
THREAD_MIN_MEANING = 0.6
THREAD_MIN_NAMES_WITH_MEANING = 0.2


@dataclass(frozen=True, kw_only=True)
class StoryDocument:
    """A report as story clustering needs it; `entities` are names found by NER, if any,
    `meaning` the sentence encoder's unit vector of its headline and lead (made by
    `meaning_id`), if one ran."""

    id: str
    title: str
    text: str
    published: str = ""
    source: str = ""
    entities: tuple[str, ...] = ()
    meaning: np.ndarray | None = None
    meaning_id: str = ""


@dataclass
class _Story:
    id: str
    order: int
    centroids: dict[str, Centroid]
    titles: list[tuple[str, str]] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None
    members: list[str] = field(default_factory=list)
    # Per channel, the summed squared lengths of the members' vectors (1 for each report
    # with any key): with the centroid, it gives the mean similarity within the story.
    filled: dict[str, float] = field(default_factory=dict)

    def gap(self, day: int | None) -> float:
        """Days between `day` and this story's span; 0 when either is undated."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0.0
        if day < self.first_day:
            return float(self.first_day - day)
        return float(max(0, day - self.last_day))

    def span_gap(self, other: _Story) -> float:
        """Days between the two stories' spans; 0 when they overlap or either is undated."""
        if other.first_day is None or other.last_day is None or self.first_day is None or self.last_day is None:
            return 0.0
        if other.last_day < self.first_day:
            return float(self.first_day - other.last_day)
        return float(max(0, other.first_day - self.last_day))


class _ReportVector:
    """One report's weighted keys, pruned and packed: what a split needs to regroup stories.

    Keys of all channels sit in one tuple (interned strings, shared with other reports),
    weights in a float array; `ends[i]` is where channel i's keys stop.
    """

    __slots__ = ("day", "ends", "keys", "meaning", "share", "weights")

    def __init__(
        self,
        vectors: Mapping[str, Mapping[str, float]],
        day: int | None,
        limit: int,
        meaning: np.ndarray | None,
        share: float,
    ) -> None:
        keys: list[str] = []
        weights = array("f")
        ends = []
        for name in CHANNELS:
            heaviest = sorted(vectors[name].items(), key=lambda item: (-item[1], item[0]))[:limit]
            keys.extend(sys.intern(key) for key, _ in heaviest)
            weights.extend(value for _, value in heaviest)
            ends.append(len(keys))
        self.keys = tuple(keys)
        self.weights = weights
        self.ends = tuple(ends)
        self.day = day
        self.meaning = None if meaning is None else meaning.astype(np.float16)
        self.share = share

    def channels(self) -> dict[str, dict[str, float]]:
        """The vectors again, one dict per channel (pruned keys only)."""
        out: dict[str, dict[str, float]] = {}
        start = 0
        for name, end in zip(CHANNELS, self.ends):
            out[name] = dict(zip(self.keys[start:end], self.weights[start:end]))
            start = end
        return out


class StoryClusterer:
    """Online clustering of reports into stories, in arrival order.

    Deterministic: the same reports added (and refined) in the same order give the same
    stories. A story's id is the id of the report that founded it; `refine` may later fold
    a small story, even an older one, into it, and never renames a story.
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
        self._meaning = MeaningIndex()
        self._stories: dict[str, _Story] = {}
        self._assigned: dict[str, str] = {}
        self._reports: dict[str, _ReportVector] = {}
        # Pairs of stories a split separated: refinement must not fold one into the other.
        self._apart: set[frozenset[str]] = set()
        self._postings: dict[str, list[str]] = {}
        # Stories ever founded (absorbed ones included): the next story's arrival rank.
        self._founded = 0
        # Stories that gained a report since the last `refine`, in first-touched order.
        self._grown: dict[str, None] = {}

    def features(self, doc: StoryDocument) -> dict[str, Any]:
        """JSON-ready per-report state; pass it to `restore` to rebuild without the text."""
        return self._extract(doc).to_json()

    def add(self, doc: StoryDocument) -> str:
        """Place a report and return its story id; a report already placed keeps its story."""
        if doc.id in self._assigned:
            return self._assigned[doc.id]
        return self._place(doc.id, self._extract(doc), None)

    def add_with_features(self, doc: StoryDocument) -> tuple[str, dict[str, Any]]:
        """`add` and `features` of one report at once, its features extracted once."""
        features = self._extract(doc)
        stored = features.to_json()
        if doc.id in self._assigned:
            return self._assigned[doc.id], stored
        return self._place(doc.id, features, None), stored

    def _extract(self, doc: StoryDocument) -> DocumentFeatures:
        entities = doc.entities if self.options.names_from == "entities" else ()
        return extract_features(
            title=doc.title,
            text=doc.text,
            published=doc.published,
            entities=entities,
            meaning=doc.meaning,
            meaning_id=doc.meaning_id,
        )

    def restore(self, doc_id: str, story_id: str, features: Mapping[str, Any]) -> None:
        """Put back a report placed earlier (from `features` output), in its original story."""
        if doc_id not in self._assigned:
            self._place(doc_id, DocumentFeatures.from_json(dict(features)), story_id)

    def refine(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Fold small stories into larger ones that have grown since; returns moved reports.

        `story_ids` are the stories to refine around (default: every story that gained a
        report since the last call). A story of at most `absorb_max_size` reports near one
        of them is merged into it when their similarity reaches `absorb_threshold`; the work
        is bounded by the retrieval limits, so calling this after each batch keeps the cost
        per report flat. Then each of those stories with `split_min_size` to
        `split_max_size` reports is split in two when its reports form two separate groups
        (split.py); the group without the story's founding report becomes a story named
        after its earliest report, and the two are never folded together again. Last,
        stories near each of them merge when the same test does not keep them apart
        (`_merge_alike`).

        The answer maps each moved report id to its new story id: callers that persist
        stories must update those reports (`restore` then puts them back in their new
        story). Absorbed stories disappear.
        """
        if story_ids is None:
            targets = list(self._grown)
            self._grown.clear()
        else:
            targets = list(story_ids)
            for story_id in targets:
                self._grown.pop(story_id, None)
        stories = sorted((self._stories[sid] for sid in dict.fromkeys(targets) if sid in self._stories), key=lambda s: s.order)
        best: dict[str, tuple[float, _Story]] = {}
        units: dict[str, dict[str, dict[str, float]]] = {}
        for target in stories:
            if len(target.members) <= self.options.absorb_max_size:
                continue
            query = {name: target.centroids[name].weights for name in _RETRIEVAL_CHANNELS}
            for small in self._candidates(query, None, self._meaning.centroid(target.id)):
                if small.id == target.id or len(small.members) > self.options.absorb_max_size:
                    continue
                if frozenset((small.id, target.id)) in self._apart:
                    continue
                if target.span_gap(small) > self.options.max_gap_days:
                    continue
                vectors = units.get(small.id)
                if vectors is None:
                    vectors = units[small.id] = {name: small.centroids[name].unit() for name in CHANNELS}
                score = self._similarity(
                    vectors,
                    target,
                    target.span_gap(small),
                    self._meaning.centroid(small.id),
                    self._meaning.share(small.id),
                    (small.first_day, small.last_day),
                )
                held = best.get(small.id)
                if score >= self.options.absorb_threshold and (held is None or score > held[0] + 1e-12):
                    best[small.id] = (score, target)
        moved: dict[str, str] = {}
        for small_id in sorted(best, key=lambda sid: self._stories[sid].order):
            target = best[small_id][1]
            if target.id in self._stories:
                for doc_id in self._absorb(self._stories[small_id], target):
                    moved[doc_id] = target.id
        # Split before merging: a report that strayed from one of two merged events can
        # only find its own event once the two are apart.
        touched: dict[str, None] = {}
        for target in stories:
            if target.id in self._stories:
                touched[target.id] = None
                touched.update(dict.fromkeys(self._split_apart(target, moved)))
        for story_id in touched:
            if story_id in self._stories:
                self._merge_alike(self._stories[story_id], moved)
        return moved

    def separated(self) -> list[tuple[str, str]]:
        """Pairs of stories a split parted (each pair sorted): persist them with the
        assignments and give them back through `keep_apart` when rebuilding."""
        return sorted((min(pair), max(pair)) for pair in self._apart)

    def keep_apart(self, first: str, second: str) -> None:
        """Never fold these two stories together (restoring a split made earlier)."""
        self._apart.add(frozenset((first, second)))

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
        (`min_names` cosine of name centroids; less when their meaning centroids agree,
        `THREAD_MIN_MEANING`) and some vocabulary (`min_terms`), and the
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
                    if other_id == later.id or other_id in seen or other_id not in self._stories:
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
                    if _centroid_cosine(earlier, later, "terms") < min_terms:
                        continue
                    shared_names = _centroid_cosine(earlier, later, "names")
                    if shared_names >= min_names or (
                        shared_names >= THREAD_MIN_NAMES_WITH_MEANING
                        and (self._meaning.cosine(self._meaning.centroid(earlier.id), later.id) or 0.0) >= THREAD_MIN_MEANING
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
        meaning = features.meaning if self.options.meaning_weight > 0.0 else None
        share = features.meaning_share
        if story_id is None:
            story_id = self._best_story(vectors, day, meaning, share) or doc_id
            # New and grown stories alike are refined next: a new one may match an older
            # story that has not grown since.
            self._grown[story_id] = None
        story = self._stories.get(story_id)
        if story is None:
            limit = self.options.centroid_keys
            story = _Story(id=story_id, order=self._founded, centroids={name: Centroid(limit) for name in CHANNELS})
            self._stories[story_id] = story
            self._founded += 1
        for name in CHANNELS:
            self._index(story_id, name, story.centroids[name].add(vectors[name]))
            story.filled[name] = story.filled.get(name, 0.0) + (1.0 if vectors[name] else 0.0)
        self._meaning.add(story_id, meaning, share)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        story.titles.append((doc_id, features.title))
        story.members.append(doc_id)
        self._assigned[doc_id] = story_id
        self._reports[doc_id] = _ReportVector(vectors, day, self.options.report_vector_keys, meaning, share)
        return story_id

    def _index(self, story_id: str, name: str, new_keys: list[str]) -> None:
        if name in _RETRIEVAL_CHANNELS:
            for key in new_keys:
                self._postings.setdefault(name + "\x00" + key, []).append(story_id)

    def _absorb(self, small: _Story, target: _Story) -> list[str]:
        """Merge `small` into `target`; stale index entries of `small` are skipped on lookup."""
        for name in CHANNELS:
            self._index(target.id, name, target.centroids[name].merge(small.centroids[name]))
            target.filled[name] = target.filled.get(name, 0.0) + small.filled.get(name, 0.0)
        self._meaning.merge(target.id, small.id)
        for day in (small.first_day, small.last_day):
            if day is not None:
                target.first_day = day if target.first_day is None else min(target.first_day, day)
                target.last_day = day if target.last_day is None else max(target.last_day, day)
        target.titles.extend(small.titles)
        target.members.extend(small.members)
        for doc_id in small.members:
            self._assigned[doc_id] = target.id
        del self._stories[small.id]
        self._grown.pop(small.id, None)
        return small.members

    def _merge_alike(self, story: _Story, moved: dict[str, str]) -> str:
        """Fold into one the stories near `story` that the split test would not keep apart.

        Two stories merge when the mean similarity of their reports across the pair reaches
        `merge_ratio` times the mean within the less cohesive one (a single report counts
        as cohesive as `join_threshold`), and `merge_min_similarity` in absolute terms.
        Between `split_ratio` and `merge_ratio`, two stories of two reports or more merge
        when `split.separates` rejects them as they stand: their ratio is not confirmed by
        publication days or by agreeing neighbours, so refinement would not have split
        them either (an event whose first reports started two stories). The older story
        keeps its id. Returns the id of the story `story` ended up in.
        """
        while True:
            query = {name: story.centroids[name].weights for name in _RETRIEVAL_CHANNELS}
            best: tuple[float, _Story] | None = None
            candidates = self._candidates(query, None, self._meaning.centroid(story.id))
            for other in candidates:
                if other.id == story.id or frozenset((story.id, other.id)) in self._apart:
                    continue
                gap = story.span_gap(other)
                if gap > self.options.max_gap_days:
                    continue
                across, reference = self._cohesion(story, other, gap)
                ratio = across / reference
                if across < self.options.merge_min_similarity or ratio < self.options.split_ratio:
                    continue
                if ratio < self.options.merge_ratio and not self._one_event(story, other):
                    continue
                if best is None or ratio > best[0] + 1e-12:
                    best = (ratio, other)
            if best is None:
                self._move_strays(story, candidates, moved)
                return story.id
            older, newer = sorted((story, best[1]), key=lambda item: item.order)
            for doc_id in self._absorb(newer, older):
                moved[doc_id] = older.id
            story = older

    def _move_strays(self, story: _Story, candidates: list[_Story], moved: dict[str, str]) -> None:
        """Move to `story` the reports of nearby stories (`candidates`, as `_merge_alike`
        retrieved them) that are more like its reports than like their own story's others.

        A report that arrives before its event's story has formed joins the nearest story of
        its topic; when its siblings, published days later, start a story of their own (the
        publication gap holds them apart), no split can hand it back, as it is one report
        against several. Undated reports are the usual case: the gap keeps nothing from them.
        """
        if len(story.members) < 2:
            return
        for other in candidates:
            if other.id == story.id or len(other.members) < 3 or len(other.members) > self.options.split_max_size:
                continue
            gap = story.span_gap(other)
            # Stories of two days may trade an undated report: no gap discount here.
            if gap > self.options.max_gap_days or self._cohesion(story, other, 0.0)[0] < self.options.merge_min_similarity:
                continue
            if not self._may_stray(other, story):
                continue
            members = other.members + story.members
            similarity = self._member_similarity(members)
            size = len(other.members)
            strays = []
            for index, doc_id in enumerate(other.members):
                own = (similarity[index, :size].sum() - similarity[index, index]) / (size - 1)
                day = self._reports[doc_id].day
                there = similarity[index, size:].mean() * self._gap_factor(story.gap(day))
                if there > max(own, self.options.join_threshold):
                    strays.append(doc_id)
            if not strays or len(strays) * 2 >= size or any(doc_id in self._stories for doc_id in strays):
                # None, or most of the story (a merge's business), or a story's founder.
                continue
            part = self._detach(other, strays)
            self._apart.discard(frozenset((other.id, part.id)))
            for doc_id in self._absorb(part, story):
                moved[doc_id] = story.id

    def _may_stray(self, other: _Story, story: _Story) -> bool:
        """Whether a report of `other` is, on average, more like `story`'s reports than like
        its own story's others: the pairwise test below, from centroids (pruned), cheaply."""
        for doc_id in other.members:
            report = self._reports[doc_id]
            vectors = report.channels()
            there = self._mean_link(vectors, report, story, False) * self._gap_factor(story.gap(report.day))
            if there > self.options.join_threshold and there > self._mean_link(vectors, report, other, True):
                return True
        return False

    def _mean_link(self, vectors: Mapping[str, Mapping[str, float]], report: _ReportVector, story: _Story, member: bool) -> float:
        """Mean similarity of a report to a story's reports (others than itself when `member`)."""
        count = len(story.members) - (1 if member else 0)
        if count < 1:
            return 0.0
        total = weights = 0.0
        for name in CHANNELS:
            weight = self._weights[name]
            vector = vectors[name]
            own = dot(vector, vector) if member else 0.0
            total += weight * (dot(vector, story.centroids[name].weights) - own) / count
            weights += weight
        held = self._meaning.total(story.id)
        with_vectors = self._meaning.count(story.id) - (1 if member else 0)
        if report.meaning is not None and held is not None and with_vectors > 0 and self.options.meaning_weight > 0.0:
            meaning = report.meaning.astype(np.float32)
            cosine = (float(meaning @ held) - (float(meaning @ meaning) if member else 0.0)) / with_vectors
            weight = self.options.meaning_weight * min(report.share, self._meaning.share(story.id))
            total += weight * rescale(cosine, self.options.meaning_floor)
            weights += weight
        return total / weights

    def _one_event(self, first: _Story, second: _Story) -> bool:
        """Whether two stories of two reports or more, side by side, fail the split test."""
        members = first.members + second.members
        if min(len(first.members), len(second.members)) < 2 or len(members) > self.options.split_max_size:
            return False
        similarity = self._member_similarity(members)
        mask = np.arange(len(members)) < len(first.members)
        return not self._separates(similarity, mask, members)

    def _separates(self, similarity: np.ndarray, mask: np.ndarray, members: list[str]) -> bool:
        return separates(
            similarity,
            mask,
            self.options.split_ratio,
            confirmed_ratio=self.options.split_ratio_confirmed,
            days=[self._reports[doc_id].day for doc_id in members],
            neighbours=self.options.split_neighbours,
            agreement=self.options.split_agreement,
        )

    def _cohesion(self, first: _Story, second: _Story, gap_days: float) -> tuple[float, float]:
        """Mean report similarity across two stories, and within the less cohesive one.

        From centroids alone: for unit vectors, the mean pairwise dot product across two
        sets is the dot product of their sums over the product of their sizes, and within
        one set it is (|sum|^2 - sum of squared lengths) over n(n-1).
        """
        total_weight = sum(self._weights.values())
        across = 0.0
        within = {first.id: 0.0, second.id: 0.0}
        for name in CHANNELS:
            weight = self._weights[name]
            if weight == 0.0:
                continue
            a, b = first.centroids[name], second.centroids[name]
            across += weight * _centroid_dot(a, b) / (len(first.members) * len(second.members))
            for story, centroid in ((first, a), (second, b)):
                count = len(story.members)
                if count > 1:
                    within[story.id] += weight * (centroid.norm**2 - story.filled.get(name, 0.0)) / (count * (count - 1))
        meaning_across = mean_across(
            self._meaning.total(first.id), self._meaning.count(first.id), self._meaning.total(second.id), self._meaning.count(second.id)
        )
        if meaning_across is not None and meaning_across < self._meaning_gate(first, (second.first_day, second.last_day)):
            return 0.0, 1.0
        if meaning_across is not None:
            weight = self.options.meaning_weight * min(self._meaning.share(first.id), self._meaning.share(second.id))
            across += weight * rescale(meaning_across, self.options.meaning_floor)
            for story in (first, second):
                inside = mean_within(self._meaning.total(story.id), self._meaning.count(story.id))
                within[story.id] += weight * rescale(inside if inside is not None else 1.0, self.options.meaning_floor)
            total_weight += weight
        across = across / total_weight * self._gap_factor(gap_days)
        references = [within[story.id] / total_weight for story in (first, second) if len(story.members) > 1]
        reference = min(references) if references else self.options.join_threshold
        return across, max(reference, 1e-9)

    def _split_apart(self, story: _Story, moved: dict[str, str]) -> list[str]:
        """Split `story`, and the parts again, while a part holds two separate groups.

        Records the moved reports in `moved`; returns the ids of the new stories.
        """
        parts: list[str] = []
        if self.options.split_ratio <= 0.0:
            # 0 turns splitting off, dated cuts included.
            return parts
        pending = [story]
        while pending:
            current = pending.pop()
            if not self.options.split_min_size <= len(current.members) <= self.options.split_max_size:
                continue
            similarity = self._member_similarity(current.members)
            mask = bisect(similarity)
            if mask is None or not self._separates(similarity, mask, current.members):
                continue
            founder_side = bool(mask[current.members.index(current.id)]) if current.id in current.members else bool(mask[0])
            leaving = [doc_id for doc_id, side in zip(current.members, mask) if bool(side) != founder_side]
            if leaving[0] in self._stories:
                # Its name is taken (only after an unusual restore): leave the story whole.
                continue
            part = self._detach(current, leaving)
            moved.update(dict.fromkeys(part.members, part.id))
            parts.append(part.id)
            pending.extend((current, part))
        return parts

    def _detach(self, story: _Story, leaving: list[str]) -> _Story:
        """Move `leaving` out of `story` into a new story named after its first report."""
        gone = set(leaving)
        kept = [doc_id for doc_id in story.members if doc_id not in gone]
        part = _Story(id=leaving[0], order=self._founded, centroids={})
        self._founded += 1
        self._stories[part.id] = part
        self._apart.add(frozenset((story.id, part.id)))
        old_keys = {name: set(story.centroids[name].weights) for name in CHANNELS}
        for target, members in ((story, kept), (part, leaving)):
            target.centroids = {name: Centroid(self.options.centroid_keys) for name in CHANNELS}
            target.filled = dict.fromkeys(CHANNELS, 0.0)
            target.members = list(members)
            days = [day for day in (self._reports[doc_id].day for doc_id in members) if day is not None]
            target.first_day, target.last_day = (min(days), max(days)) if days else (None, None)
            for doc_id in members:
                self._assigned[doc_id] = target.id
                for name, vector in self._reports[doc_id].channels().items():
                    target.centroids[name].add(vector)
                    target.filled[name] += sum(value * value for value in vector.values())
        for target, members in ((story, kept), (part, leaving)):
            reports = [self._reports[doc_id] for doc_id in members]
            self._meaning.rebuild(
                target.id, [(item.meaning.astype(np.float32), item.share) for item in reports if item.meaning is not None]
            )
        for name in CHANNELS:
            self._index(part.id, name, list(part.centroids[name].weights))
            self._index(story.id, name, [key for key in story.centroids[name].weights if key not in old_keys[name]])
        part.titles = [item for item in story.titles if item[0] in gone]
        story.titles = [item for item in story.titles if item[0] not in gone]
        return part

    def _best_story(
        self, vectors: Mapping[str, Mapping[str, float]], day: int | None, meaning: np.ndarray | None, share: float
    ) -> str:
        best, best_score = "", self.options.join_threshold
        for story in self._candidates(vectors, day, meaning):
            score = self._similarity(vectors, story, story.gap(day), meaning, share, (day, day))
            if score > best_score + 1e-12:
                best, best_score = story.id, score
        return best

    def _candidates(
        self, vectors: Mapping[str, Mapping[str, float]], day: int | None, meaning: np.ndarray | None = None
    ) -> list[_Story]:
        """Stories sharing the report's heaviest keys, then the stories nearest in meaning."""
        keyed = [(weight, name + "\x00" + key) for name in _RETRIEVAL_CHANNELS for key, weight in vectors[name].items()]
        hits: dict[str, int] = {}
        for _, key in heapq.nsmallest(self.options.retrieval_keys, keyed, key=lambda item: (-item[0], item[1])):
            for story_id in self._postings.get(key, ())[-_POSTING_WINDOW:]:
                hits[story_id] = hits.get(story_id, 0) + 1
        stories = [self._stories[story_id] for story_id in hits if story_id in self._stories]
        stories = [story for story in stories if story.gap(day) <= self.options.max_gap_days]
        stories.sort(key=lambda story: (-hits[story.id], story.order))
        stories = stories[: self.options.candidate_stories]
        seen = {story.id for story in stories}
        for story_id in self._meaning.nearest(meaning, self.options.meaning_candidates):
            story = self._stories.get(story_id)
            if story is not None and story_id not in seen and story.gap(day) <= self.options.max_gap_days:
                stories.append(story)
                seen.add(story_id)
        return stories

    def _similarity(
        self,
        vectors: Mapping[str, Mapping[str, float]],
        story: _Story,
        gap_days: float,
        meaning: np.ndarray | None = None,
        share: float = 1.0,
        days: tuple[int | None, int | None] = (None, None),
    ) -> float:
        total = 0.0
        weights = 0.0
        for name in CHANNELS:
            weight = self._weights[name]
            if weight == 0.0:
                continue
            total += weight * story.centroids[name].cosine(vectors[name])
            weights += weight
        cosine = self._meaning.mean_similarity(meaning, story.id) if self.options.meaning_weight > 0.0 else None
        if cosine is not None and cosine < self._meaning_gate(story, days):
            return 0.0
        if cosine is not None:
            weight = self.options.meaning_weight * min(share, self._meaning.share(story.id))
            total += weight * rescale(cosine, self.options.meaning_floor)
            weights += weight
        return total / weights * self._gap_factor(gap_days)

    def _member_similarity(self, members: list[str]) -> np.ndarray:
        """Pairwise similarity of reports, every channel (meaning included) weighed in."""
        vectors = [self._reports[doc_id] for doc_id in members]
        meanings = shares = None
        if self.options.meaning_weight > 0.0 and all(vector.meaning is not None for vector in vectors):
            meanings = np.vstack([vector.meaning for vector in vectors if vector.meaning is not None]).astype(np.float32)
            shares = np.array([vector.share for vector in vectors])
        return similarity_matrix(
            [vector.channels() for vector in vectors],
            self._weights,
            meanings=meanings,
            shares=shares,
            meaning_weight=self.options.meaning_weight,
            meaning_floor=self.options.meaning_floor,
        )

    def _meaning_gate(self, story: _Story, days: tuple[int | None, int | None]) -> float:
        """The least mean meaning cosine for `story` to take reports published over `days`:
        `meaning_across_days` when the two sides, all dated, span more than one day, else none;
        more for each day the joined span would run past `meaning_free_span_days`."""
        spans = (story.first_day, story.last_day, *days)
        if None in spans or len(set(spans)) == 1:
            return -1.0
        dated = [day for day in spans if day is not None]
        span = max(dated) - min(dated) + 1
        extra = max(0, span - self.options.meaning_free_span_days)
        return self.options.meaning_across_days + self.options.meaning_per_extra_day * extra

    def _gap_factor(self, gap_days: float) -> float:
        """1 up to `same_event_days` apart, then halving every `gap_half_life_days`."""
        gap = gap_days - self.options.same_event_days
        return 0.5 ** (gap / self.options.gap_half_life_days) if gap > 0 else 1.0


def cluster_documents(docs: Iterable[StoryDocument], options: StoryOptions | None = None) -> dict[str, str]:
    """Cluster reports in the given (arrival) order; returns report id -> story id."""
    clusterer = StoryClusterer(options)
    batch = clusterer.options.refine_batch
    for count, doc in enumerate(docs, start=1):
        clusterer.add(doc)
        if count % batch == 0:
            clusterer.refine()
    clusterer.refine()
    return clusterer.assignments()


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
    return _centroid_dot(a, b) / (a.norm * b.norm)


def _centroid_dot(a: Centroid, b: Centroid) -> float:
    """Dot product of two centroids' weights, iterating the shorter."""
    if len(a.weights) <= len(b.weights):
        return dot(a.weights, b.weights)
    return dot(b.weights, a.weights)


__all__ = ["StoryClusterer", "StoryDocument", "cluster_documents"]
