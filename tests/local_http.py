"""A small HTTP server on 127.0.0.1 for tests: fixed routes, conditional GETs, slow and huge answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0
    # Streamed without Content-Length: this many chunks of `body`, the connection closed after.
    repeat: int = 0
    # Seconds between two streamed chunks (a server that trickles its answer).
    trickle: float = 0.0


@dataclass
class Served:
    """One request the server saw."""

    path: str
    headers: dict[str, str]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return None  # clients hanging up early (size limits, timeouts) are expected here


class LocalServer:
    """`with LocalServer() as server:` then `server.routes[path] = Route(...)` and `server.url(path)`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Served] = []
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def hits(self, path: str) -> list[Served]:
        return [served for served in self.requests if served.path == path]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            server.requests.append(Served(path=self.path, headers={k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path)
            if route is None:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            validators = {}
            if route.etag:
                validators["ETag"] = route.etag
            if route.last_modified:
                validators["Last-Modified"] = route.last_modified
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            ):
                self._answer(304, validators, b"")
                return
            headers = {"Content-Type": route.content_type, **validators, **route.headers}
            if route.repeat:
                self._stream(route, headers)
            else:
                self._answer(route.status, headers, route.body)

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self._write(iter([body]))

        def _stream(self, route: Route, headers: dict[str, str]) -> None:
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self._write((route.body for _ in range(route.repeat)), route.trickle)

        def _write(self, chunks: Iterator[bytes], pause: float = 0.0) -> None:
            try:
                for chunk in chunks:
                    self.wfile.write(chunk)
                    if pause:
                        self.wfile.flush()
                        time.sleep(pause)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def article_html(title: str, topic: str = "the budget", date: str = "2017-06-26") -> bytes:
    """A small news page whose article text the HTML extractor keeps."""
    sentences = [
        f"The government presented its plan on {topic} to parliament on Monday, officials said.",
        f"Ministers argued that the measures on {topic} would take effect before the end of the year.",
        "Opposition leaders criticised the proposal and called for a vote in the coming weeks.",
        "Analysts said the changes were the largest since the reforms introduced a decade ago.",
        f"A spokesperson declined to comment on the details of {topic} beyond a written statement.",
    ]
    paragraphs = "".join(f"<p>{sentence} {sentences[(i + 1) % len(sentences)]}</p>" for i, sentence in enumerate(sentences))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='article:published_time' content='{date}T09:00:00Z'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright 2017 Example News</footer></body></html>"
    ).encode()
