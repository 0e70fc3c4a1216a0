"""The events page and the actor page: filters, dyads, the SVG chart, links between them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from event_corpus import build_event_store
from fastapi.testclient import TestClient

from storyline.api import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(build_event_store(tmp_path / "events.db"))) as test_client:
        yield test_client


def test_events_page_lists_and_filters(client: TestClient) -> None:
    everything = client.get("/events")
    assert everything.status_code == 200
    assert everything.text.count("<tr>") == 6 + 1  # six events and the header row
    accusations = client.get("/events?type=ACCUSE&target=CHN")
    assert "The US accused China of hacking" in accusations.text
    assert "China denied the accusation" not in accusations.text
    assert 'value="ACCUSE"' in accusations.text
    assert '<a href="/actors/CHN">CHN</a>' in accusations.text
    assert client.get("/events?actor=XYZ").status_code == 422


def test_actor_page_shows_both_sides_its_dyads_and_a_chart(client: TestClient) -> None:
    page = client.get("/actors/CAN")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Canada</h1>" in text
    source, target = text.split('id="actor-source-h"')[1].split('id="actor-target-h"')
    assert "Canada held talks with China" in source and "China and Canada signed a deal" not in source
    assert "China and Canada signed a deal" in target and "Beijing has been pushing Canada" in target
    assert '<a href="/api/dyads/CHN/CAN?by=week">' in text
    assert '<svg class="bar-chart"' in text and "2 events from 2017-06 to 2017-06" in text
    assert client.get("/actors/XYZ").status_code == 404


def test_navigation_links_to_the_events_page(client: TestClient) -> None:
    assert '<a href="/events">Events</a>' in client.get("/").text


def test_story_page_links_event_actors_to_their_actor_pages(client: TestClient) -> None:
    page = client.get("/stories/s-spy")
    assert page.status_code == 200
    assert '<a href="/actors/USA">USA</a>' in page.text and '<a href="/actors/CHN">CHN</a>' in page.text


def test_dyad_page_draws_the_weekly_series_and_lists_both_directions(client: TestClient) -> None:
    page = client.get("/dyads/CHN/CAN?by=week")
    assert page.status_code == 200
    assert '<svg class="bar-chart"' in page.text and "2 events from 2017-W25 to 2017-W26" in page.text
    assert "Canada held talks with China" in page.text and "China and Canada signed a deal" in page.text
    assert "Undated: 1" in page.text
    assert client.get("/dyads/CHN/XYZ").status_code == 422
    assert '<a href="/dyads/CHN/CAN?by=week">per week</a>' in client.get("/actors/CAN").text
