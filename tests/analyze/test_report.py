"""Per-report analysis: sentences, entities, coreference, quotes and propositions."""

from __future__ import annotations

import json

from storyline.analyze import ReportAnalysis, analyze_reports
from storyline.models import Report


def _one(nlp, body: str):  # type: ignore[no-untyped-def]
    return analyze_reports([Report(id="r", source="Test", body=body)], nlp)[0]


def test_sentences_are_offsets_into_the_body(seed_reports, seed_analyses) -> None:  # type: ignore[no-untyped-def]
    for report in seed_reports:
        analysis = seed_analyses[report.id]
        assert analysis.sentences
        for sentence in analysis.sentences:
            assert report.body[sentence.start : sentence.end] == sentence.text
            assert "\n" not in sentence.text
        for proposition in analysis.propositions:
            assert 0 <= proposition.start < proposition.end <= len(report.body)


def test_a_quote_split_by_the_parser_stays_one_sentence(seed_analyses) -> None:  # type: ignore[no-untyped-def]
    texts = [s.text for s in seed_analyses["et"].sentences]
    assert any("three or four years ago [Beijing] would not even" in t for t in texts)


def test_analysis_round_trips_through_json(seed_analyses) -> None:  # type: ignore[no-untyped-def]
    for analysis in seed_analyses.values():
        data = json.loads(json.dumps(analysis.to_dict()))
        assert ReportAnalysis.from_dict(data) == analysis


def test_capitals_and_demonyms_become_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "Beijing denied the report. Ottawa allowed the sale. The Russian army moved troops into Syria.")
    by_id = {e.id: e for e in analysis.entities}
    assert by_id["country:CN"].role == "government"
    assert by_id["country:CA"].name == "Canada"
    assert by_id["country:RU"].role == "military"
    assert "country:SY" in by_id


def test_short_names_and_titles_join_the_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "Prime Minister Justin Trudeau met officials. Trudeau later said the talks went well.")
    people = [e for e in analysis.entities if e.kind == "person"]
    assert [p.id for p in people] == ["person:justin trudeau"]
    assert people[0].mentions == 2 and people[0].role == "government"


def test_pronoun_subject_is_resolved(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "Acme Corp reported record profits on Monday. It said demand for its engines had doubled.")
    doubled = next(p for p in analysis.propositions if "doubled" in p.text)
    assert doubled.attribution_entity == "org:acme"
    assert any(m.text == "It" and m.entity == "org:acme" for m in analysis.mentions)


def test_direct_quote_speaker_and_outlet(seed_analyses) -> None:  # type: ignore[no-untyped-def]
    quotes = seed_analyses["reuters"].quotes
    scheer = next(q for q in quotes if "appease" in q.text)
    assert scheer.direct and scheer.speaker_entity == "person:andrew scheer" and scheer.via == "CTV"
    official = next(q for q in quotes if "three or four years" in q.text)
    assert official.speaker == "an unnamed official" and official.via.endswith("Globe and Mail")


def test_reported_speech_and_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "Police arrested two men on Friday, according to Reuters. The ministry said the border would reopen.")
    arrested = next(p for p in analysis.propositions if "arrested" in p.text)
    assert arrested.origin == "Reuters"
    indirect = [q for q in analysis.quotes if not q.direct]
    assert indirect and indirect[0].speaker == "The ministry"


def test_clauses_and_examples_are_separate_propositions(seed_analyses) -> None:  # type: ignore[no-untyped-def]
    reuters = [p.text for p in seed_analyses["reuters"].propositions]
    assert any(t.startswith("China denies those accusations") for t in reuters)
    assert any("also a victim of hacking" in t and "denies" not in t for t in reuters)
    et = seed_analyses["et"].propositions
    drone = next(p for p in et if "drone" in p.text)
    assert drone.kind == "example"
    assert not any("drone" in p.text for p in et if p.kind == "clause")


def test_quantities_and_dates_are_normalised(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "About 1,200 people were evacuated on June 22, 2017, officials said.")
    proposition = next(p for p in analysis.propositions if "evacuated" in p.text)
    assert [(q.value, q.unit, q.approximate) for q in proposition.quantities] == [("1200", "person", True)]
    assert proposition.dates == ("2017-06-22",)
    assert proposition.attribution == "officials"


def test_continued_quotation_keeps_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.models import Report

    body = '"We are asking people to stay out of the fire ground until it is safe," Whitcombe told a news conference. "Houses can be rebuilt. People can\'t."'
    analysis = analyze_reports([Report(id="r", source="Outlet", body=body)], nlp)[0]
    quote = next(q for q in analysis.quotes if q.text.startswith("Houses"))
    assert quote.speaker == "Whitcombe"


def test_nobody_and_no_one_compare_equal(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.models import Report

    reports = [Report(id="a", source="A", body="No one has died in the fire."), Report(id="b", source="B", body="Nobody has died.")]
    first, second = (a.propositions[0] for a in analyze_reports(reports, nlp))
    assert "nobody" in first.terms and "nobody" in second.terms


def test_relative_clause_of_time_with_its_own_subject_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.models import Report

    body = "The fire was driven towards the town on a day when the temperature reached 41 degrees."
    texts = [p.text for p in analyze_reports([Report(id="r", source="A", body=body)], nlp)[0].propositions]
    assert "the temperature reached 41 degrees" in texts


def test_georgia_in_us_politics_is_the_state(nlp) -> None:  # type: ignore[no-untyped-def]
    state = _one(nlp, "The senator pressed Georgia's Republican governor to certify the count.")
    assert {e.id: e.country for e in state.entities}.get("place:georgia") == "US"
    country = _one(nlp, "Russian troops entered Georgia, and Tbilisi protested.")
    assert "country:GE" in {e.id for e in country.entities}


def test_a_verb_joined_to_one_inside_a_phrase_takes_no_actor_from_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = _one(nlp, "Governor Paul Reyes was acquitted on Monday of charges that he abused his office and obstructed the legislature.")
    obstructed = [p for p in analysis.propositions if p.action == "obstruct"]
    assert obstructed and all(not p.actor_entity for p in obstructed)
    joined = _one(nlp, "Canada condemned the attack on Monday, summoned the Iranian ambassador and demanded an apology.")
    assert {p.action: p.actor_entity for p in joined.propositions}.get("summon") == "country:CA"
