import itertools
import threading
from collections.abc import Iterator

import pytest
from local_http import LocalServer, Route, article_html

from storyline.config import AnalyzeOptions, Config, EncodeOptions, IngestOptions
from storyline.ingest.fetch import Fetcher
from storyline.pipeline.watch import PollResult, parse_duration, poll_source, watch
from storyline.store import Store

OPTIONS = IngestOptions(allow_private_addresses=True, fetch_timeout=1.0, host_delay=0.0)
# Stories without NLP or the sentence encoder: these tests are about polling.
CONFIG = Config(ingest=OPTIONS, analyze=AnalyzeOptions(enabled=False), encode=EncodeOptions(stories="off"))


def _item(number: int, link: str = "") -> str:
    if link:
        return f"<item><title>Linked {number}</title><link>{link}</link><guid>entry-{number}</guid><description>Teaser.</description></item>"
    body = " ".join(f"Paragraph {number}.{n} reports a different detail of event {number} in the capital." for n in range(20))
    return (f"<item><title>Entry {number}</title><link>https://news.example/{number}</link><guid>entry-{number}</guid>"
            f"<pubDate>Mon, 26 Jun 2017 09:0{number}:00 GMT</pubDate><description>{body}</description></item>")


def _feed(*items: str) -> bytes:
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example</title>{''.join(items)}</channel></rss>".encode()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def _run(sources: list[str], store: Store, polls: int, **kwargs: float) -> list[PollResult]:
    """Run the watch loop until it has made `polls` polls."""
    results: list[PollResult] = []
    stop = threading.Event()

    def collect(result: PollResult) -> None:
        results.append(result)
        if len(results) >= polls:
            stop.set()

    finished = threading.Thread(target=watch, args=(sources, kwargs.pop("every", 0.05), store, CONFIG, stop),
                                kwargs={"on_poll": collect, **kwargs})
    finished.start()
    finished.join(timeout=20)
    assert not finished.is_alive(), "watch did not stop"
    return results


def test_new_entries_once_then_not_modified(server: LocalServer, store: Store) -> None:
    server.routes["/page"] = Route(body=article_html("Linked story"))
    server.routes["/feed"] = Route(body=_feed(_item(1), _item(2, server.url("/page"))), etag='"v1"',
                                   content_type="application/rss+xml")
    results = _run([server.url("/feed")], store, polls=2)
    assert [r.status for r in results] == ["new", "unchanged"]
    assert results[0].stored == 2 and results[0].new_entries == 2
    assert results[0].stories, "a poll places what it stored in stories"
    assert store.pending_reports() == []
    assert store.count_reports() == 2
    assert server.hits("/feed")[1].headers["if-none-match"] == '"v1"'
    assert len(server.hits("/page")) == 1


def test_only_new_entries_are_read_after_a_change_and_a_restart(server: LocalServer, store: Store) -> None:
    server.routes["/page"] = Route(body=article_html("Linked story"))
    server.routes["/feed"] = Route(body=_feed(_item(1), _item(2, server.url("/page"))), last_modified="Mon, 26 Jun 2017 09:00:00 GMT")
    _run([server.url("/feed")], store, polls=1)
    assert store.load_feed_state(server.url("/feed")).last_modified == "Mon, 26 Jun 2017 09:00:00 GMT"
    # A restart (a new loop on the same store) asks conditionally and reads nothing.
    assert [r.status for r in _run([server.url("/feed")], store, polls=1)] == ["unchanged"]
    assert server.hits("/feed")[-1].headers["if-modified-since"] == "Mon, 26 Jun 2017 09:00:00 GMT"
    server.routes["/feed"] = Route(body=_feed(_item(3), _item(1), _item(2, server.url("/page"))), last_modified="Tue, 27 Jun 2017 09:00:00 GMT")
    results = _run([server.url("/feed")], store, polls=1)
    assert results[0].new_entries == 1 and results[0].stored == 1
    assert store.count_reports() == 3
    assert len(server.hits("/page")) == 1


def test_failing_feed_backs_off_and_never_stops_the_loop(server: LocalServer, store: Store) -> None:
    server.routes["/bad"] = Route(status=500, body=b"oops")
    server.routes["/good"] = Route(body=_feed(_item(1)))
    results = _run([server.url("/bad"), server.url("/good")], store, polls=4, every=0.05, backoff_seconds=0.1)
    failed = [r for r in results if r.status == "failed"]
    assert failed and "500" in failed[0].error
    assert failed[0].retry_in == 0.1
    assert all(later.retry_in == 2 * earlier.retry_in for earlier, later in itertools.pairwise(failed))
    assert any(r.source == server.url("/good") and r.stored == 1 for r in results)


def test_entry_whose_page_fails_is_retried_on_the_next_poll(server: LocalServer, store: Store) -> None:
    feed_url = server.url("/feed")
    server.routes["/page"] = Route(status=503, body=b"busy")
    server.routes["/feed"] = Route(body=_feed(_item(1, server.url("/page"))), etag='"v1"')
    with Fetcher(CONFIG.ingest) as fetcher:
        first = poll_source(feed_url, store, fetcher, CONFIG)
        assert first.stored == 0 and not store.settled_entries(feed_url, ["entry-1"])
        assert store.load_feed_state(feed_url).etag == ""
        server.routes["/page"] = Route(body=article_html("Late page"))
        second = poll_source(feed_url, store, fetcher, CONFIG)
    assert second.status == "new" and second.stored == 1
    assert store.settled_entries(feed_url, ["entry-1"]) == {"entry-1"}
    assert store.load_feed_state(feed_url).etag == '"v1"'


def test_feed_that_is_not_xml_fails_the_poll_not_the_loop(server: LocalServer, store: Store) -> None:
    server.routes["/feed"] = Route(body=b"definitely not xml", content_type="application/rss+xml")
    results = _run([server.url("/feed")], store, polls=2, backoff_seconds=0.05)
    assert [r.status for r in results] == ["failed", "failed"]
    assert "feed" in results[0].error


def test_stop_event_ends_a_long_wait(store: Store) -> None:
    stop = threading.Event()
    loop = threading.Thread(target=watch, args=(["ftp://refused.example/feed"], 3600, store, CONFIG, stop))
    loop.start()
    stop.set()
    loop.join(timeout=5)
    assert not loop.is_alive()


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("90", 90), ("1.5h", 5400), ("2d", 172800)])
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-5m", "0s"])
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
