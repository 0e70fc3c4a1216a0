"""Clause splitting: which participles and sentence pairs state claims of their own."""

from __future__ import annotations

from storyline.analyze import analyze_reports
from storyline.models import Proposition, Report


def _propositions(nlp, body: str) -> list[Proposition]:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", source="Test", body=body)], nlp)
    return list(analysis.propositions)


def test_a_trailing_participle_with_an_object_is_its_own_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "Hackers stole the personal data of about 2.3 million workers, sending its shares down 11%.")
    consequence = next(p for p in found if p.text.startswith("sending"))
    assert ("11", "percent") in [(q.value, q.unit) for q in consequence.quantities]
    assert all("sending" not in p.text for p in found if p is not consequence)


def test_a_participle_modifier_with_an_object_is_its_own_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "A ferry carrying 230 passengers hit a wharf in high winds.")
    carrying = next(p for p in found if "carrying 230 passengers" in p.text)
    assert carrying.text.startswith("ferry") or carrying.text.startswith("A ferry")
    assert all("230" not in p.text for p in found if p is not carrying)


def test_a_bare_participle_modifier_stays_with_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "The company is recalling 41,000 insulin pens sold in Canada and New Zealand.")
    assert len(found) == 1 and "sold in Canada" in found[0].text


def test_a_sentence_opening_with_a_nominalization_spans_the_event_it_names(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The covered bridge will close to all traffic from March 2. The closure is expected to last about four months."
    closure = next(p for p in _propositions(nlp, body) if "closure" in p.text)
    assert body[closure.start :].startswith("The covered bridge will close")
    assert closure.sentence == 1


def test_an_unrelated_definite_subject_keeps_its_own_span(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The covered bridge will close to all traffic from March 2. The township has set aside $2 million."
    township = next(p for p in _propositions(nlp, body) if "township" in p.text)
    assert body[township.start :].startswith("The township")


def test_they_refers_back_to_a_plural_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    body = ("Quillon Systems said hackers stole payroll data. Payroll managers at several clients told the paper "
            "they had learned of the breach from their own employees.")
    learned = next(p for p in _propositions(nlp, body) if "learned" in p.text)
    assert learned.actor.startswith("Payroll managers") and "org:quillon systems" not in learned.actor_entity


def test_a_participle_set_off_by_commas_naming_its_agent_is_its_own_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "The vessel, operated by Carrick Sound Ferries, was carrying 230 passengers.")
    operated = next(p for p in found if "operated by" in p.text)
    assert operated.text == "The vessel operated by Carrick Sound Ferries"
    assert operated.actor == "Carrick Sound Ferries" and operated.object == "The vessel"
    carrying = next(p for p in found if "carrying" in p.text)
    assert carrying.text == "The vessel was carrying 230 passengers"


def test_a_participle_telling_which_thing_is_meant_stays_with_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "Investigators have focused on a line owned by Western Plains Power near the town.")
    assert len(found) == 1 and "owned by Western Plains Power" in found[0].text


def test_no_before_a_noun_is_the_absence_two_reports_agree_on(nlp) -> None:  # type: ignore[no-untyped-def]
    (linked,) = _propositions(nlp, "No deaths had been linked to the fault.")
    (reported,) = _propositions(nlp, "No deaths have been reported.")
    assert "no die" in linked.terms and "no die" in reported.terms
    assert "no die" in linked.core


def test_a_passive_relative_clause_is_about_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _propositions(nlp, "The recall covers six batches of the Dosera pen, which is used by people with diabetes.")
    used = next(p for p in found if "used by" in p.text)
    assert used.text.startswith("the Dosera pen is used by people")


def test_an_infinitive_completing_a_verb_stays_in_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The company recalled 41,000 pens after finding that a faulty dial could cause patients to receive less insulin."
    texts = [p.text for p in _propositions(nlp, body)]
    assert "a faulty dial could cause patients to receive less insulin" in texts
    assert not any(text.endswith(("finding", "after")) for text in texts)


def test_a_bare_participle_completing_a_verb_stays_in_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "Residents began returning home on Thursday, with many finding their houses standing."
    texts = [p.text for p in _propositions(nlp, body)]
    assert any(text.endswith("with many finding their houses standing") for text in texts), texts
    assert "their houses standing" not in texts


def test_a_noun_the_tagger_reads_as_a_verb_stays_in_its_list(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "Many found their houses standing but their paddocks, fences and sheds gone."
    texts = [p.text for p in _propositions(nlp, body)]
    assert any("paddocks, fences and sheds" in text for text in texts), texts


def test_words_either_side_of_a_line_break_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The number of Rams players on injured reserve\n\nStanley tore a ligament in his left knee in the loss to Seattle."
    (analysis,) = analyze_reports([Report(id="r", body=body)], nlp)
    slots = [text for p in analysis.propositions for text in (p.text, p.actor)]
    assert slots and not any("reserveStanley" in text for text in slots)
    assert any("reserve Stanley" in text for text in slots)
