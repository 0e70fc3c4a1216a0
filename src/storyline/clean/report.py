"""From a `RawDocument` to a `Report`: furniture removed, metadata found, id computed."""

from __future__ import annotations

import logging

from storyline.clean.citations import find_cited_outlets
from storyline.clean.language import detect_language
from storyline.clean.outlet import identify_outlet
from storyline.clean.published import plausible_published
from storyline.clean.text import clean_text
from storyline.ids import make_report_id
from storyline.models import RawDocument, Report

log = logging.getLogger(__name__)


def clean_document(raw: RawDocument) -> Report:
    """Turn one read document into a report with a content-derived id."""
    if raw.report is not None:
        return raw.report
    cleaned = clean_text(raw.text, title=raw.title)
    furniture = tuple(raw.furniture) + tuple(cleaned.furniture) + tuple(cleaned.timestamps)
    source, domain = identify_outlet(
        source=raw.source,
        url=raw.url,
        domain=raw.source_domain,
        dateline=cleaned.dateline,
        credits=cleaned.credits,
        furniture=furniture,
    )
    body = cleaned.body
    title = cleaned.title or raw.title
    return Report(
        id=make_report_id(source=source, title=title, body=body),
        source=source,
        source_domain=domain,
        url=raw.url,
        title=title,
        byline=raw.byline or cleaned.byline,
        published=plausible_published(raw.published),
        dateline=cleaned.dateline,
        language=raw.language or detect_language(body),
        body=body,
        credits=tuple(cleaned.credits),
        cited_outlets=tuple(find_cited_outlets(body, own=source)),
        furniture=furniture,
        origin=raw.origin,
        fetched=raw.fetched,
    )
