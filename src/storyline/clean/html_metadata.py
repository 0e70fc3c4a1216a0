"""Page metadata from a parsed HTML tree: title, byline, date, canonical URL, site name.

Sources in order of trust: the JSON-LD article record a publisher writes for search
engines, then Open Graph and other <meta> tags, then the document itself (<title>, <h1>),
and for the date, htmldate's search of the markup as the last resort.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

LOGGER = logging.getLogger(__name__)

# JSON-LD @type values that describe the page's article (schema.org Article and subtypes).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    }
)
# JSON-LD @type values used only when no article record exists.
PAGE_TYPES = frozenset({"WebPage", "ItemPage"})
# Meta tags (name, property or itemprop) for each field, most trusted first.
TITLE_META = ("og:title", "twitter:title", "headline", "dc.title")
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
)
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
SITE_META = ("og:site_name", "application-name")
# Leading "By" of a byline ("By Jane Roe", "BY JANE ROE").
BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
# An ISO 8601 date with an optional time and offset, at the start of a string.
ISO_DATE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
# Separator before a trailing site name: "Headline | Site", "Headline - Site".
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»]\s+$")


@dataclass(frozen=True, kw_only=True)
class PageMetadata:
    """What the markup says about the page, before looking at the article text."""

    title: str = ""
    byline: str = ""
    published: str = ""
    canonical_url: str = ""
    site_name: str = ""


def extract_metadata(tree: HtmlElement, url: str = "", *, search_date: bool = True) -> PageMetadata:
    """Read metadata from JSON-LD first, then <meta> tags, then the markup itself."""
    article = _json_ld_article(tree)
    meta = _meta_values(tree)
    site_name = _text(_name(article.get("publisher"))) or _first(meta, SITE_META)
    title = _strip_site(_text(article.get("headline")) or _first(meta, TITLE_META) or _document_title(tree), site_name)
    byline = _authors(article.get("author")) or _meta_author(meta)
    published = normalize_date(_text(article.get("datePublished"))) or normalize_date(_first(meta, DATE_META))
    if not published and search_date:
        published = _search_date(tree, url)
    return PageMetadata(
        title=title,
        byline=byline,
        published=published,
        canonical_url=_canonical(tree, meta, url),
        site_name=site_name,
    )


def normalize_date(value: str) -> str:
    """Date as "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" plus offset when it has a time; "" if unreadable."""
    match = ISO_DATE.match(value.strip())
    if not match:
        return ""
    date, time, zone = match.group("date", "time", "zone")
    if not time:
        return date
    if len(time) == 5:
        time += ":00"
    if zone == "Z":
        zone = "+00:00"
    elif zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return f"{date}T{time}{zone or ''}"


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article, or failing that the first web page."""
    page: dict[str, Any] = {}
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().removeprefix("<!--").removesuffix("-->"), strict=False)
        except ValueError:
            LOGGER.debug("unreadable JSON-LD block skipped")
            continue
        for item in _json_ld_items(data):
            names = _types(item)
            if names & ARTICLE_TYPES:
                return item
            if names & PAGE_TYPES and not page:
                page = item
    return page


def _types(item: dict[str, Any]) -> set[str]:
    """The @type of a JSON-LD object as a set: it may be one string or a list."""
    types = item.get("@type")
    if isinstance(types, str):
        return {types}
    return {t for t in types if isinstance(t, str)} if isinstance(types, list) else set()


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, looking inside lists, @graph and mainEntity."""
    if isinstance(data, list):
        for element in data:
            yield from _json_ld_items(element)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _json_ld_items(data[key])


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each <meta> key (name, property or itemprop), lowercased keys."""
    values: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or element.get("datetime") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((_text(meta[key]) for key in keys if meta.get(key)), "")


def _meta_author(meta: dict[str, str]) -> str:
    for key in AUTHOR_META:
        value = _text(meta.get(key, ""))
        if value and not value.startswith(("http://", "https://", "@")):
            return BYLINE_PREFIX.sub("", value)
    return ""


def _authors(value: Any) -> str:
    """Author names from a JSON-LD author value: a string, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = BYLINE_PREFIX.sub("", _text(_name(item)))
        if name and not name.startswith(("http://", "https://")) and name not in names:
            names.append(name)
    return ", ".join(names)


def _name(value: Any) -> Any:
    if isinstance(value, list):
        return _name(value[0]) if value else ""
    return value.get("name", "") if isinstance(value, dict) else value


def _text(value: Any) -> str:
    """Whitespace-normalised string; JSON-LD values often carry HTML entities ("&#8217;")."""
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


def _strip_site(title: str, site_name: str) -> str:
    """The title without a trailing " | Site Name" (or " - Site Name")."""
    if site_name and title.endswith(site_name) and len(title) > len(site_name):
        match = TITLE_SEPARATOR.search(title[: -len(site_name)])
        if match:
            return title[: match.start()]
    return title


def _document_title(tree: HtmlElement) -> str:
    """<title>, else the first <h1>."""
    title = _text(tree.findtext(".//title") or "")
    if title:
        return title
    heading = tree.find(".//h1")
    return _text(heading.text_content()) if heading is not None else ""


def _canonical(tree: HtmlElement, meta: dict[str, str], url: str) -> str:
    for link in tree.iterfind(".//link[@rel]"):
        href = str(link.get("href") or "").strip()
        if href and "canonical" in str(link.get("rel")).lower().split():
            return urljoin(url, href)
    if meta.get("og:url"):
        return urljoin(url, meta["og:url"])
    return url


def _search_date(tree: HtmlElement, url: str) -> str:
    """The publication date htmldate finds in the markup (URL, <time>, visible dates)."""
    from htmldate import find_date

    try:
        found = find_date(tree, url=url or None, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return ""
    return normalize_date(found) if isinstance(found, str) else ""
