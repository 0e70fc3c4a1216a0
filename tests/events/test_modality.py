"""Possible, conditional and future clauses, and passive voice, read from a clause's text."""

from __future__ import annotations

import pytest

from storyline.events.modality import hypothetical, is_passive, passive_agent


@pytest.mark.parametrize(
    ("text", "cameo", "expected"),
    [
        ("This may include hacking to retrieve the secrets", "172", True),
        ("Russia might attack Ukraine", "190", True),
        ("If France sanctions Iran, the talks collapse", "163", True),
        ("Japan will send troops", "150", True),
        ("the weight limit would have to be cut if repairs were delayed", "100", True),
        ("China will cooperate with Canada", "030", False),   # an expressed intention is the event (03)
        ("Iran threatened to close the strait", "138", False),
        ("Germany condemned Iran on Tuesday", "111", False),
        ("Beijing has denied these accusations repeatedly", "120", False),
    ],
)
def test_what_did_not_happen_is_recognised(text: str, cameo: str, expected: bool) -> None:
    assert hypothetical(text, cameo) is expected


@pytest.mark.parametrize(
    ("text", "actor", "expected"),
    [
        ("17 homes were destroyed by the fire", "17 homes", True),
        ("The deal was reached as the result of talks", "The deal", True),
        ("Iranian troops were reportedly attacked by Iraqi forces", "Iranian troops", True),
        ("Affected employees will be offered two years of monitoring", "Affected employees", True),
        ("Two men were shot dead", "Two men", True),
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
