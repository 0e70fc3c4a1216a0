"""Recognise page-furniture lines in scraped text, using the patterns in data/furniture.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.wordlists import numbered_entries

# A line ends like a sentence when its last character is one of these (quotes and brackets
# follow the full stop in news copy). The full-width marks end sentences in Chinese and
# Japanese ("。", "！", "？", closing 」 』 ）), "؟" in Arabic, "।" in Hindi.
SENTENCE_ENDINGS = tuple(".!?:;\"'”’)…]") + tuple("。！？；：」』）؟।")
# Scripts written without spaces between words: each run of their characters counts as one
# word per CJK_CHARS_PER_WORD characters (a Chinese word is one to two characters), so a
# long unpunctuated paragraph is still body text while a headline stays a heading.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CJK_CHARS_PER_WORD = 2
# Lines shorter than this many words without sentence punctuation read as headings, labels
# or headline links rather than body text. Tuned on the seeds and the example corpus; rerun
# `storyline eval cleaning` after changing it.
HEADING_MAX_WORDS = 14


@dataclass(frozen=True, kw_only=True)
class FurniturePattern:
    """One line pattern; `needs` lists lower-case words of which a line must contain one
    before the (slower) regular expression is tried. Empty: always tried."""

    category: str
    regex: re.Pattern[str]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, eq=False)
class FurnitureRules:
    """The patterns of one pattern file, in file order (the first match decides a line's category)."""

    patterns: tuple[FurniturePattern, ...]
    unconditional: tuple[FurniturePattern, ...] = ()
    any_need: re.Pattern[str] | None = None

    @classmethod
    def of(cls, patterns: tuple[FurniturePattern, ...]) -> FurnitureRules:
        """Precompute the cheap path: one scan for every pattern's needed words.

        A line containing none of them can only match the patterns that need nothing (all
        anchored at the line start, so cheap); most body lines take this path.
        """
        words = sorted({word for pattern in patterns for word in pattern.needs}, key=len, reverse=True)
        return cls(
            patterns=patterns,
            unconditional=tuple(p for p in patterns if not p.needs),
            any_need=re.compile("|".join(re.escape(w) for w in words)) if words else None,
        )


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> FurnitureRules:
    """Read the pattern file (the packaged one unless `path` is given)."""
    patterns = []
    for number, line in numbered_entries("furniture.tsv", path or None):
        category, expression, *rest = line.split("\t")
        needs = tuple(word for word in (rest[0].split("|") if rest else []) if word)
        try:
            patterns.append(FurniturePattern(category=category.strip(), regex=re.compile(expression.strip()), needs=needs))
        except re.error as exc:
            raise ValueError(f"furniture pattern line {number}: {exc}") from None
    return FurnitureRules.of(tuple(patterns))


def classify_line(line: str, rules: FurnitureRules) -> str:
    """The furniture category of a line (the first pattern in file order that matches), or ""."""
    stripped = line.strip()
    lowered = stripped.lower()
    if rules.any_need is None or not rules.any_need.search(lowered):
        return next((p.category for p in rules.unconditional if p.regex.search(stripped)), "")
    for pattern in rules.patterns:
        if pattern.needs and not any(word in lowered for word in pattern.needs):
            continue
        if pattern.regex.search(stripped):
            return pattern.category
    return ""


def is_sentence_like(line: str) -> bool:
    """Body paragraphs end with sentence punctuation or are long; headings and labels do not."""
    stripped = line.strip()
    return stripped.endswith(SENTENCE_ENDINGS) or count_words(stripped) > HEADING_MAX_WORDS


def count_words(line: str) -> int:
    """Words separated by spaces, plus the words of runs of Chinese or Japanese characters."""
    unspaced = _UNSPACED.findall(line)
    if not unspaced:
        return len(line.split())
    spaced = len(_UNSPACED.sub(" ", line).split())
    return spaced + sum(-(-len(run) // CJK_CHARS_PER_WORD) for run in unspaced)
