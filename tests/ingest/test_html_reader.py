import codecs
import gzip
from pathlib import Path

from local_http import article_html

from storyline.errors import Reason
from storyline.ingest import read_bytes, read_file, read_paths
from storyline.ingest.html import read_html
from storyline.models import RawDocument, Rejection

NO_ARTICLE = b"<!DOCTYPE html><html><head><title>Home</title></head><body><script>var a = 1;</script></body></html>"


def _document(items: list[RawDocument | Rejection]) -> RawDocument:
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def _reason(items: list[RawDocument | Rejection]) -> str:
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert items[0].message and "\n" not in items[0].message
    return items[0].reason


def test_page_becomes_one_document_with_metadata() -> None:
    document = _document(read_html(article_html("Budget plan"), "saved/budget.html", url="https://news.example/budget"))
    assert document.title == "Budget plan"
    assert "Opposition leaders criticised" in document.text
    assert "Copyright" not in document.text
    assert document.published.startswith("2017-06-26")
    assert document.url == "https://news.example/budget"
    assert document.origin == "saved/budget.html"
    assert document.language == "en"


def test_fetched_date_is_carried() -> None:
    document = _document(read_html(article_html("Budget plan"), "x", fetched="2017-06-27T08:00:00Z"))
    assert document.fetched == "2017-06-27T08:00:00Z"


def test_binary_data_named_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert _reason(list(read_file(path))) == Reason.NOT_HTML.value


def test_html_without_an_article_is_rejected() -> None:
    assert _reason(read_html(NO_ARTICLE, "empty.html")) == Reason.NO_ARTICLE.value


def test_cp1252_page_is_decoded_not_rejected() -> None:
    page = article_html("Minister’s “plan” costs €5m").decode("utf-8").replace("charset='utf-8'", "charset='windows-1252'")
    document = _document(read_html(page.encode("cp1252"), "cp1252.html"))
    assert document.title == "Minister’s “plan” costs €5m"


def test_utf16_page_with_bom_is_decoded_not_rejected() -> None:
    page = article_html("Café talks resume").decode("utf-8").replace("<meta charset='utf-8'>", "")
    data = codecs.BOM_UTF16_LE + page.encode("utf-16-le")
    document = _document(list(read_bytes(data, "utf16.html", "utf16.html")))
    assert document.title == "Café talks resume"


def test_invalid_utf8_is_read_without_stopping() -> None:
    page = article_html("Broken bytes").replace(b"Opposition", b"Opp\xff\xfeosition")
    items = read_html(page, "invalid.html")
    # The page declares UTF-8, so the extractor keeps it with replacement characters.
    document = _document(items)
    assert "Analysts said" in document.text


def test_truncated_gzip_page_is_rejected(tmp_path: Path) -> None:
    packed = gzip.compress(article_html("Zipped"))
    path = tmp_path / "page.html.gz"
    path.write_bytes(packed[: len(packed) // 2])
    assert _reason(list(read_file(path))) == Reason.TRUNCATED.value


def test_fifty_megabyte_page_is_refused_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(50):
            handle.write(b"<p>" + b"word " * 209_715 + b"</p>")
    assert path.stat().st_size > 50_000_000
    assert _reason(list(read_file(path))) == Reason.TOO_LARGE.value


def test_one_bad_page_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(NO_ARTICLE)
    (tmp_path / "b.html").write_bytes(article_html("Second page"))
    (tmp_path / "c.html").write_bytes(b"\x00\x01\x02" * 100)
    items = list(read_paths([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Rejection", "RawDocument", "Rejection"]


def test_fifty_megabyte_page_in_memory_hits_the_extractor_limit() -> None:
    data = b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>"
    assert _reason(read_html(data, "huge.html")) == Reason.TOO_LARGE.value
