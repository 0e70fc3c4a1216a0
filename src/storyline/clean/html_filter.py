"""Post-filter for extracted page text: lines of page furniture the extractor let through.

The main-text extractor works on blocks of markup; what it keeps by mistake is mostly
one-line furniture (share and newsletter prompts, "Read more:" links, credit and
copyright lines) and the headline or byline repeated above the first paragraph. The
patterns are data (data/html_boilerplate.txt); this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storyline.wordlists import numbered_entries

# Category of patterns that cut the matched text out of a line instead of dropping it.
TRIM = "trim"
# Category of headings ("Related:", "DON'T MISS") whose following list lines are links.
RELATED = "related"
# A list item as the extractor writes it ("- Headline of another story").
LIST_ITEM = re.compile(r"^[-•*]\s")
# A line ends like a sentence when its last character is one of these (closing quotes and
# brackets follow the full stop in news copy).
SENTENCE_END = re.compile(r"[.!?:;\"'”’)…]$")
# Under a related-stories heading, a line without sentence punctuation and shorter than this
# many words reads as a headline link. Tuned on article_extraction; rerun its evaluation.
HEADLINE_MAX_WORDS = 20
# A related line of at most this many words is a bare heading ("Don't miss", "You may also
# like:"), followed by headline links; a longer one is itself a link ("Related: <headline>"),
# followed at most by list items.
HEADING_MAX_WORDS = 5
# Lines before the first one of at least this many words are checked against the title
# and byline: the extractor repeats the page heading there. Tuned on the 181 pages of
# article_extraction; rerun the extraction evaluation after changing it.
LEAD_MAX_WORDS = 12
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True, kw_only=True)
class BoilerplatePattern:
    category: str
    regex: re.Pattern[str]


@dataclass(frozen=True, kw_only=True)
class FilteredText:
    """Body lines kept, and the furniture lines removed (kept for audit)."""

    lines: tuple[str, ...]
    furniture: tuple[str, ...]


@lru_cache(maxsize=4)
def load_boilerplate(path: str | None = None) -> tuple[BoilerplatePattern, ...]:
    """Read the pattern file (the packaged one unless `path` is given)."""
    patterns = []
    for number, line in numbered_entries("html_boilerplate.txt", path or None):
        category, separator, expression = line.partition("\t")
        if not separator:
            raise ValueError(f"html_boilerplate line {number}: expected 'category<TAB>regex'")
        try:
            patterns.append(BoilerplatePattern(category=category.strip(), regex=re.compile(expression.strip())))
        except re.error as exc:
            raise ValueError(f"html_boilerplate line {number}: {exc}") from None
    return tuple(patterns)


def filter_lines(
    lines: list[str],
    *,
    headings: Iterable[str] = (),
    patterns: tuple[BoilerplatePattern, ...] | None = None,
) -> FilteredText:
    """Split extracted lines into body and furniture.

    Furniture is a line matching a pattern, a link line under a related-content heading, or
    one of `headings` (title, byline) repeated before the first paragraph.
    """
    patterns = load_boilerplate() if patterns is None else patterns
    trims = [p.regex for p in patterns if p.category == TRIM]
    drops = [p for p in patterns if p.category != TRIM]
    repeated = {_key(text) for text in headings if text.strip()}
    kept: list[str] = []
    removed: list[str] = []
    related = ""  # "heading" or "link" while inside a related-content block
    in_lead = True
    for raw in lines:
        line = raw.strip()
        for regex in trims:
            line = regex.sub("", line).strip()
        if not line:
            continue
        matched = category = _classify(line, drops)
        if not category and related and _is_link_line(line, after_heading=related == "heading"):
            category = RELATED
        if not category and in_lead and _key(line) in repeated:
            category = "heading"
        if matched == RELATED:
            related = "heading" if len(line.split()) <= HEADING_MAX_WORDS else "link"
        elif not category:
            related = ""
        if category:
            removed.append(raw.strip())
            continue
        in_lead = in_lead and len(line.split()) < LEAD_MAX_WORDS
        kept.append(line)
    return FilteredText(lines=tuple(kept), furniture=tuple(removed))


def _classify(line: str, patterns: list[BoilerplatePattern]) -> str:
    for pattern in patterns:
        if pattern.regex.search(line):
            return pattern.category
    return ""


def _is_link_line(line: str, *, after_heading: bool) -> bool:
    """A list item, or after a bare heading also a headline-like line (no sentence ending, few words)."""
    if LIST_ITEM.match(line):
        return True
    return after_heading and not SENTENCE_END.search(line) and len(line.split()) < HEADLINE_MAX_WORDS


def _key(text: str) -> str:
    """Comparison form of a heading: case, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", text).strip().casefold()
