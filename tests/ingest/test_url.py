import gzip
import socket
import time
from collections.abc import Iterator

import pytest
from local_http import LocalServer, Route, article_html

from storyline.config import IngestOptions
from storyline.errors import Reason, RejectedInput
from storyline.ingest.fetch import Fetcher, check_url, is_public, resolve_host
from storyline.ingest.url import read_urls
from storyline.models import RawDocument, Rejection

OPTIONS = IngestOptions(allow_private_addresses=True, fetch_timeout=1.0, host_delay=0.0, fetch_max_redirects=3)
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>Budget plan</title><link>{link}</link><guid>a-1</guid><pubDate>Mon, 26 Jun 2017 09:00:00 GMT</pubDate>
<description>A short teaser.</description></item></channel></rss>"""


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def _one(items: list[RawDocument | Rejection]) -> RawDocument | Rejection:
    assert len(items) == 1, items
    return items[0]


def _rejection(items: list[RawDocument | Rejection], reason: Reason) -> Rejection:
    item = _one(items)
    assert isinstance(item, Rejection), item
    assert item.reason == reason.value, item
    assert "\n" not in item.message
    return item


def test_page_url_becomes_a_document_with_fetched_date(server: LocalServer) -> None:
    server.routes["/news/budget"] = Route(body=article_html("Budget plan"))
    document = _one(list(read_urls([server.url("/news/budget")], OPTIONS)))
    assert isinstance(document, RawDocument)
    assert document.title == "Budget plan"
    assert "parliament" in document.text
    assert document.url == server.url("/news/budget")
    assert document.fetched.endswith("Z")
    served = server.hits("/news/budget")[0]
    assert served.headers["user-agent"] == OPTIONS.user_agent


def test_feed_url_reads_entries_and_fetches_linked_pages(server: LocalServer) -> None:
    server.routes["/a"] = Route(body=article_html("Budget plan"))
    server.routes["/feed.xml"] = Route(body=FEED.replace(b"{link}", server.url("/a").encode()), content_type="application/rss+xml")
    document = _one(list(read_urls([server.url("/feed.xml")], OPTIONS)))
    assert isinstance(document, RawDocument)
    assert document.title == "Budget plan"
    assert "Opposition leaders" in document.text
    assert len(server.hits("/a")) == 1


def test_redirect_is_followed_and_each_hop_checked(server: LocalServer) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body=article_html("Moved story"))
    document = _one(list(read_urls([server.url("/old")], OPTIONS)))
    assert isinstance(document, RawDocument) and document.url == server.url("/new")
    server.routes["/away"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    _rejection(list(read_urls([server.url("/away")], OPTIONS)), Reason.REFUSED_URL)


def test_redirect_loop_and_too_many_redirects(server: LocalServer) -> None:
    server.routes["/a1"] = Route(status=302, headers={"Location": "/a2"})
    server.routes["/a2"] = Route(status=302, headers={"Location": "/a1"})
    assert "loop" in _rejection(list(read_urls([server.url("/a1")], OPTIONS)), Reason.TOO_MANY_REDIRECTS).message
    for hop in range(6):
        server.routes[f"/r{hop}"] = Route(status=307, headers={"Location": f"/r{hop + 1}"})
    _rejection(list(read_urls([server.url("/r0")], OPTIONS)), Reason.TOO_MANY_REDIRECTS)


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors_are_rejections(server: LocalServer, status: int) -> None:
    server.routes["/broken"] = Route(status=status, body=b"<html><body>error</body></html>")
    rejection = _rejection(list(read_urls([server.url("/broken")], OPTIONS)), Reason.HTTP_ERROR)
    assert str(status) in rejection.message


def test_timeout_is_a_rejection_and_the_batch_goes_on(server: LocalServer) -> None:
    server.routes["/slow"] = Route(body=article_html("Slow"), delay=1.0)
    server.routes["/fast"] = Route(body=article_html("Fast story"))
    options = IngestOptions(allow_private_addresses=True, fetch_timeout=0.3, host_delay=0.0)
    items = list(read_urls([server.url("/slow"), server.url("/fast")], options))
    assert isinstance(items[0], Rejection) and items[0].reason == Reason.TIMEOUT.value
    assert isinstance(items[1], RawDocument) and items[1].title == "Fast story"


def test_a_trickled_body_stops_at_the_download_deadline(server: LocalServer) -> None:
    """8 bytes every 0.1 s never trips a read timeout; the whole download still has a deadline."""
    server.routes["/trickle"] = Route(body=b"<p>slow.</p>"[:8], repeat=400, trickle=0.1)
    options = IngestOptions(allow_private_addresses=True, fetch_timeout=1.0, host_delay=0.0)
    started = time.monotonic()
    rejection = _rejection(list(read_urls([server.url("/trickle")], options)), Reason.TIMEOUT)
    assert time.monotonic() - started < 3.0
    assert "1 s" in rejection.message


def test_fifty_megabyte_page_hits_the_limit(server: LocalServer) -> None:
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
    server.routes["/huge"] = Route(body=chunk * 50)
    server.routes["/huge-stream"] = Route(body=chunk, repeat=50)
    options = IngestOptions(allow_private_addresses=True, fetch_timeout=5.0, host_delay=0.0, fetch_max_bytes=2 * 1024 * 1024)
    for path in ("/huge", "/huge-stream"):
        _rejection(list(read_urls([server.url(path)], options)), Reason.TOO_LARGE)


def test_truncated_gzip_body_is_a_rejection(server: LocalServer) -> None:
    packed = gzip.compress(article_html("Zipped"))
    server.routes["/page.html.gz"] = Route(body=packed[: len(packed) // 2], content_type="application/gzip")
    server.routes["/whole.html.gz"] = Route(body=packed, content_type="application/gzip")
    _rejection(list(read_urls([server.url("/page.html.gz")], OPTIONS)), Reason.TRUNCATED)
    document = _one(list(read_urls([server.url("/whole.html.gz")], OPTIONS)))
    assert isinstance(document, RawDocument) and document.title == "Zipped"


def test_feed_url_that_is_not_xml(server: LocalServer) -> None:
    server.routes["/feed.rss"] = Route(body=b"this is not a feed at all", content_type="application/rss+xml")
    _rejection(list(read_urls([server.url("/feed.rss")], OPTIONS)), Reason.BAD_FEED)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", Reason.REFUSED_URL),
        ("ftp://example.com/news.html", Reason.REFUSED_URL),
        ("javascript:alert(1)", Reason.REFUSED_URL),
        ("http://", Reason.BAD_URL),
    ],
)
def test_non_http_urls_are_refused_without_a_request(url: str, reason: Reason) -> None:
    _rejection(list(read_urls([url], OPTIONS)), reason)


def test_private_addresses_are_refused_by_default(server: LocalServer) -> None:
    server.routes["/a"] = Route(body=article_html("Internal"))
    strict = IngestOptions(fetch_timeout=1.0, host_delay=0.0)
    for url in (server.url("/a"), server.url("/a").replace("127.0.0.1", "localhost")):
        _rejection(list(read_urls([url], strict)), Reason.REFUSED_URL)
    assert not server.requests


@pytest.mark.parametrize(
    ("address", "public"),
    [("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("169.254.169.254", False), ("::1", False),
     ("fe80::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("93.184.216.34", True), ("2606:4700::1111", True)],
)
def test_address_classes(address: str, public: bool) -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is public


def test_resolution_checks_every_address(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(RejectedInput) as caught:
        resolve_host(check_url("http://news.example/a"), "x", allow_private=False)
    assert caught.value.reason is Reason.REFUSED_URL


def test_host_delay_spaces_requests_to_one_host(server: LocalServer) -> None:
    import time

    server.routes["/a"] = Route(body=b"<html><body><p>a</p></body></html>")
    options = IngestOptions(allow_private_addresses=True, fetch_timeout=1.0, host_delay=0.2)
    with Fetcher(options) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(server.url("/a"))
        assert time.monotonic() - started >= 0.4


def test_conditional_get_returns_not_modified(server: LocalServer) -> None:
    server.routes["/feed.xml"] = Route(body=b"<rss/>", etag='"v1"', last_modified="Mon, 26 Jun 2017 09:00:00 GMT")
    with Fetcher(OPTIONS) as fetcher:
        first = fetcher.fetch(server.url("/feed.xml"))
        again = fetcher.fetch(server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.etag == '"v1"'
    assert again.not_modified and again.body == b""
    assert server.hits("/feed.xml")[1].headers["if-none-match"] == '"v1"'
