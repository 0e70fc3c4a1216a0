"""The pages in a real Chromium: lists, the facts matrix, search, and hostile reports that run nothing."""

from __future__ import annotations

from typing import Any

import api_corpus as corpus  # loaded by conftest.py from tests/api
import pytest

pytestmark = pytest.mark.browser
Site = Watched = Any


def test_story_list_renders(site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(site.base + "/")
    items = page.locator(".story-item h3 a")
    assert items.count() == 3
    assert items.first.inner_text() == "Fire sweeps Port Ellis harbour"
    assert page.locator(".story-item svg.sparkline").count() == 3
    desktop.screenshot("story-list-desktop")
    desktop.assert_quiet()


def matrix_cells(page: Any, fact: str) -> dict[str, str]:
    row = page.locator(f'tr[data-fact="{fact}"]')
    return {cell.get_attribute("data-outlet"): cell.inner_text().split("\n")[0].strip() for cell in row.locator("td.cell").all()}


def test_story_page_facts_matrix(site: Site, desktop: Watched, fire_fact_cells: dict[str, dict[str, str]]) -> None:
    page = desktop.page
    page.goto(f"{site.base}/stories/{corpus.FIRE}")
    headers = [h.inner_text() for h in page.locator("table.matrix-shown thead th[scope=col]").all()]
    assert headers == ["Fact", "Status", *corpus.FIRE_OUTLETS]
    for fact, expected in fire_fact_cells.items():
        assert matrix_cells(page, fact) == expected, fact
    assert page.locator('tr[data-fact="f-injured"] td.cell-conflicting .sr-only').first.inner_text() == "conflicting value"
    folded = page.locator("details.folded-facts")
    assert not folded.locator("table.matrix-folded").is_visible()
    folded.locator("summary").click()
    assert folded.locator("table.matrix-folded tbody tr").first.is_visible()
    furniture = page.locator("#report-r-fire-reuters details.furniture")
    assert not furniture.locator("li").first.is_visible()
    furniture.locator("summary").click()
    assert furniture.locator("li").first.is_visible()
    desktop.screenshot("story-desktop")
    desktop.assert_quiet()


def test_story_page_at_phone_width(site: Site, phone: Watched) -> None:
    page = phone.page
    page.goto(f"{site.base}/stories/{corpus.FIRE}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width}px)"
    assert page.locator("table.matrix-shown").is_visible()
    phone.screenshot("story-phone")
    page.goto(site.base + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("story-list-phone")
    phone.assert_quiet()


def test_keyboard_reaches_the_skip_link_first(site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(site.base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    desktop.assert_quiet()


def test_search_finds_a_report(site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(site.base + "/")
    page.fill("#site-q", "harbour master")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=harbour+master")
    first = page.locator(".hit h2 a").first
    assert first.inner_text() == "Port Ellis harbour fire: harbour master resigns"
    assert page.locator(".hit mark").count() >= 1
    first.click()
    page.wait_for_url(f"**/stories/{corpus.FIRE}#report-r-fire-courier")
    desktop.screenshot("search-desktop")
    desktop.assert_quiet()


@pytest.mark.parametrize("path", [f"/stories/{corpus.HOSTILE}", "/reports/r-hostile", "/", "/search?q=zebra", "/entities",
                                  "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"])
def test_hostile_report_runs_nothing(site: Site, desktop: Watched, path: str) -> None:
    page = desktop.page
    page.goto(site.base + path)
    page.wait_for_load_state("load")
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    desktop.assert_quiet()


def test_hostile_payloads_are_shown_as_text(site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(f"{site.base}/stories/{corpus.HOSTILE}")
    assert corpus.SCRIPT in page.locator("h1").inner_text() and corpus.IMG in page.locator("h1").inner_text()
    body = page.locator("#report-r-hostile .report-body").inner_text()
    assert corpus.SCRIPT in body and corpus.IMG in body
    page.locator("#report-r-hostile details.furniture summary").click()
    assert corpus.SCRIPT in page.locator("#report-r-hostile details.furniture").inner_text()
    desktop.screenshot("hostile-desktop")
    desktop.assert_quiet()


def test_other_pages_render(site: Site, desktop: Watched) -> None:
    page = desktop.page
    for path, heading in (("/outlets/Daily%20Courier", "Daily Courier"), ("/entities/port-ellis", "Port Ellis"), ("/outlets", "Outlets")):
        page.goto(site.base + path)
        assert page.locator("h1").inner_text() == heading
        desktop.screenshot("page-" + heading.lower().replace(" ", "-"))
    assert page.locator("table.listing th[scope=row]").count() >= 4
    desktop.assert_quiet()
