"""The example corpus through the real pipeline, checked in the browser against its answer key."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.browser
Site = Watched = Any


def _reports_by_url(site: Site) -> dict[str, dict[str, Any]]:
    items = httpx.get(f"{site.base}/api/reports?limit=500").json()["items"]
    return {item["url"]: item for item in items}


def _story_of(site: Site, url: str) -> dict[str, Any]:
    report = _reports_by_url(site)[url]
    return httpx.get(f"{site.base}/api/stories/{report['story']}").json()  # type: ignore[no-any-return]


def _rows(page: Any) -> list[dict[str, Any]]:
    rows = []
    for row in page.locator("table.matrix tbody tr").all():
        cells = {c.get_attribute("data-outlet"): c.get_attribute("data-state") for c in row.locator("td.cell").all()}
        rows.append({"text": row.locator("th").inner_text(), "cells": cells,
                     "symbols": {c.get_attribute("data-outlet"): c.locator(".symbol").inner_text() for c in row.locator("td.cell").all()}})
    return rows


def test_story_list_shows_every_story(example_site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(example_site.base + "/")
    stories = httpx.get(f"{example_site.base}/api/health").json()["stories"]
    assert page.locator(".story-item").count() == min(stories, 25) > 0
    desktop.screenshot("example-story-list")
    desktop.assert_quiet()


def test_planted_conflict_shows_crosses_under_its_outlets(example_site: Site, desktop: Watched) -> None:
    conflict = example_site.answer_key["conflicts"][0]
    by_url = _reports_by_url(example_site)
    outlets = {by_url[url]["source"]: value["value"] for value in conflict["values"] for url in value["reports"]}
    story = _story_of(example_site, conflict["values"][0]["reports"][0])
    page = desktop.page
    page.goto(f"{example_site.base}/stories/{story['id']}")
    conflicting = [row for row in _rows(page) if any(state == "conflicting" for state in row["cells"].values())]
    assert conflicting, "no conflicting row in the facts matrix"
    assert any(all(row["symbols"].get(outlet) == "✗" for outlet in outlets) for row in conflicting), conflicting
    section = page.locator("#conflicts").inner_text()
    for value in outlets.values():
        assert value in section
    desktop.screenshot("example-conflict-story")
    desktop.assert_quiet()


def test_corroborated_facts_have_a_dot_under_each_outlet(example_site: Site, desktop: Watched) -> None:
    key = example_site.answer_key
    by_url = _reports_by_url(example_site)
    conflict_story = key["conflicts"][0]["story"]
    facts = [f for f in key["facts"] if f["story"] == conflict_story and f["status"] == "corroborated"]
    story = _story_of(example_site, facts[0]["reports"][0])
    page = desktop.page
    page.goto(f"{example_site.base}/stories/{story['id']}")
    rows = _rows(page)
    # The page draws exactly the matrix the analysis holds...
    assert [row["cells"] for row in rows] == [{c["outlet"]: c["state"] for c in r["cells"]} for r in story["matrix"]["rows"]]
    # ...and key facts the analysis found are drawn with a dot under every outlet that reports them.
    # (How many key facts corroboration finds is scored by `storyline eval`, not here.)
    right = []
    for fact in facts:
        outlets = {by_url[url]["source"] for url in fact["reports"]}
        for row in rows:
            if all(word in row["text"] for word in fact["keywords"]) and all(row["symbols"][o] == "●" for o in outlets):
                right.append(fact["text"])
    assert len(set(right)) >= len(facts) // 2, f"only {sorted(set(right))} of {len(facts)} corroborated key facts drawn"
    desktop.assert_quiet()


def test_search_finds_an_example_report(example_site: Site, desktop: Watched) -> None:
    page = desktop.page
    page.goto(example_site.base + "/search?q=Sound+Spirit")
    assert "Ferry" in page.locator(".hit h2 a").first.inner_text()
    desktop.assert_quiet()
