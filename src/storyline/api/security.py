"""Security rules of the server: response headers, the write token, upload size and URL checks.

Everything a report contains is untrusted. Templates autoescape; these rules cover the rest:
no inline scripts can run (CSP), writes are off unless a token is configured, bodies are
bounded, and URL ingest cannot be pointed at the server's own network.
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.api.problems import ApiError, error_body
from storyline.errors import RejectedInput
from storyline.ingest import fetch

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


class HttpMiddleware:
    """ASGI middleware that acts on HTTP exchanges and passes anything else (lifespan) through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        else:
            await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one HTTP exchange, usually by calling `self.app` with wrapped `receive` or `send`."""
        raise NotImplementedError


class SecurityHeaders(HttpMiddleware):
    """Adds the security headers to every response, errors and static files included."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
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


class BodyLimit(HttpMiddleware):
    """Refuses request bodies over `limit` bytes: by Content-Length at once, else while reading."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
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


def check_url(url: str, *, allow_private: bool = False, resolver: fetch.Resolver = fetch.lookup_host) -> str:
    """Return `url` if URL ingest would fetch it, else raise a 422 `bad-url` or `refused-url` problem.

    The rules are ingest's own (`storyline.ingest.fetch`), applied at submission so a refused
    URL is answered at once instead of turning into a rejection inside the job.
    """
    url = url.strip()
    try:
        parsed = fetch.check_url(url)
        if not allow_private:
            fetch.resolve_host(parsed, url, allow_private=False, resolver=resolver)
    except RejectedInput as exc:
        raise ApiError(422, exc.reason.value, f"{url!r}: {exc.message}") from None
    return url
