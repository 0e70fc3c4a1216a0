"""Possible, conditional and future clauses, and passive voice, read from a clause's text."""

from __future__ import annotations

import pytest

from storyline.events.modality import dismissal, hypothetical, is_passive, passive_agent, pending, scheduled


@pytest.mark.parametrize(
    ("text", "cameo", "trigger", "expected"),
    [
        ("This may include hacking to retrieve the secrets", "172", "include", True),
        ("Russia might attack Ukraine", "190", "attack", True),
        ("If France sanctions Iran, the talks collapse", "163", "sanction", True),
        ("Japan will send troops", "074", "send", True),
        ("Chris Arreola would probably give an effort", "033", "give", True),
        ("the weight limit would have to be cut if repairs were delayed", "100", "cut", True),
        ("Mr. Mueller appears to be investigating", "090", "investigate", True),
        ("he can reach a deal with the American president", "030", "reach", True),
        ("they needed to accept tougher limits on Tehran", "030", "accept", True),
        ("a France Telecom spokeswoman asked not to be named", "020", "ask", True),
        ("The Trump administration had been trying to pressure Europe", "100", "pressure", True),
        ("German Chancellor Angela Merkel visits the White House later this week", "042", "visit", True),
        ("Condoleezza Rice was to ask the United Nations", "020", "ask", True),
        ("Catherine Hardwicke failed to reach a deal", "030", "reach", True),
        ("Quillon will offer affected employees two years of monitoring", "030", "offer", False),  # a stated intention
        ("Iran threatened to close the strait", "138", "threaten", False),
        ("Germany condemned Iran on Tuesday", "111", "condemn", False),
        ("Beijing has denied these accusations repeatedly", "120", "deny", False),
    ],
)
def test_what_did_not_happen_is_recognised(text: str, cameo: str, trigger: str, expected: bool) -> None:
    assert hypothetical(text, cameo, trigger=trigger) is expected


def test_a_question_is_not_an_event() -> None:
    assert hypothetical("Has Trump been questioned", "090", "Has Trump been questioned by Mueller?", "question")
    assert not hypothetical("Trump was questioned", "090", "Trump was questioned by Mueller.", "question")


@pytest.mark.parametrize(
    ("text", "actor", "expected"),
    [
        ("17 homes were destroyed by the fire", "17 homes", True),
        ("The deal was reached as the result of talks", "The deal", True),
        ("Iranian troops were reportedly attacked by Iraqi forces", "Iranian troops", True),
        ("Affected employees will be offered two years of monitoring", "Affected employees", True),
        ("Two men were shot dead", "Two men", True),
        ("in 1997, he was finally convicted of racketeering", "Vincent Gigante", True),
        ("Richard Gates have all been charged in Mueller's investigation", "Richard Gates", True),
        ("The Sound Spirit struck the wharf", "The Sound Spirit", False),
        ("Beijing has been pushing Canada to reduce restrictions", "Beijing", False),
        ("China and Canada have signed an agreement", "China and Canada", False),
    ],
)
def test_passive_clauses_are_recognised(text: str, actor: str, expected: bool) -> None:
    assert is_passive(text, actor) is expected


def test_the_agent_of_a_passive_clause() -> None:
    assert passive_agent("Iranian troops were attacked by Iraqi forces near Basra, officials said") == "Iraqi forces near Basra"
    assert passive_agent("The deal was reached after talks") == ""


def test_firing_a_person_is_a_dismissal_not_an_attack() -> None:
    assert dismissal("he fired James B. Comey, the F.B.I. director")
    assert dismissal("Trump fired Mr. Comey")
    assert dismissal("he decided on Saturday to fire O'Brien")
    assert not dismissal("troops fired on protesters")
    assert not dismissal("the army fired rockets into Gaza")


def test_an_unattributed_obligation_is_no_demand() -> None:
    assert hypothetical("the Trump administration should insist on a roadmap", "100", trigger="insist", attributed=False)
    assert not hypothetical("Iraq must cooperate with inspectors", "100", trigger="cooperate", attributed=True)
    assert hypothetical("he had to force his mother to testify", "100", trigger="force", attributed=True)


def test_a_present_clause_after_before_or_if_is_pending() -> None:
    assert pending("present", "North Korea is putting pressure on the United States before ")
    assert not pending("past", "North Korea put pressure on the United States before ")
    assert not pending("present", "Officials said ")


def test_an_act_in_the_simple_present_is_scheduled_but_a_stance_is_news() -> None:
    assert scheduled("President Trump meets with Kim in the coming weeks", "present", "040")
    assert not scheduled("Trump meets Kim", "present", "040", headline=True)
    assert not scheduled("Mr. Mueller is investigating the campaign", "present", "090")
    assert not scheduled("The DNC blames Russia for the breaches", "present", "112")
    assert not scheduled("Mike Pompeo met with Kim Jong Un", "past", "040")


def test_a_clause_asked_after_whether_is_not_done_in_any_tense() -> None:
    assert pending("perfect", "Reporters asked the minister whether ")
    assert pending("past", "It is unclear if ")
    assert not pending("past", "Reporters said that ")


def test_an_act_suggested_is_not_done() -> None:
    assert hypothetical("The governor suggests jailing the protest leaders", "173", trigger="jail")
    assert hypothetical("the ministry considered imposing tariffs on steel", "163", trigger="impose")
    assert not hypothetical("The governor suggested talks with the protest leaders", "036", trigger="suggest")
    assert not hypothetical("The governor jailed the protest leaders", "173", trigger="jail")
