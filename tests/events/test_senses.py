"""A verb's everyday sense is no political event: it codes only when its object names the sense."""

from __future__ import annotations

import pytest

from storyline.events.records import Actor, Coding
from storyline.events.senses import political_sense
from storyline.models import Argument, Proposition


def _coding(trigger: str, cue: str = "", confidence: float = 0.7) -> Coding:
    return Coding(cameo="0841", plover="RETREAT", gsr_type="", quad_class=2, goldstein=4.0, source=Actor(), target=Actor(),
                  trigger=trigger, confidence=confidence, cue=cue)


def _clause(*arguments: Argument, action: str = "", actor: str = "") -> Proposition:
    return Proposition(index=0, sentence=0, start=0, end=10, text="", arguments=arguments, action=action, actor_entity=actor)


def test_a_default_sense_of_an_everyday_verb_does_not_stand() -> None:
    statement = _clause(Argument(role="object", text="a statement", head="statement"))
    assert not political_sense(_coding("release"), statement)
    hostages = _clause(Argument(role="object", text="the hostages", head="hostage"))
    assert political_sense(_coding("release", cue="hostage", confidence=0.9), hostages)


def test_a_cue_must_be_in_what_the_verb_acts_on() -> None:
    # "provided testimony before the Senate Intelligence Committee" is no military aid.
    testimony = _clause(Argument(role="object", text="extensive testimony", head="testimony"),
                        Argument(role="before", text="the Senate Intelligence Committee", head="committee"))
    assert not political_sense(_coding("provide", cue="intelligence", confidence=0.9), testimony)


def test_a_listed_preposition_naming_someone_confirms_the_sense() -> None:
    congress = _clause(Argument(role="on", text="Congress", head="congress", entity="org:congress"))
    assert political_sense(_coding("call"), congress)
    saturday = _clause(Argument(role="object", text="him", head="he"), Argument(role="on", text="Saturday", head="saturday"))
    assert not political_sense(_coding("call"), saturday)


def test_other_verbs_stand_but_a_code_read_from_a_noun_needs_a_light_verb() -> None:
    assert political_sense(_coding("condemn"), _clause())
    assert not political_sense(_coding("dispatch", cue="meeting", confidence=0.6), _clause())
    assert political_sense(_coding("hold", cue="talk", confidence=0.6), _clause())


def test_a_warning_to_someone_is_a_threat_a_warning_of_something_is_not() -> None:
    korea = _clause(Argument(role="object", text="North Korea", head="korea", entity="country:KP"))
    assert political_sense(_coding("warn"), korea)
    possibility = _clause(Argument(role="of", text="the possibility of violence", head="possibility"))
    assert not political_sense(_coding("warn"), possibility)


def test_asking_for_an_act_is_a_request_asking_a_question_is_not() -> None:
    ukraine = Argument(role="object", text="Ukraine", head="ukraine", entity="country:UA")
    assert political_sense(_coding("ask"), _clause(ukraine, action="ask investigate"))
    assert not political_sense(_coding("ask"), _clause(Argument(role="object", text="Clinton", head="clinton", entity="person:clinton"), action="ask"))


def test_a_noun_naming_someone_elses_act_is_not_the_announcers() -> None:
    withdrawal = Argument(role="object", text="Ratcliffe's withdrawal", head="withdrawal", owner="person:ratcliffe")
    assert not political_sense(_coding("announce", cue="withdrawal", confidence=0.6), _clause(withdrawal, actor="person:trump"))
    sanctions = Argument(role="object", text="sanctions on Russian officials", head="sanction")
    assert political_sense(_coding("announce", cue="sanction", confidence=0.6), _clause(sanctions, actor="org:treasury"))


SENSES = {
    "words": "Senator Ellen Marsh fired back at her colleague Paul Reyes on Twitter on Friday.",
    "armed": "Israeli troops clashed with Hamas fighters on Monday.",
    "challenge": "Senator Ellen Marsh challenged Governor Paul Reyes to condemn the attack on Monday.",
    "view": "Governor Paul Reyes agrees with the parents of the victims.",
    "declared": "The World Health Organization declared the outbreak a global health emergency on Monday.",
    "emergency": "Governor Paul Reyes declared a state of emergency on Monday.",
    "recorded": "Project Atlas captured Governor Paul Reyes saying the plan was dead on Monday.",
    "stopped": "Thousands of Americans stopped looking for work in March.",
    "summoned": "House Democrats summoned three U.S. diplomats on Monday to testify.",
    "envoy": "Germany summoned the Russian ambassador on Monday.",
    "courted": "Governor Paul Reyes appealed to young voters on Monday by touting his record.",
    "appeal": "Pakistan appealed to the United Nations for help on Monday.",
    "won": "Democrats took control of the state Senate on Tuesday for the first time in decades.",
}


@pytest.fixture(scope="module")
def coded(nlp) -> dict[str, set[tuple[str, str, str]]]:  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.events import code_story_events
    from storyline.models import Report

    reports = [Report(id=key, source="Outlet", body=text, published="2019-03-04T10:00:00") for key, text in SENSES.items()]
    analyses = {a.report: a for a in analyze_reports(reports, nlp)}
    return {r.id: {(e.cameo, e.actor1, e.actor2) for e in code_story_events("s", [r], analyses, [])} for r in reports}


def test_words_of_force_between_politicians_are_criticism(coded: dict[str, set[tuple[str, str, str]]]) -> None:
    assert coded["words"] == {("111", "Senator Ellen Marsh", "Paul Reyes")}
    assert {code[:2] for code, _, _ in coded["armed"]} == {"19"}


def test_everyday_senses_are_no_events(coded: dict[str, set[tuple[str, str, str]]]) -> None:
    for key in ("challenge", "view", "declared", "recorded", "stopped", "summoned", "courted", "won"):
        assert coded[key] == set(), (key, coded[key])


def test_the_political_senses_still_stand(coded: dict[str, set[tuple[str, str, str]]]) -> None:
    assert {code for code, _, _ in coded["emergency"]} == {"1724"}
    assert coded["envoy"] == {("114", "Germany", "Russian Federation")}
    assert coded["appeal"] == {("023", "Pakistan", "United Nations")}


def test_a_cue_named_only_in_the_purpose_does_not_say_what_the_act_is() -> None:
    # "offered bounties to militants to kill American troops": no troops offered.
    bounties = _clause(Argument(role="object", text="bounties", head="bounty", verb="offer"),
                       Argument(role="purpose object", text="American troops", head="troop", verb="offer"), action="offer")
    assert not political_sense(_coding("offer", cue="troop", confidence=0.9), bounties)
    troops = _clause(Argument(role="object", text="troops", head="troop", verb="offer"), action="offer")
    assert political_sense(_coding("offer", cue="troop", confidence=0.9), troops)


def test_suspending_ones_own_campaign_is_no_sanction() -> None:
    campaign = _clause(Argument(role="object", text="her mayoral campaign", head="campaign"))
    assert not political_sense(_coding("suspend"), campaign)
    aid = _clause(Argument(role="object", text="military aid", head="aid"))
    assert political_sense(_coding("suspend", cue="aid", confidence=0.9), aid)
