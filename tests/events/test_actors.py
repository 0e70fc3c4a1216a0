"""Events on short made-up reports: named actors only, passive agents, nothing hypothetical, dates with precision."""

from __future__ import annotations

import pytest

from storyline.analyze import analyze_reports
from storyline.events import code_story_events
from storyline.models import Event, Report

TEXTS = {
    "modal": "Russia may attack Ukraine next week, officials warned. If France sanctions Iran, the talks will collapse. "
             "This could include hacking. Japan will not send troops.",
    "named": "Germany condemned Iran on Tuesday. Iran rejected the criticism. Iranian troops were attacked by Iraqi forces near Basra.",
    "pair": "China and Australia have been rivals. The two countries signed a trade agreement in Beijing on 3 March 2019. "
            "Some countries, including Japan, have criticised China for years. It accused Japan of lying.",
    "they": "Police searched the block where Kimani Gray was walking home. They opened fire on him.",
    "doubt": "Mike Pompeo met Kim Jong Un in Pyongyang. He criticized Japan on Monday.",
    "clear": "Mike Pompeo spoke in Seoul on Sunday. He criticized Japan on Monday.",
    "sense": "Alex Jackson released a statement on Tuesday. Hamas released the hostages on Tuesday.",
    "undated": "Germany condemned Iran.",
}


@pytest.fixture(scope="module")
def events(nlp) -> dict[str, tuple[Event, ...]]:  # type: ignore[no-untyped-def]
    reports = [Report(id=key, source=f"Outlet {key}", body=text, published="2019-03-04T10:00:00") for key, text in TEXTS.items()]
    reports[-1] = Report(id="undated", source="Outlet", body=TEXTS["undated"])
    analyses = {a.report: a for a in analyze_reports(reports, nlp)}
    return {r.id: code_story_events("s", [r], analyses, []) for r in reports}


def brief(events: tuple[Event, ...]) -> set[tuple[str, str, str]]:
    return {(e.plover, e.actor1_country, e.actor2_country) for e in events}


def test_possible_conditional_and_future_events_are_not_coded(events: dict[str, tuple[Event, ...]]) -> None:
    assert events["modal"] == ()


def test_named_actors_and_the_agent_of_a_passive_clause(events: dict[str, tuple[Event, ...]]) -> None:
    assert brief(events["named"]) == {("ACCUSE", "DE", "IR"), ("REJECT", "IR", ""), ("ASSAULT", "IQ", "IR")}
    condemned = next(e for e in events["named"] if e.plover == "ACCUSE")
    assert (condemned.date, condemned.date_precision) == ("2019-02-26", "day")  # the Tuesday before publication


def test_the_two_countries_and_a_named_member_of_some_countries(events: dict[str, tuple[Event, ...]]) -> None:
    found = brief(events["pair"])
    assert ("SUPPORT", "CN", "AU") in found
    assert ("ACCUSE", "JP", "CN") in found
    signed = next(e for e in events["pair"] if e.plover == "SUPPORT")
    assert (signed.date, signed.date_precision) == ("2019-03-03", "day")
    assert all(e.actor1.split()[0].lower() not in ("the", "some", "it", "this") for e in events["pair"])


def test_an_event_without_a_date_in_text_or_report_is_undated(events: dict[str, tuple[Event, ...]]) -> None:
    (event,) = events["undated"]
    assert (event.date, event.date_precision) == ("", "")


def test_a_pronoun_stands_for_someone_only_beyond_doubt(events: dict[str, tuple[Event, ...]]) -> None:
    # "They" is not the one person named before; "He" after Pompeo and Kim could be either.
    assert not any(e.plover == "ASSAULT" for e in events["they"])
    assert not any(e.plover == "ACCUSE" for e in events["doubt"])
    assert brief(events["clear"]) == {("ACCUSE", "", "JP")}
    (accused,) = events["clear"]
    assert accused.actor1 == "Mike Pompeo"


def test_an_everyday_sense_is_no_event(events: dict[str, tuple[Event, ...]]) -> None:
    (released,) = events["sense"]
    assert (released.plover, released.actor1, released.date) == ("RETREAT", "Hamas", "2019-02-26")


def test_a_description_of_one_person_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.events.actors import described_one
    from storyline.models import Entity

    report = Report(id="described", source="Outlet", published="2019-03-04T10:00:00",
                    body="Senator Maria Lopez spoke in Denver on Monday. The Colorado Democrat has denied the allegation.")
    analyses = {a.report: a for a in analyze_reports([report], nlp)}
    assert code_story_events("s", [report], analyses, []) == ()
    person = Entity(id="person:maria lopez", name="Maria Lopez", kind="person")
    assert described_one("the former vice president", person) and not described_one("Senator Lopez", person)
    assert described_one("The Texas Republican", Entity(id="group:republican", name="Republican", kind="group"))


def test_a_body_named_after_its_country_is_of_that_country() -> None:
    from storyline.events.actors import home_country
    from storyline.models import Entity

    assert home_country(Entity(id="org:u.s. navy", name="U.S. Navy", kind="organisation")) == "US"
    assert home_country(Entity(id="org:navy", name="Turkish Navy", kind="organisation")) == "TR"
    assert home_country(Entity(id="person:x", name="Jordan Peters", kind="person")) == ""


def test_a_name_under_a_qualified_title_is_named(nlp) -> None:  # type: ignore[no-untyped-def]
    report = Report(id="former", source="Outlet", published="2019-03-04T10:00:00",
                    body="Former Vice President Ellen Marsh criticized Governor Paul Reyes on Monday.")
    analyses = {a.report: a for a in analyze_reports([report], nlp)}
    (event,) = code_story_events("s", [report], analyses, [])
    assert (event.plover, event.actor2) == ("ACCUSE", "Paul Reyes")
