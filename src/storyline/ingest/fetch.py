"""Fetching pages and feeds over HTTP, defensively.

Only http and https; every host is resolved and its addresses checked before each request
(redirect hops included), and the connection goes to the address that was checked, so a
name cannot resolve to a public address for the check and a private one for the request.
Bodies are streamed and cut off at a size limit; the whole exchange has a deadline.
Failures raise `RejectedInput` with a typed reason, so callers can turn them into rejections.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import httpx

from storyline.config import IngestOptions
from storyline.errors import Reason, RejectedInput

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# A host name to every address it has, as strings; tests pass a fake one.
Resolver = Callable[[str], list[str]]


@dataclass(frozen=True, kw_only=True)
class FetchedResource:
    """One HTTP response body with what callers need from its headers."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    location: str = ""
    fetched: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


@dataclass
class HostPacer:
    """Keeps at least `delay` seconds between two requests to the same host."""

    delay: float
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, now - self.delay) + self.delay
            self._last[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)


class Fetcher:
    """An HTTP client applying `IngestOptions`: limits, address checks, per-host pacing."""

    def __init__(self, options: IngestOptions | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options or IngestOptions()
        self.pacer = HostPacer(self.options.host_delay)
        # Environment proxies are ignored: a proxy would connect to addresses never checked here.
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.fetch_timeout),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
            headers={"User-Agent": self.options.user_agent, "Accept": ACCEPT},
        )

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "") -> FetchedResource:
        """GET `url`, following at most `fetch_max_redirects` checked redirects.

        With `etag` or `last_modified` the request is conditional, and an unchanged resource
        comes back with status 304 and no body.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.options.fetch_timeout
        seen = {url}
        current = url
        for _hop in range(self.options.fetch_max_redirects + 1):
            response = self._request(current, url, headers, deadline)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = response.location
            if not target:
                raise RejectedInput(url, Reason.HTTP_ERROR, f"HTTP {response.status} redirect without a Location header")
            if target in seen:
                raise RejectedInput(url, Reason.TOO_MANY_REDIRECTS, f"redirect loop back to {target}")
            seen.add(target)
            current = target
        raise RejectedInput(url, Reason.TOO_MANY_REDIRECTS, f"more than {self.options.fetch_max_redirects} redirects")

    def _request(self, url: str, origin: str, headers: dict[str, str], deadline: float) -> FetchedResource:
        """One request, no redirects followed; a redirect comes back with its absolute target in `location`."""
        target = check_url(url, origin)
        address = resolve_host(target, origin, allow_private=self.options.allow_private_addresses)
        self.pacer.wait(target.host)
        pinned = target.copy_with(host=str(address))
        request_headers = {**headers, "Host": target.netloc.decode("ascii")}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        try:
            request = self._client.build_request("GET", pinned, headers=request_headers, extensions=extensions)
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise RejectedInput(origin, Reason.TIMEOUT, f"no answer from {target.host} within {self.options.fetch_timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise RejectedInput(origin, Reason.HTTP_ERROR, f"cannot fetch {url}: {_describe(exc)}") from None
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = response.headers.get("Location", "")
                resolved = str(target.join(location)) if location else ""
                return FetchedResource(url=url, status=status, location=resolved)
            if status == NOT_MODIFIED:
                return _resource(url, response, b"")
            if status >= 400:
                raise RejectedInput(origin, Reason.HTTP_ERROR, f"HTTP {status} {response.reason_phrase} from {url}".rstrip())
            body = self._read_body(response, url, origin, deadline)
            return _resource(url, response, body)
        finally:
            response.close()

    def _read_body(self, response: httpx.Response, url: str, origin: str, deadline: float) -> bytes:
        limit = self.options.fetch_max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise RejectedInput(origin, Reason.TOO_LARGE, f"{int(declared):,} bytes is over the {limit:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        try:
            # Chunks as they arrive (no re-chunking): a body trickled a few bytes at a time
            # must meet the deadline check after every read, not once per 64 KiB.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise RejectedInput(origin, Reason.TOO_LARGE, f"body passes the {limit:,}-byte limit")
                if time.monotonic() > deadline:
                    raise RejectedInput(origin, Reason.TIMEOUT, f"body not received within {self.options.fetch_timeout:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise RejectedInput(origin, Reason.TIMEOUT, f"body of {url} stalled for {self.options.fetch_timeout:g} s") from None
        except httpx.DecodingError as exc:
            raise RejectedInput(origin, Reason.TRUNCATED, f"damaged or truncated compressed body ({exc})") from None
        except httpx.HTTPError as exc:
            raise RejectedInput(origin, Reason.TRUNCATED, f"body of {url} cut short: {_describe(exc)}") from None
        return b"".join(chunks)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def check_url(url: str, origin: str = "") -> httpx.URL:
    """Parse `url`; refuse anything but http(s) with a host name and a valid port."""
    origin = origin or url
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise RejectedInput(origin, Reason.BAD_URL, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = parsed.scheme or "no scheme"
        raise RejectedInput(origin, Reason.REFUSED_URL, f"{scheme} URLs are refused; only http and https are fetched")
    if not parsed.host:
        raise RejectedInput(origin, Reason.BAD_URL, "URL has no host")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise RejectedInput(origin, Reason.BAD_URL, f"port {parsed.port} is out of range")
    return parsed


def lookup_host(host: str) -> list[str]:
    """Every address `host` has, in the order the system resolver gives them."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


def resolve_host(url: httpx.URL, origin: str, *, allow_private: bool, resolver: Resolver = lookup_host) -> Address:
    """The address to connect to; every address the name has must be public unless allowed."""
    try:
        addresses = [ipaddress.ip_address(address.split("%", 1)[0]) for address in resolver(url.host)]
    except (socket.gaierror, UnicodeError) as exc:
        raise RejectedInput(origin, Reason.BAD_URL, f"host {url.host} does not resolve ({exc})") from None
    if not addresses:
        raise RejectedInput(origin, Reason.BAD_URL, f"host {url.host} has no address")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise RejectedInput(
                    origin, Reason.REFUSED_URL,
                    f"{url.host} resolves to the non-public address {address} (set ingest.allow_private_addresses to allow)",
                )
    return addresses[0]


def is_public(address: Address | str) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified and shared (CGNAT) addresses."""
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


def utc_now() -> str:
    """The current time as the ISO 8601 string stored as a report's `fetched` date."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _resource(url: str, response: httpx.Response, body: bytes) -> FetchedResource:
    return FetchedResource(
        url=url,
        status=response.status_code,
        body=body,
        content_type=response.headers.get("Content-Type", ""),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
        fetched=utc_now(),
    )


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
