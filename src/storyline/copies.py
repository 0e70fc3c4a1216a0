"""Exact duplicates and syndicated (wire) copies among reports.

A wire story reprinted by ten papers is one source, not ten, so copies must be found
before sources are counted. Exact duplicates share the hash of their normalised words.
Near-duplicates (a copy with a new headline, a few words changed, the last paragraphs cut,
page lines added) are found with MinHash over word 3-grams: an LSH index proposes
candidates with an estimated Jaccard as low as ~0.4, then each candidate is verified on
containment (how much of the shorter text lies in the longer), which forgives trimmed
endings. Independent reports of one event share quotes and facts but few 3-grams, so
their containment stays far below the threshold.

A signature is `[shingle count, minhash values...]`; a store keeps it and rebuilds the
index with `add_signature` instead of reading the texts again. MinHash comes from one
library (rensa), so signatures stored by one run compare with those of the next.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import xxhash
from rensa import RMinHash

from storyline.errors import ConfigError

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, kw_only=True)
class CopyOptions:
    """How copies are found. Tuned on the syndication set generated from the example
    corpus (`storyline.evaluation.syndication`) and checked on ECB+ and NewsWCL50 reports
    of one story that are not copies; rerun `evaluate_copies` after changing any value."""

    # Words per shingle. A 5 % word edit keeps ~85 % of 3-grams but only ~75 % of
    # 5-grams (Jaccard ~0.74 against ~0.6), and 3-grams are still rare enough that
    # independent reports share few of them.
    shingle_words: int = 3
    # MinHash permutations; the LSH uses `bands * rows` of them. 3 rows per band and 42
    # bands make a pair with Jaccard 0.4 a candidate with probability 0.94, one with
    # Jaccard 0.05 with probability 0.005.
    num_perm: int = 126
    bands: int = 42
    rows: int = 3
    # A candidate is a copy when this share of the shorter text's shingles (estimated)
    # is in the longer one. Generated copies (5 % words edited, new headline, furniture,
    # trimmed endings) measure 0.66-1.0 exactly (1st percentile 0.66); over 0.45-0.65 on
    # the example corpus, 0.55 kept recall 0.987 with precision 1.0 and flagged one ECB+ /
    # NewsWCL50 pair of one story that was written differently (0.5: two, 0.45: eleven).
    min_containment: float = 0.55
    # The shorter text must be at least this share of the longer: a paragraph quoted in a
    # long feature is not a copy of it.
    min_length_ratio: float = 0.25
    # Texts with fewer shingles are matched only exactly: too short to tell copying
    # from a shared stock phrase.
    min_shingles: int = 15
    seed: int = 1

    def __post_init__(self) -> None:
        if self.shingle_words < 1:
            raise ConfigError("copies.shingle_words must be at least 1 (try 3)")
        if self.bands * self.rows > self.num_perm or self.bands < 1 or self.rows < 1:
            raise ConfigError("copies.bands * copies.rows must be positive and at most copies.num_perm (try 42 x 3, 126)")
        if not 0.0 < self.min_containment <= 1.0 or not 0.0 <= self.min_length_ratio <= 1.0:
            raise ConfigError("copies.min_containment must be in (0, 1] and min_length_ratio in [0, 1] (try 0.55 and 0.25)")


def normalise_words(text: str) -> list[str]:
    """Lower-cased words after Unicode normalisation: what copies are compared on."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def shingles(words: list[str], size: int) -> set[str]:
    """Distinct word n-grams (the whole text when shorter than n)."""
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}


class CopyIndex:
    """Incremental index of reports; `add` says which earlier report a new one copies."""

    def __init__(self, options: CopyOptions | None = None) -> None:
        self.options = options or CopyOptions()
        self._ids: list[str] = []
        self._published: list[str] = []
        self._sizes: list[int] = []
        self._digests: list[np.ndarray] = []
        self._root: list[int] = []
        self._position: dict[str, int] = {}
        self._exact: dict[int, int] = {}
        self._bands: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def signature(self, text: str) -> list[int]:
        """`[shingle count, minhash values...]` of a text, for storage and `add_signature`."""
        found = shingles(normalise_words(text), self.options.shingle_words)
        return [len(found), *_minhash(found, self.options)]

    def add(self, report_id: str, text: str, published: str = "") -> str:
        """Index a report; returns the id of the original it copies, or "" if none.

        The original is the earliest published report among those it matches and their
        own originals; adding an id twice returns the first answer.
        """
        if report_id in self._position:
            return self.original_of(report_id)
        words = normalise_words(text)
        exact = xxhash.xxh64_intdigest(" ".join(words).encode("utf-8"))
        found = shingles(words, self.options.shingle_words)
        return self._insert(report_id, [len(found), *_minhash(found, self.options)], published, exact)

    def add_signed(self, report_id: str, text: str, published: str = "") -> tuple[str, list[int]]:
        """`add` and `signature` of one text at once, its words and shingles found once:
        (the original it copies or "", the signature to store)."""
        words = normalise_words(text)
        found = shingles(words, self.options.shingle_words)
        signature = [len(found), *_minhash(found, self.options)]
        if report_id in self._position:
            return self.original_of(report_id), signature
        exact = xxhash.xxh64_intdigest(" ".join(words).encode("utf-8"))
        return self._insert(report_id, signature, published, exact), signature

    def add_signature(self, report_id: str, signature: list[int], published: str = "") -> str:
        """Index a report from a stored `signature`; same answer as `add` on its text, except
        that exact duplicates are then recognised through their identical signatures."""
        if report_id in self._position:
            return self.original_of(report_id)
        exact = xxhash.xxh64_intdigest(np.asarray(signature, dtype=np.uint64).tobytes())
        return self._insert(report_id, signature, published, exact)

    def original_of(self, report_id: str) -> str:
        """The original of an indexed report ("" when it is one itself or unknown)."""
        position = self._position.get(report_id)
        if position is None or self._root[position] == position:
            return ""
        return self._ids[self._root[position]]

    def _insert(self, report_id: str, signature: list[int], published: str, exact: int) -> str:
        options = self.options
        size = int(signature[0])
        digest = np.asarray(signature[1:], dtype=np.uint32)
        if digest.shape[0] != options.num_perm:
            raise ConfigError(f"signature of {report_id} has {digest.shape[0]} values, copies.num_perm is {options.num_perm}")
        matches: set[int] = set()
        if exact in self._exact:
            matches.add(self._exact[exact])
        keys = _band_keys(digest, options)
        if size >= options.min_shingles:
            for candidate in self._candidates(keys):
                if candidate not in matches and self._is_copy(size, digest, candidate):
                    matches.add(candidate)
        position = len(self._ids)
        sources = matches | {self._root[match] for match in matches}
        root = min(sources, key=lambda index: (self._published[index] or "\uffff", index)) if sources else position
        self._ids.append(report_id)
        self._published.append(published)
        self._sizes.append(size)
        self._digests.append(digest)
        self._root.append(root)
        self._position[report_id] = position
        self._exact.setdefault(exact, position)
        if size >= options.min_shingles:
            for key in keys:
                held = self._bands.get(key)
                if held is None:
                    self._bands[key] = position
                elif isinstance(held, list):
                    held.append(position)
                else:
                    self._bands[key] = [held, position]
        return "" if root == position else self._ids[root]

    def _candidates(self, keys: list[int]) -> list[int]:
        found: set[int] = set()
        for key in keys:
            held = self._bands.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                found.update(held)
            else:
                found.add(held)
        return sorted(found)

    def _is_copy(self, size: int, digest: np.ndarray, candidate: int) -> bool:
        other = self._sizes[candidate]
        smaller, larger = min(size, other), max(size, other)
        if smaller < self.options.min_shingles or smaller < self.options.min_length_ratio * larger:
            return False
        jaccard = float(np.count_nonzero(digest == self._digests[candidate])) / float(digest.shape[0])
        shared = jaccard * (size + other) / (1.0 + jaccard)
        return bool(shared / smaller >= self.options.min_containment)


def _minhash(found: set[str], options: CopyOptions) -> list[int]:
    if not found:
        return [0xFFFFFFFF] * options.num_perm
    sketch = RMinHash(options.num_perm, options.seed)
    sketch.update(sorted(found))
    return [int(value) for value in sketch.digest()]


def _band_keys(digest: np.ndarray, options: CopyOptions) -> list[int]:
    rows = options.rows
    raw = digest.tobytes()
    width = 4 * rows
    return [xxhash.xxh64_intdigest(raw[band * width : (band + 1) * width], seed=band) for band in range(options.bands)]


__all__ = ["CopyIndex", "CopyOptions", "normalise_words", "shingles"]
