"""Fetching submitted URLs for ingest: every redirect hop is checked like the first URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.api.problems import ApiError
from storyline.api.security import check_url
from storyline.config import IngestOptions
from storyline.errors import Reason, RejectedInput


@dataclass(frozen=True, kw_only=True)
class Fetched:
    url: str
    name: str
    data: bytes


def fetch_url(url: str, options: IngestOptions, client: httpx.Client | None = None) -> Fetched:
    """GET `url` within the size, time and redirect limits, or raise `RejectedInput`."""
    own = client is None
    client = client or httpx.Client(timeout=options.fetch_timeout, headers={"User-Agent": options.user_agent})
    try:
        current = url
        for _ in range(options.fetch_max_redirects + 1):
            _check(current, options)
            with client.stream("GET", current, follow_redirects=False) as response:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise RejectedInput(url, Reason.HTTP_ERROR, f"HTTP {response.status_code}")
                return Fetched(url=current, name=_name(current, response.headers.get("content-type", "")),
                               data=_read_limited(response, options.fetch_max_bytes, url))
        raise RejectedInput(url, Reason.TOO_MANY_REDIRECTS, f"more than {options.fetch_max_redirects} redirects")
    except httpx.TimeoutException:
        raise RejectedInput(url, Reason.TIMEOUT, f"no answer within {options.fetch_timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise RejectedInput(url, Reason.HTTP_ERROR, f"fetch failed ({exc.__class__.__name__})") from None
    finally:
        if own:
            client.close()


def _check(url: str, options: IngestOptions) -> None:
    try:
        check_url(url, allow_private=options.allow_private_addresses)
    except ApiError as exc:
        raise RejectedInput(url, Reason.REFUSED_URL, str(exc.detail)) from None


def _read_limited(response: httpx.Response, limit: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise RejectedInput(url, Reason.TOO_LARGE, f"response is over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _name(url: str, content_type: str) -> str:
    """A file name whose suffix tells the format reader what the content type says."""
    path = urlsplit(url).path.rsplit("/", 1)[-1] or "index"
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return path if path.endswith((".xml", ".rss", ".atom")) else path + ".xml"
    if kind in ("text/html", "application/xhtml+xml"):
        return path if path.endswith((".html", ".htm")) else path + ".html"
    return path
