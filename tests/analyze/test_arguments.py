"""The phrases a clause's verb governs, with the entities they name, and the verb's tense."""

from __future__ import annotations

from storyline.analyze import analyze_reports
from storyline.models import Proposition, Report


def _first(nlp, body: str) -> Proposition:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", source="Test", body=body)], nlp)
    return analysis.propositions[0]


def _roles(proposition: Proposition) -> dict[str, str]:
    return {a.role: a.entity for a in proposition.arguments}


def test_a_partner_named_with_with_and_a_place_named_with_in(nlp) -> None:  # type: ignore[no-untyped-def]
    met = _first(nlp, "Benjamin Netanyahu met in Tel Aviv on Sunday with Secretary of State Mike Pompeo.")
    roles = _roles(met)
    assert roles["with"] == "person:mike pompeo"
    assert roles["in"] == "place:tel aviv"
    assert met.tense == "past"


def test_the_object_its_owner_and_a_preposition_of_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    held = _first(nlp, "Donald Trump held a meeting with Emmanuel Macron.")
    assert _roles(held)["object with"] == "person:emmanuel macron"
    agreed = _first(nlp, "Kim Jong Un agreed to give up North Korea's nuclear weapons.")
    (weapons,) = [a for a in agreed.arguments if a.role == "object"]
    assert weapons.head == "weapon" and weapons.entity == "" and weapons.owner == "country:KP"


def test_a_passive_clause_keeps_its_subject_as_patient_and_its_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    suspended = _first(nlp, "Linebacker Stephen Cooper was suspended by the NFL for four games.")
    roles = _roles(suspended)
    assert roles["patient"] == "person:stephen cooper" and roles["agent"].endswith("nfl")


def test_who_a_demand_asks_to_act(nlp) -> None:  # type: ignore[no-untyped-def]
    demanded = _first(nlp, "China demanded that the United States cancel the arms sale.")
    assert _roles(demanded)["complement subject"] == "country:US"


def test_tenses(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _first(nlp, "Canada had agreed to the terms in March.").tense == "past-perfect"
    assert _first(nlp, "Canada has agreed to the terms.").tense == "perfect"
    assert _first(nlp, "Canada will sign the agreement.").tense == "future"
    assert _first(nlp, "Canada could sign the agreement.").tense == "modal"
    assert _first(nlp, "Canada signs the agreement.").tense == "present"


def test_a_condition_and_a_purpose_name_whom_they_concern(nlp) -> None:  # type: ignore[no-untyped-def]
    threatened = _first(nlp, "Iran threatened to launch a new offensive unless Iraq accepted its conditions.")
    assert _roles(threatened)["condition subject"] == "country:IQ"
    staged = _first(nlp, "Tens of thousands of students staged mass demonstrations Saturday to demand the resignation of President Suharto.")
    assert _roles(staged)["purpose of"] == "person:suharto"


def test_who_a_demand_has_acted_on_is_not_who_it_asks(nlp) -> None:  # type: ignore[no-untyped-def]
    given = _first(nlp, "Governor Ellen Marsh ordered that her deputy Paul Reyes be given a security clearance.")
    assert _roles(given).get("complement patient") == "person:paul reyes"
    assert "complement subject" not in _roles(given)
    fired = _first(nlp, "Governor Ellen Marsh ordered prosecutor Paul Reyes fired.")
    assert "complement subject" not in _roles(fired)


def test_a_dative_preposition_names_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    issued = _first(nlp, "Secretary of State Ellen Marsh issued a stern ultimatum to Russia on Tuesday.")
    assert _roles(issued).get("dative") == "country:RU"
