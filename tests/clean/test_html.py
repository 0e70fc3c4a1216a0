import gzip

import pytest

from storyline.clean.html import ExtractedPage, HtmlOptions, NoArticleError, NotHtmlError, extract_html
from storyline.clean.html_decode import decode_page
from storyline.clean.html_filter import filter_lines, load_boilerplate
from storyline.clean.html_metadata import normalize_date

PARAGRAPHS = [
    (
        "The harbour authority of Port Ellis voted on Tuesday to close the old ferry terminal by the end of next year, "
        "ending more than a century of passenger crossings from the town's waterfront."
    ),
    (
        "Council members said the decision followed three years of falling ticket sales and a structural survey that "
        "found the pier would need repairs costing several times the terminal's annual revenue."
    ),
    (
        "Residents who packed the public gallery urged the board to delay the vote until a replacement service could be "
        "found, arguing that older people and commuters without cars depend on the crossing every day."
    ),
    (
        "The authority's chair, Maria Okafor, told the meeting that talks with two private operators were under way and "
        "that a decision on a new service would be announced in the spring, before the terminal closes."
    ),
]
FURNITURE = [
    "Share on Facebook",
    "Sign up for our morning newsletter to get the day's news in your inbox",
    "Home",
    "Contact us",
    "Read more: Port Ellis harbour dredging plan approved",
]
TITLE = "Port Ellis votes to close its ferry terminal"


def news_page(*, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{TITLE} | Port Ellis Gazette</title>
<meta property="og:title" content="Port Ellis votes to close ferry terminal (og)">
<meta property="og:site_name" content="Gazette (og)">
<link rel="canonical" href="/news/ferry-terminal-vote">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "Port Ellis Gazette"}},
  {{"@type": "NewsArticle", "headline": "{TITLE}",
    "datePublished": "2024-03-05T18:30:00Z",
    "author": [{{"@type": "Person", "name": "Jane Roe"}}, {{"@type": "Person", "name": "John Doe"}}],
    "publisher": {{"@type": "Organization", "name": "Port Ellis Gazette"}}}}
]}}
</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav></header>
<main><article>
<h1>{TITLE}</h1>
<p class="byline">By Jane Roe and John Doe</p>
<div class="share"><a href="https://facebook.com/share">Share on Facebook</a>
<a href="https://twitter.com/share">Share on Twitter</a></div>
{body}
<p>Read more: Port Ellis harbour dredging plan approved</p>
<p>Sign up for our morning newsletter to get the day's news in your inbox</p>
</article></main>
<footer><p>© 2024 Port Ellis Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page() -> ExtractedPage:
    return extract_html(news_page().encode("utf-8"), url="https://gazette.example/news/ferry-terminal-vote?ref=home")


def test_body_holds_the_paragraphs_in_order_separated_by_blank_lines(page: ExtractedPage) -> None:
    assert page.body.split("\n\n") == PARAGRAPHS


def test_body_holds_none_of_the_furniture(page: ExtractedPage) -> None:
    for line in [*FURNITURE, "Share on Twitter", "All rights reserved", "Privacy policy", TITLE]:
        assert line not in page.body


def test_metadata_comes_from_json_ld_before_meta_tags(page: ExtractedPage) -> None:
    assert page.title == TITLE
    assert page.byline == "Jane Roe, John Doe"
    assert page.published == "2024-03-05T18:30:00+00:00"
    assert page.site_name == "Port Ellis Gazette"
    assert page.canonical_url == "https://gazette.example/news/ferry-terminal-vote"
    assert page.language == "en"


def test_filtered_lines_are_kept_for_audit(page: ExtractedPage) -> None:
    assert page.furniture == (
        TITLE,
        "Read more: Port Ellis harbour dredging plan approved",
        "Sign up for our morning newsletter to get the day's news in your inbox",
    )


def test_meta_tags_stand_in_when_there_is_no_json_ld() -> None:
    html = news_page().split('<script type="application/ld+json">')[0] + news_page().split("</script>", 1)[1]
    html = html.replace(
        "<head>", '<head><meta property="article:published_time" content="2024-03-04"><meta name="author" content="By Sam Poe">'
    )
    page = extract_html(html, url="https://gazette.example/x")
    assert page.title == "Port Ellis votes to close ferry terminal (og)"
    assert page.site_name == "Gazette (og)"
    assert page.published == "2024-03-04"
    assert page.byline == "Sam Poe"


def test_gzip_bytes_give_the_same_page(page: ExtractedPage) -> None:
    zipped = gzip.compress(news_page().encode("utf-8"))
    assert extract_html(zipped, url="https://gazette.example/news/ferry-terminal-vote?ref=home") == page


def test_undeclared_cp1252_page_decodes() -> None:
    html = news_page(charset="").replace('<meta charset="">', "").replace("Maria Okafor", "Zoë Müller — “the chair”")
    data = html.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page = extract_html(data)
    assert "Zoë Müller — “the chair”" in page.body


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    html = news_page(charset="koi8-r").replace("Maria Okafor", "Мария Окафор")
    assert "Мария Окафор" in extract_html(html.encode("koi8_r")).body


def test_binary_bytes_named_html_are_not_html() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(NotHtmlError) as caught:
        extract_html(png, url="https://example.org/image.html")
    assert caught.value.reason == "not-html"


def test_text_without_markup_is_not_html() -> None:
    with pytest.raises(NotHtmlError):
        extract_html(b"just a line of plain text, no tags at all\n" * 20)


def test_page_without_article_has_no_article() -> None:
    html = "<html><head><title>Index</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"
    with pytest.raises(NoArticleError) as caught:
        extract_html(html)
    assert caught.value.reason == "no-article"
    assert isinstance(caught.value, ValueError)


def test_pages_over_the_size_limit_are_too_large() -> None:
    with pytest.raises(NotHtmlError) as caught:
        extract_html(news_page().encode("utf-8"), options=HtmlOptions(max_bytes=1_000))
    assert caught.value.reason == "too-large"


def test_gzip_bombs_stop_at_the_size_limit() -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000 + b"</body></html>")
    with pytest.raises(NotHtmlError) as caught:
        extract_html(bomb, options=HtmlOptions(max_bytes=100_000))
    assert caught.value.reason == "too-large"


def test_bad_options_are_refused_with_the_default_named() -> None:
    with pytest.raises(ValueError, match="default"):
        HtmlOptions(max_bytes=0)


def test_decode_prefers_utf8_over_a_western_declaration() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>café</p></body></html>'
    assert "café" in decode_page(html.encode("utf-8"), 10_000)


def test_filter_drops_related_headlines_and_repeated_title_but_keeps_sentences() -> None:
    lines = [
        "Port Ellis votes to close its ferry terminal",
        "By Jane Roe",
        "The harbour authority voted on Tuesday to close the terminal.",
        "A quote worth sharing.Click To Tweet",
        "Don't miss",
        "Harbour dredging plan approved",
        "Council budget falls short again",
        "The vote was eight to three.",
        "(Reporting by Jane Roe; Editing by Sam Poe)",
        "3 comments",
    ]
    result = filter_lines(lines, headings=["Port Ellis votes to close its ferry terminal", "By Jane Roe"])
    assert result.lines == (
        "The harbour authority voted on Tuesday to close the terminal.",
        "A quote worth sharing.",
        "The vote was eight to three.",
    )
    assert "Harbour dredging plan approved" in result.furniture
    assert "3 comments" in result.furniture


def test_boilerplate_file_loads_with_known_categories() -> None:
    categories = {pattern.category for pattern in load_boilerplate()}
    assert {"trim", "related", "share", "newsletter", "credit", "copyright"} <= categories


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-11-18", "2019-11-18"),
        ("2019-11-18T09:05Z", "2019-11-18T09:05:00+00:00"),
        ("2019-11-18T09:05:07.123-0500", "2019-11-18T09:05:07-05:00"),
        ("Monday, Nov. 18", ""),
    ],
)
def test_dates_are_normalised_to_iso(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected


def test_document_title_loses_its_site_name_suffix() -> None:
    html = news_page().split('<script type="application/ld+json">')[0] + news_page().split("</script>", 1)[1]
    html = html.replace('<meta property="og:title" content="Port Ellis votes to close ferry terminal (og)">', "")
    html = html.replace('content="Gazette (og)"', 'content="Port Ellis Gazette"')
    assert extract_html(html).title == TITLE
