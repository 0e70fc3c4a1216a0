"""The HTML path: a saved news page to its main text and metadata.

Stages: bytes to text (html_decode), one parse, metadata from the markup (html_metadata),
main text by trafilatura in fast precision mode, furniture lines filtered out (html_filter),
and a recall pass only when the precision pass kept too little to be an article.
Quality is measured by `storyline.evaluation.extraction` on ../shared/data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from storyline.clean.html_decode import decode_page
from storyline.clean.html_filter import FilteredText, filter_lines, load_boilerplate
from storyline.clean.html_metadata import PageMetadata, extract_metadata
from storyline.clean.language import detect_language
from storyline.errors import HtmlError, NoArticleError, NotHtmlError

__all__ = ["ExtractedPage", "HtmlError", "HtmlOptions", "NoArticleError", "NotHtmlError", "extract_html", "parse_html"]

LOGGER = logging.getLogger(__name__)

# Largest page accepted, in bytes (after gzip inflation too): news pages are well under
# 5 MB; past this it is a dump or an attack, and parsing it would stall a batch.
MAX_BYTES = 20 * 1024 * 1024
# A precision-pass body shorter than this many characters triggers the recall pass: below it
# the precision rules have often dropped the article itself (paywall teasers, odd layouts).
# Tuned on the 181 pages of article_extraction; rerun the extraction evaluation after changing it.
RECALL_BELOW_CHARS = 1_000
# The recall pass replaces the precision pass when the precision body is shorter than this
# share of the recall body. Tuned on the same pages, with the same evaluation to rerun.
RECALL_SHARE = 0.5

# Fewer words than this in the filtered body is no article: what is left of an index or
# error page is a handful of link labels. The shortest true body in article_extraction
# has 18 words.
MIN_BODY_WORDS = 10
# Characters of the body given to language identification: a few paragraphs settle the
# language, and the cost grows with the length.
LANGUAGE_SAMPLE_CHARS = 2_000

_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)


@dataclass(frozen=True, kw_only=True)
class HtmlOptions:
    """How to read pages. Defaults are the settings evaluated on ../shared/data."""

    max_bytes: int = MAX_BYTES
    # Precision mode of trafilatura: less furniture for slightly less text.
    favor_precision: bool = True
    # Skip trafilatura's comparison with its readability and jusText fallbacks in the first
    # pass: on article_extraction, with the recall pass below, F1 0.9748 at 64 pages per
    # CPU-second against 0.9743 at 37 without it.
    fast: bool = True
    # Second, recall-mode pass when the precision pass finds almost nothing.
    recall_fallback: bool = True
    include_tables: bool = True
    # Reader comments are not the report.
    include_comments: bool = False
    # Bodies with fewer words are rejected with NoArticleError.
    min_body_words: int = MIN_BODY_WORDS
    # Search the markup for a date (htmldate) when JSON-LD and <meta> give none.
    search_date: bool = True
    # Furniture pattern file; None is the packaged data/html_boilerplate.txt.
    boilerplate_path: str | None = None

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}; the default is {MAX_BYTES}")
        if self.min_body_words < 1:
            raise ValueError(f"min_body_words must be at least 1, got {self.min_body_words}; the default is {MIN_BODY_WORDS}")


@dataclass(frozen=True, kw_only=True)
class ExtractedPage:
    """Main text and metadata of one page; `furniture` holds the filtered-out lines for audit."""

    title: str
    body: str
    byline: str
    published: str
    canonical_url: str
    language: str
    site_name: str
    furniture: tuple[str, ...]


def extract_html(data: bytes | str, url: str = "", options: HtmlOptions | None = None) -> ExtractedPage:
    """Main text and metadata of a news page.

    Raises `NotHtmlError` (reason "not-html" or "too-large") for data that is not a page
    and `NoArticleError` for a page without article text.
    """
    options = options or HtmlOptions()
    text = decode_page(data, options.max_bytes)
    tree = parse_html(text)
    metadata = extract_metadata(tree, url, search_date=options.search_date)
    filtered = _main_text(tree, url, metadata, options)
    body = "\n\n".join(filtered.lines)
    if len(body.split()) < options.min_body_words:
        raise NoArticleError(f"no article text in the page ({len(body.split())} words after filtering)")
    return ExtractedPage(
        title=metadata.title,
        body=body,
        byline=metadata.byline,
        published=metadata.published,
        canonical_url=metadata.canonical_url,
        language=detect_language(body[:LANGUAGE_SAMPLE_CHARS]),
        site_name=metadata.site_name,
        furniture=filtered.furniture,
    )


def parse_html(text: str) -> HtmlElement:
    """Parse page text once for every later stage; `NotHtmlError` when lxml finds no document."""
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NotHtmlError(f"unparseable HTML: {exc}") from None
    if tree is None or len(tree) == 0:
        raise NotHtmlError("empty HTML document")
    return tree


def _main_text(tree: HtmlElement, url: str, metadata: PageMetadata, options: HtmlOptions) -> FilteredText:
    """Precision pass, filtered; a recall pass replaces it when it kept almost nothing."""
    patterns = load_boilerplate(options.boilerplate_path)
    headings = (metadata.title, metadata.byline, f"By {metadata.byline}" if metadata.byline else "", _h1(tree))
    first = filter_lines(_trafilatura(tree, url, options, recall=False), headings=headings, patterns=patterns)
    if not options.recall_fallback or sum(map(len, first.lines)) >= RECALL_BELOW_CHARS:
        return first
    second = filter_lines(_trafilatura(tree, url, options, recall=True), headings=headings, patterns=patterns)
    if sum(map(len, first.lines)) < RECALL_SHARE * sum(map(len, second.lines)):
        LOGGER.debug("recall pass replaces a short precision pass: %s", url)
        return second
    return first


def _trafilatura(tree: HtmlElement, url: str, options: HtmlOptions, *, recall: bool) -> list[str]:
    """Main-text lines from trafilatura (which copies the tree, so it can be reused)."""
    import trafilatura

    text = trafilatura.extract(
        tree,
        url=url or None,
        fast=options.fast or recall,
        favor_precision=options.favor_precision and not recall,
        favor_recall=recall,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        with_metadata=False,
    )
    return text.splitlines() if text else []


def _h1(tree: HtmlElement) -> str:
    heading = tree.find(".//h1")
    return heading.text_content() if heading is not None else ""
