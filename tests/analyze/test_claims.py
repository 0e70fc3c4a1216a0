"""Claim text: what a fact shows must stand alone (subject resolved, speaker kept), and
what is still a fragment is told apart."""

from __future__ import annotations

import pytest

from storyline.analyze import analyze_reports
from storyline.analyze.claims import Voice, claim_text, is_fragment
from storyline.models import Proposition, Report


def _propositions(nlp, body: str) -> list[Proposition]:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", source="Test", body=body)], nlp)
    return list(analysis.propositions)


def test_reported_speech_keeps_its_speaker() -> None:
    voice = Voice(speaker="China", verb="says")
    assert claim_text("it is also a victim of hacking", voice=voice) == "China says it is also a victim of hacking"


def test_a_pronoun_subject_shows_what_it_stands_for_unless_it_is_the_speaker() -> None:
    assert claim_text("It does not cover spying", subject="it", stands_for="The new agreement") == "The new agreement does not cover spying"
    said = claim_text("it intends to boost trade", subject="it", stands_for="Canada", voice=Voice(speaker="Canada", verb="said"))
    assert said == "Canada said it intends to boost trade"
    # In reported speech a pronoun is left to the speaker shown, not guessed at.
    acting = claim_text("he was acting on orders", subject="he", stands_for="Joe Biden", voice=Voice(speaker="Sondland", verb="said"))
    assert acting == "Sondland said he was acting on orders"


def test_a_listener_verb_reads_as_said_and_a_quotation_keeps_its_marks() -> None:
    assert claim_text("the deal was vetted", voice=Voice(speaker="Andrew Scheer", verb="told")) == "Andrew Scheer said the deal was vetted"
    quoted = claim_text("These are steps to appease Beijing", voice=Voice(speaker="Andrew Scheer", quotation=True))
    assert quoted == "Andrew Scheer said: “These are steps to appease Beijing”"
    according = claim_text("the fire spread overnight", voice=Voice(speaker="the police", according=True))
    assert according == "The fire spread overnight, according to the police"


@pytest.mark.parametrize(
    "text",
    ["including the US", "such as drone technology", "what he says there", "It does not encompass spying for intelligence",
     "Will the deal hold after the election?", "which first reported the agreement on Monday"],
)
def test_fragments(text: str) -> None:
    assert is_fragment(text)


@pytest.mark.parametrize(
    "text",
    ["China says it is also a victim of hacking", "The Globe and Mail first reported the agreement",
     "Ottawa recently allowed Hytera to buy Norsat"],
)
def test_claims(text: str) -> None:
    assert not is_fragment(text)


def test_a_clause_in_a_real_sentence_is_shown_as_a_whole_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    body = ("The new agreement between Canada and China covers only economic cyber espionage. "
            "It does not encompass state-sponsored cyber spying for intelligence gathering. "
            "China denies those accusations, and says it is also a victim of hacking.")
    claims = [p.claim for p in _propositions(nlp, body)]
    assert "The new agreement between Canada and China does not encompass state-sponsored cyber spying for intelligence gathering" in claims
    assert "China says it is also a victim of hacking" in claims


def test_an_example_is_shown_in_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "Some countries, including the United States, have long accused Beijing of sponsoring hacking attacks.")
    example = next(p for p in found if p.kind == "example")
    assert example.claim.startswith("Some countries, including the United States, have long accused Beijing")


def test_a_complement_of_a_verb_that_reports_no_speech_stays_in_its_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    # Split apart, these read "Jan Olson said it was an earthquake" (he only thought so at
    # first) and "... said the president would sit for an interview" (a question dropped).
    thought = {p.claim for p in _propositions(nlp, "Jan Olson said at first I thought it was an earthquake.")}
    assert thought == {"Jan Olson said at first I thought it was an earthquake"}
    body = "Rudolph Giuliani said he was trying to determine whether the president would sit for an interview."
    found = _propositions(nlp, body)
    assert {p.claim for p in found} == {"Rudolph Giuliani said he was trying to determine whether the president would sit for an interview"}
    assert "whether" in {p.modality for p in found}


def test_a_complement_of_a_reporting_verb_is_a_claim_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = {p.claim for p in _propositions(nlp, "Police said the suspect turned himself in to authorities on Sunday.")}
    assert claims == {"Police said the suspect turned himself in to authorities on Sunday"}


def test_a_pronoun_is_not_replaced_by_another_pronoun() -> None:
    assert claim_text("It is so naive that he would trust them", subject="It", stands_for="I") == "It is so naive that he would trust them"
    assert claim_text("it will close", subject="it", stands_for="the plant") == "The plant will close"


def test_a_claim_opening_with_a_figure_keeps_it_as_written() -> None:
    assert claim_text("16-year-old Kimani Gray was shot in the back") == "16-year-old Kimani Gray was shot in the back"
    assert claim_text("“the deal is done,” he said") == "“The deal is done,” he said"


def test_a_short_clause_with_a_figure_or_date_is_a_claim() -> None:
    assert is_fragment("The plant operating by 2030")
    assert not is_fragment("The plant operating by 2030", gives_values=True)
    assert not is_fragment("I was one of about 200 people squeezed into the chamber")


def test_who_is_told_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    claims = {p.claim for p in _propositions(nlp, "Customers have been told that passwords were not taken.")}
    assert not any(claim.startswith("Customers said") for claim in claims), claims
    told_by = {p.claim for p in _propositions(nlp, "Customers were told by the company that passwords were not taken.")}
    assert any(claim.startswith("The company said") and "passwords were not taken" in claim for claim in told_by), told_by


def test_an_article_after_the_speaker_is_lowered() -> None:
    said = claim_text("A fire tore through a plastics plant", voice=Voice(speaker="Fire officials", verb="said"))
    assert said == "Fire officials said a fire tore through a plastics plant"
