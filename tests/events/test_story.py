"""Story events on the seeds: the pledge between China and Canada, outlets from the facts."""

from __future__ import annotations

import pytest

from storyline.corroborate import corroborate_story
from storyline.events import code_story_events
from storyline.models import Event


@pytest.fixture(scope="module")
def events(seed_reports, seed_analyses) -> tuple[Event, ...]:  # type: ignore[no-untyped-def]
    story = corroborate_story("seed", seed_reports, seed_analyses)
    return code_story_events("seed", seed_reports, seed_analyses, story.facts)


def test_pledge_between_china_and_canada(events: tuple[Event, ...]) -> None:
    pledge = [e for e in events if {e.actor1_country, e.actor2_country} == {"CN", "CA"} and e.cameo[:2] in ("03", "05")]
    assert pledge, [(e.cameo, e.actor1_country, e.actor2_country) for e in events]
    event = pledge[0]
    assert event.plover in ("AGREE", "SUPPORT") and event.quad_class == 1 and event.goldstein > 0
    assert len(event.independent_sources) == 2 and event.support


def test_events_are_pure_and_stable(seed_reports, seed_analyses, events: tuple[Event, ...]) -> None:  # type: ignore[no-untyped-def]
    story = corroborate_story("seed", seed_reports, seed_analyses)
    assert code_story_events("seed", seed_reports, seed_analyses, story.facts) == events
    assert len({e.id for e in events}) == len(events)


def test_no_reports_no_events() -> None:
    assert code_story_events("empty", [], {}, []) == ()


def test_seed_targets_one_agreement_accusation_rejection(events: tuple[Event, ...]) -> None:
    agreements = [e for e in events if {e.actor1_country, e.actor2_country} == {"CN", "CA"} and e.plover in ("AGREE", "SUPPORT")]
    assert len(agreements) == 1, [(e.plover, e.text) for e in agreements]
    assert len(agreements[0].support) >= 2 and sorted(agreements[0].independent_sources) == ["E&T (The IET)", "Reuters"]
    assert any(e.plover == "ACCUSE" and e.actor1_country == "US" and e.actor2_country == "CN" for e in events)
    assert any(e.plover == "REJECT" and e.actor1_country == "CN" for e in events)


def test_seed_events_have_no_pronoun_actor_and_nothing_hypothetical(events: tuple[Event, ...]) -> None:
    from storyline.events.actors import PRONOUNS

    assert all(e.actor1 and e.actor1.split()[0].lower() not in PRONOUNS for e in events)
    assert not any(e.actor1.lower().startswith(("the two", "this")) for e in events)
    assert not any(" may " in f" {e.text} " for e in events)


def test_a_demand_is_shown_with_whom_it_asks(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.models import Report

    report = Report(id="r", source="Outlet", published="2019-03-04T10:00:00",
                    body="A report in the Ledger said Governor Ellen Marsh demanded her chief of staff Paul Reyes give the contract "
                         "to her brother in May. It was denied.")
    analyses = {a.report: a for a in analyze_reports([report], nlp)}
    (event,) = code_story_events("s", [report], analyses, [])
    assert (event.plover, event.actor2) == ("REQUEST", "Paul Reyes")
    assert event.text.endswith("give the contract to her brother in May")
