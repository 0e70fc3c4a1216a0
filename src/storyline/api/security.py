"""Security rules of the server: response headers, the write token, upload size and URL checks.

Everything a report contains is untrusted. Templates autoescape; these rules cover the rest:
no inline scripts can run (CSP), writes are off unless a token is configured, bodies are
bounded, and URL ingest cannot be pointed at the server's own network.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.api.problems import ApiError, error_body

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
ALLOWED_SCHEMES = ("http", "https")


class SecurityHeaders:
    """Adds the security headers to every response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "too-large", f"request body is over the {limit:,}-byte limit (serve.max_upload_bytes)")


class BodyLimit:
    """Refuses request bodies over `limit` bytes: by Content-Length at once, else while reading."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_json(send, 413, error_body(413, "too-large", str(BodyTooLarge(self.limit).detail)))
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counting_receive, send)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    import json

    data = json.dumps(body).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *SECURITY_HEADERS],
    })
    await send({"type": "http.response.body", "body": data})


def check_token(configured: str, authorization: str | None) -> None:
    """Allow a write only with "Authorization: Bearer <configured token>"; off when no token is set."""
    if not configured:
        raise ApiError(403, "writes-disabled", "writing endpoints are off: set serve.token in the config to enable them")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise ApiError(401, "unauthorized", "missing or wrong token: send 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})


Resolver = Callable[[str], list[str]]


def resolve_host(host: str) -> list[str]:
    """Every address the host name resolves to."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local or ip.is_private)


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver = resolve_host) -> str:
    """Return `url` if it may be fetched, else raise a 422 `refused-url` problem saying why."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ApiError(422, "bad-url", f"{url!r} is not a valid URL") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise ApiError(422, "refused-url", f"{url!r}: only http and https URLs can be ingested")
    if not host:
        raise ApiError(422, "bad-url", f"{url!r} has no host name")
    if allow_private:
        return url.strip()
    try:
        addresses = [host] if _is_ip(host) else resolver(host)
    except OSError:
        raise ApiError(422, "bad-url", f"{url!r}: cannot resolve host {host!r}") from None
    for address in addresses:
        if not is_public_address(address):
            raise ApiError(422, "refused-url",
                           f"{url!r}: {host} is a private, loopback or link-local address "
                           "(set ingest.allow_private_addresses to allow it)")
    return url.strip()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
