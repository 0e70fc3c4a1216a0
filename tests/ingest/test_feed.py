from collections.abc import Iterator

import pytest
from local_http import LocalServer, Route, article_html

from storyline.config import IngestOptions
from storyline.errors import Reason, RejectedInput
from storyline.ingest import read_bytes
from storyline.ingest.feed import fragment_text, parse_feed, read_feed, read_feed_file
from storyline.models import RawDocument, Rejection

OPTIONS = IngestOptions(allow_private_addresses=True, fetch_timeout=1.0, host_delay=0.0)
LONG_TEXT = " ".join(f"Sentence number {n} of the full article says something new about the talks." for n in range(20))

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example/</link><language>en</language>
<item><title>Full text entry</title><link>https://news.example/full</link><guid>full-1</guid>
<pubDate>Mon, 26 Jun 2017 09:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
<description>Teaser only.</description>
<content:encoded><![CDATA[<p>{LONG_TEXT}</p><p>Second paragraph &amp; more.</p><script>track()</script>]]></content:encoded></item>
<item><title>Linked entry</title><link>{{link}}</link><guid>linked-2</guid>
<pubDate>Sun, 25 Jun 2017 18:30:00 GMT</pubDate><description>A short teaser about the budget.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>urn:uuid:1</id><title>Atom story</title><link href="https://atom.example/story"/>
<updated>2017-06-26T10:00:00Z</updated><author><name>John Roe</name></author>
<content type="html">&lt;p&gt;{LONG_TEXT}&lt;/p&gt;</content></entry></feed>"""


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def test_entry_with_full_content_uses_it_without_fetching() -> None:
    items = list(read_feed(RSS.replace("{link}", "").encode(), "feed.xml", fetcher=None))
    full = items[0]
    assert isinstance(full, RawDocument)
    assert full.title == "Full text entry"
    assert full.url == "https://news.example/full"
    assert full.published == "2017-06-26T09:00:00Z"
    assert full.byline == "Jane Doe"
    assert full.language == "en"
    assert "Sentence number 19" in full.text and "& more." in full.text
    assert "track()" not in full.text
    assert full.text.count("\n\n") == 1


def test_entry_linking_to_a_page_gets_it_fetched(server: LocalServer) -> None:
    server.routes["/budget"] = Route(body=article_html("Budget plan"))
    data = RSS.replace("{link}", server.url("/budget")).encode()
    items = list(read_feed_file(data, "feed.xml", OPTIONS))
    assert [type(item).__name__ for item in items] == ["RawDocument", "RawDocument"]
    page = items[1]
    assert isinstance(page, RawDocument)
    assert page.title == "Budget plan"
    assert "Opposition leaders" in page.text
    assert page.url == server.url("/budget")
    assert page.fetched
    assert len(server.hits("/budget")) == 1


def test_failed_page_fetch_is_a_rejection_and_the_feed_goes_on(server: LocalServer) -> None:
    data = RSS.replace("{link}", server.url("/missing")).encode()
    items = list(read_feed_file(data, "feed.xml", OPTIONS))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], Rejection) and items[1].reason == Reason.HTTP_ERROR.value
    assert items[1].path == server.url("/missing")


def test_offline_reading_keeps_the_teaser() -> None:
    items = list(read_feed(RSS.replace("{link}", "https://news.example/linked").encode(), "feed.xml", fetcher=None))
    teaser = items[1]
    assert isinstance(teaser, RawDocument) and teaser.text == "A short teaser about the budget."


def test_atom_feed() -> None:
    items = list(read_feed(ATOM.encode(), "feed.atom"))
    assert len(items) == 1
    entry = items[0]
    assert isinstance(entry, RawDocument)
    assert entry.title == "Atom story" and entry.byline == "John Roe"
    assert entry.published == "2017-06-26T10:00:00Z"


def test_feed_file_is_dispatched_by_content() -> None:
    items = list(read_bytes(ATOM.encode(), "saved.xml", "saved.xml"))
    assert len(items) == 1 and isinstance(items[0], RawDocument)


@pytest.mark.parametrize("data", [b"this is not xml, just words", b'{"title": "json"}', b"<html><body><p>page</p></body></html>"])
def test_feed_that_is_not_xml_is_rejected(data: bytes) -> None:
    items = list(read_feed(data, "broken.rss"))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].reason == Reason.BAD_FEED.value
    with pytest.raises(RejectedInput):
        parse_feed(data, "broken.rss")


def test_truncated_feed_keeps_complete_entries_and_reports_the_break() -> None:
    data = RSS.replace("{link}", "https://news.example/linked").encode()
    cut = data[: data.index(b"<item><title>Linked")] + b"<item><title>Link"
    items = list(read_feed(cut, "cut.rss"))
    assert isinstance(items[0], RawDocument) and items[0].title == "Full text entry"
    assert isinstance(items[-1], Rejection) and items[-1].reason == Reason.BAD_FEED.value


def test_entry_without_text_or_link_is_rejected() -> None:
    data = b"<rss version='2.0'><channel><title>T</title><item><title>Nothing here</title></item></channel></rss>"
    items = list(read_feed(data, "empty.rss"))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].reason == Reason.EMPTY.value


def test_feed_entries_get_stable_ids() -> None:
    feed = parse_feed(RSS.replace("{link}", "https://news.example/linked").encode(), "feed.xml")
    assert [entry.id for entry in feed.entries] == ["full-1", "linked-2"]


def test_fragment_text() -> None:
    assert fragment_text("<div><p>One &amp; two</p><ul><li>three</li></ul><style>p{}</style></div>") == "One & two\n\nthree"
    assert fragment_text("plain\ntext") == "plain\n\ntext"
