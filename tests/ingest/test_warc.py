import io
from pathlib import Path

from local_http import article_html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import Reason
from storyline.ingest import read_file
from storyline.ingest.warc import read_warc
from storyline.models import RawDocument, Rejection

DATE = "2017-06-26T10:15:00Z"


def _archive(*, gzip: bool = False, pages: int = 3) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for number in range(pages):
        url = f"https://news.example/story-{number}"
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        _response(writer, url, article_html(f"Story {number}"), "text/html; charset=utf-8")
        _response(writer, f"https://news.example/logo-{number}.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    _response(writer, "https://news.example/gone", b"<html><body>gone</body></html>", "text/html", status="404 Not Found")
    return buffer.getvalue()


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": DATE})
    writer.write_record(record)


def test_every_html_response_becomes_a_document() -> None:
    for gzip in (False, True):
        items = list(read_warc(_archive(gzip=gzip), "crawl.warc"))
        assert all(isinstance(item, RawDocument) for item in items), items
        assert [item.url for item in items if isinstance(item, RawDocument)] == [
            f"https://news.example/story-{n}" for n in range(3)
        ]
        first = items[0]
        assert isinstance(first, RawDocument)
        assert first.fetched == DATE and first.title == "Story 0"
        assert first.origin == "crawl.warc#https://news.example/story-0"


def _cut_inside_last_story(data: bytes) -> bytes:
    return data[: data.rindex(b"Story 2") + 200]


def test_truncated_warc_keeps_earlier_records() -> None:
    items = list(read_warc(_cut_inside_last_story(_archive()), "cut.warc"))
    documents = [item for item in items if isinstance(item, RawDocument)]
    assert [d.title for d in documents] == ["Story 0", "Story 1"]
    last = items[-1]
    assert isinstance(last, Rejection) and last.reason == Reason.TRUNCATED.value
    assert "kept the 2" in last.message


def test_truncated_gzip_warc_keeps_earlier_records() -> None:
    data = _archive(gzip=True)
    last_member = data.rindex(b"\x1f\x8b\x08")
    items = list(read_warc(data[: last_member + 40], "cut.warc.gz"))
    assert [item.title for item in items if isinstance(item, RawDocument)] == ["Story 0", "Story 1", "Story 2"]
    assert isinstance(items[-1], Rejection) and items[-1].reason == Reason.TRUNCATED.value
    assert f"{last_member:,}" in items[-1].message


def test_warc_cut_inside_the_first_header_is_truncated() -> None:
    items = list(read_warc(_archive()[:40], "tiny.warc"))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].reason == Reason.TRUNCATED.value


def test_warc_without_html_is_an_empty_rejection() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("empty.warc", {"software": "tests"}))
    items = list(read_warc(buffer.getvalue(), "empty.warc"))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].reason == Reason.EMPTY.value


def test_warc_file_is_dispatched_by_content(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_cut_inside_last_story(_archive()))
    items = list(read_file(path))
    assert [type(item).__name__ for item in items] == ["RawDocument", "RawDocument", "Rejection"]


def test_truncated_warc_gz_file_keeps_earlier_records(tmp_path: Path) -> None:
    data = _archive(gzip=True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: data.rindex(b"\x1f\x8b\x08") + 40])
    items = list(read_file(path))
    assert [item.title for item in items if isinstance(item, RawDocument)] == ["Story 0", "Story 1", "Story 2"]
    assert isinstance(items[-1], Rejection) and items[-1].reason == Reason.TRUNCATED.value
