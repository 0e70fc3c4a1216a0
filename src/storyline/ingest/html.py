"""Saved or fetched web pages: one report per page, extracted by `storyline.clean.html`.

Decoding, size limits and article extraction belong to the extractor; this reader maps
its page to a `RawDocument` and its errors to typed rejections.
"""

from __future__ import annotations

import logging

from storyline.errors import HtmlError, Reason
from storyline.models import RawDocument, Rejection

log = logging.getLogger(__name__)


def read_html(data: bytes | str, origin: str, *, url: str = "", fetched: str = "") -> list[RawDocument | Rejection]:
    """One document for the article in the page, or one rejection saying why there is none.

    `url` is where the page was found (it helps extraction and identifies the outlet);
    `fetched` is when it was retrieved, as ISO 8601.
    """
    from storyline.clean.html import extract_html

    try:
        page = extract_html(data, url=url)
    except HtmlError as exc:
        return [Rejection(path=origin, reason=exc.reason.value, message=_first_line(exc))]
    except Exception as exc:  # one malformed page must not stop a batch
        log.warning("%s: extraction failed", origin, exc_info=True)
        return [Rejection(path=origin, reason=Reason.UNREADABLE.value, message=f"extraction failed: {_first_line(exc)}")]
    return [
        RawDocument(
            origin=origin,
            text=page.body,
            title=page.title or "",
            url=page.canonical_url or url,
            source=page.site_name or "",
            published=str(page.published or ""),
            byline=page.byline or "",
            language=page.language or "",
            fetched=fetched,
            furniture=tuple(page.furniture or ()),
        )
    ]


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
