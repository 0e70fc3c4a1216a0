"""Furniture removal for scraped text: what is body, what is title, what is page furniture.

Scraped text arrives as lines: a caption or kicker may precede the headline, captions and
prompts sit between paragraphs, and a tail of "Recent articles", cookie notices and
headline links follows the last paragraph. Line patterns (data/furniture.tsv) catch most
furniture; position rules catch the short non-sentence lines around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.clean.furniture import FurnitureRules, classify_line, is_sentence_like, load_patterns
from storyline.clean.timestamps import is_timestamp

# Categories whose lines become report metadata rather than being discarded.
METADATA_CATEGORIES = {"credit", "copyright", "timestamp"}
# "By Jane Roe" alone on a line: a byline.
BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al))*)(?:\s*[,|–—-]\s*.*)?$")
# A dateline opening the first paragraph: "OTTAWA (Reuters) -", "(Reuters) -", "PORT ELLIS —",
# "WASHINGTON, June 5 (AP) —".
DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*)?(?:\([A-Z][\w .&'’-]{1,40}\))?)\s*[-—–]+\s+(?=\S)"
)


@dataclass(kw_only=True)
class CleanText:
    """The parts of a scraped text once furniture is told apart from the body."""

    title: str = ""
    body: str = ""
    byline: str = ""
    dateline: str = ""
    credits: list[str] = field(default_factory=list)
    copyright: list[str] = field(default_factory=list)
    timestamps: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


def clean_text(text: str, *, title: str = "", rules: FurnitureRules | None = None) -> CleanText:
    """Split scraped text into title, body paragraphs, metadata lines and removed furniture.

    `title`, when the format supplied one, is dropped from the body rather than searched for.
    """
    rules = rules if rules is not None else load_patterns()
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    categories = [classify_line(line, rules) or ("timestamp" if is_timestamp(line) else "") for line in lines]
    result = CleanText()
    _mark_related_blocks(lines, categories)
    _mark_trailing_block(lines, categories)
    _find_title(lines, categories, title, result)
    body: list[str] = []
    for line, category in zip(lines, categories):
        if category == "title":
            continue
        if category == "credit":
            result.credits.append(line.strip("()"))
        elif category == "copyright":
            result.copyright.append(line)
        elif category == "timestamp":
            result.timestamps.append(line)
        elif not category and not body and not result.byline and (match := BYLINE.match(line)):
            result.byline = match.group(1)
            continue
        if category:
            result.furniture.append(line)
        else:
            body.append(line)
    if not body and result.title and not title:
        # A text that is only a headline (wire flashes, video pages) is still a report.
        body = [result.title]
    if body:
        match = DATELINE.match(body[0])
        if match and match.group("dateline").strip():
            result.dateline = match.group("dateline").strip()
            body[0] = body[0][match.end():]
    result.body = "\n\n".join(body)
    return result


def _find_title(lines: list[str], categories: list[str], given_title: str, result: CleanText) -> None:
    """Record the title (category "title") and mark any caption or kicker above it."""
    first_sentence = next(
        (i for i, (line, cat) in enumerate(zip(lines, categories)) if not cat and is_sentence_like(line)),
        len(lines),
    )
    leading = [i for i in range(first_sentence) if not categories[i] and not BYLINE.match(lines[i])]
    if given_title:
        result.title = given_title
        wanted = given_title.strip().casefold()
        for i in leading:
            if lines[i].casefold() == wanted:
                categories[i] = "title"
        for i in leading:
            if categories[i] != "title":
                categories[i] = "label"
    elif leading:
        # The headline is the last heading-like line before the body; lines above it are
        # image captions, kickers or section labels.
        headline = leading[-1]
        result.title = lines[headline]
        categories[headline] = "title"
        for i in leading[:-1]:
            categories[i] = "caption"


def _mark_related_blocks(lines: list[str], categories: list[str]) -> None:
    """After a "Related stories" heading, the headline links up to the next paragraph are furniture."""
    for i, category in enumerate(categories):
        if category != "related":
            continue
        for j in range(i + 1, len(lines)):
            if categories[j] or is_sentence_like(lines[j]):
                if categories[j] != "related":
                    break
                continue
            categories[j] = "related"


def _mark_trailing_block(lines: list[str], categories: list[str]) -> None:
    """Short non-sentence lines mixed into the furniture after the last paragraph are furniture too."""
    last_body = max((i for i, c in enumerate(categories) if not c and is_sentence_like(lines[i])), default=-1)
    tail = range(last_body + 1, len(lines))
    if not any(categories[i] and categories[i] != "timestamp" for i in tail):
        # A date line after a lone headline says when it was published, not that page
        # furniture follows.
        return
    for i in tail:
        if not categories[i]:
            categories[i] = "label"
