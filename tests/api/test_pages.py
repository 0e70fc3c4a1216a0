"""The web pages: each renders, shows the right facts matrix, escapes everything from reports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from api_corpus import FIRE, HOSTILE, build_store
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.api.charts import daily_chart, sparkline


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(build_store(tmp_path / "pages.db"))) as test_client:
        yield test_client


def html(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize(
    "path",
    ["/", "/?q=harbour", "/?outlet=Globe", "/?entity=port-ellis", "/?since=2024-03-04&until=2024-03-05", "/?offset=25",
     f"/stories/{FIRE}", f"/stories/{HOSTILE}", "/reports/r-fire-reuters", "/reports/r-hostile", "/search", "/search?q=harbour",
     "/search?q=zzzz", "/entities", "/entities?q=port", "/entities/port-ellis", "/outlets", "/outlets/Globe", "/outlets/Daily%20Courier"],
)
def test_every_page_renders_with_the_shared_layout(client: TestClient, path: str) -> None:
    page = html(client, path)
    assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
    assert '<meta name="viewport"' in page


def test_story_list_shows_counts_and_sparklines(client: TestClient) -> None:
    page = html(client, "/")
    assert page.index("Fire sweeps Port Ellis harbour") < page.index("Council delays budget vote")
    assert page.count('<svg class="sparkline"') == 3 and 'role="img"' in page
    assert "Independent sources" in page


def cells(page: str, fact: str) -> dict[str, str]:
    row = re.search(rf'<tr class="fact-[a-z-]+" data-fact="{fact}">(.*?)</tr>', page, re.DOTALL)
    assert row, fact
    return dict(re.findall(r'data-outlet="([^"]+)" data-state="([a-z-]+)"', row.group(1)))


def test_story_page_facts_matrix_has_symbols_text_and_headers(client: TestClient) -> None:
    page = html(client, f"/stories/{FIRE}")
    assert cells(page, "f-fire") == dict.fromkeys(("Reuters", "Globe", "Daily Courier", "Coast Radio"), "reported")
    assert cells(page, "f-injured") == {"Reuters": "conflicting", "Globe": "conflicting", "Daily Courier": "not-reported", "Coast Radio": "conflicting"}
    assert '<span class="symbol" aria-hidden="true">✗</span><span class="sr-only">conflicting value</span>' in page
    assert '<span class="symbol" aria-hidden="true">●</span><span class="sr-only">reported</span>' in page
    assert '<span class="symbol" aria-hidden="true">·</span><span class="sr-only">not reported</span>' in page
    assert '<th scope="col" class="outlet-col">' in page and '<th scope="row" class="fact-text">' in page
    assert "✔ corroborated" in page and "◐ single source" in page


def test_story_page_folds_minor_facts_under_a_disclosure(client: TestClient) -> None:
    page = html(client, f"/stories/{FIRE}")
    folded = page[page.index('<details class="folded-facts">'):page.index("</details>", page.index('<details class="folded-facts">'))]
    assert "1 more single-source fact, ranked as minor" in folded
    assert 'data-fact="f-gulls"' in folded and 'data-fact="f-resigned"' not in folded
    assert page.count('data-fact="f-gulls"') == 1 and 'data-fact="f-resigned"' in page


def test_story_page_sections(client: TestClient) -> None:
    page = html(client, f"/stories/{FIRE}")
    # citations link to the reports on the page, numbered in order
    assert '<a class="cite" href="#report-r-fire-globe" aria-label="report 3, Globe">[3]</a>' in page
    assert 'id="report-r-fire-reuters"' in page
    # conflict with competing values and their outlets
    conflict = page[page.index('id="conflicts"'):page.index('id="reports"')]
    assert "<strong class=\"value\">12</strong>" in conflict and "<strong class=\"value\">15</strong>" in conflict
    # furniture on demand
    assert "<details class=\"furniture\">" in page and "Our Standards: The Thomson Reuters Trust Principles." in page
    assert 'id="timeline"' in page and "Maria Lund" in page and "We are containing the blaze" in page


def test_unknown_pages_are_html_errors(client: TestClient) -> None:
    assert "no story or report" in html(client, "/stories/nope", 404)
    assert "404" in html(client, "/no/such/page", 404)
    assert "not an ISO date" in html(client, "/?since=soon", 422)


@pytest.mark.parametrize("path", [f"/stories/{HOSTILE}", "/reports/r-hostile", "/", "/search?q=zebra", "/entities",
                                  "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/outlets"])
def test_report_content_is_escaped(client: TestClient, path: str) -> None:
    page = html(client, path)
    assert "<script>" not in page and "<img src=x" not in page
    assert active_content(page) == []


class _ActiveContent(HTMLParser):
    """Collects every element or attribute of a page that could run code."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag}[{name}={value}]")


def active_content(page: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(page)
    return parser.found


def test_hostile_story_shows_payloads_as_text(client: TestClient) -> None:
    page = html(client, f"/stories/{HOSTILE}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert active_content(page) == []
    report = html(client, "/reports/r-hostile")
    assert 'href="javascript:' not in report and "javascript:alert(1)" in report
    assert active_content(report) == []
    outlet = html(client, "/outlets/Evil%20%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20Outlet")
    assert "&lt;img src=x onerror=alert(1)&gt;" in outlet


def test_templates_have_no_inline_script_or_style() -> None:
    for template in (files("storyline.api") / "templates").iterdir():
        text = template.read_text("utf-8")
        assert "<script" not in text and "<style" not in text, template.name
        assert not re.search(r"\sstyle=", text) and not re.search(r"\son[a-z]+=", text), template.name
        assert not re.search(r"\|\s*safe\b", text), template.name


def test_charts() -> None:
    chart = sparkline(["2024-03-04T08:00:00", "2024-03-04T09:00:00", "2024-03-05T08:00:00Z", "not a date"])
    assert chart is not None and sum(b.count for b in chart.bars) == 3 and chart.bars[0].count == 2
    assert sparkline([]) is None and sparkline(["2024-01-01"]).bars[0].count == 1  # type: ignore[union-attr]
    days = daily_chart([("2024-03-01", 2), ("2024-03-04", 1)])
    assert days is not None and [b.count for b in days.bars] == [2, 0, 0, 1]
    months = daily_chart([("2022-01-05", 1), ("2024-01-05", 3)])
    assert months is not None and len(months.bars) == 25 and months.bars[-1].count == 3
