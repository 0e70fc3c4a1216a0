"""Corroboration: unit checks on hand-made analyses, and the example corpus as a second golden test."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.corroborate import corroborate_story
from storyline.models import Proposition, Quantity, Report, ReportAnalysis, Sentence, StoryAnalysis

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
# Share of answer-key facts whose status may be missed on the example corpus. Recorded
# floor: 11 of 100 missed by this test's matching (12 before the staff/close/advise synonym
# families and counts read after determiners or "be", 14 before kind-free entity terms and
# shared-count anchors, 22 before core-clause alignment, negation normalisation and
# relative/absolute clause splits; the pipeline evaluation in
# tests/evaluation/test_eval_facts.py, which also reads quotation speakers, counts 6).
# Lower it when alignment improves.
MAX_STATUS_MISS_RATE = 0.12


def _proposition(index: int, text: str, terms: tuple[str, ...], quantities: tuple[Quantity, ...] = ()) -> Proposition:
    return Proposition(index=index, sentence=index, start=0, end=len(text), text=text, terms=terms, quantities=quantities)


def _analysis(report: str, *propositions: Proposition) -> ReportAnalysis:
    return ReportAnalysis(
        report=report,
        sentences=tuple(Sentence(index=p.sentence, start=p.start, end=p.end, text=p.text) for p in propositions),
        propositions=propositions,
    )


INJURED = ("passenger", "injure", "ferry", "wharf", "@:place:tarrant point")


def test_different_numbers_for_the_same_fact_conflict() -> None:
    a = Report(id="a", source="Outlet A", body="Twelve passengers were injured.", published="2026-02-14T10:00:00")
    b = Report(id="b", source="Outlet B", body="Fourteen passengers were injured.", published="2026-02-14T12:00:00")
    analyses = {
        "a": _analysis("a", _proposition(0, a.body, INJURED + ("#12",), (Quantity(value="12", unit="passenger", text="Twelve"),))),
        "b": _analysis("b", _proposition(0, b.body, INJURED + ("#14",), (Quantity(value="14", unit="passenger", text="Fourteen"),))),
    }
    story = corroborate_story("s", [a, b], analyses)
    assert len(story.facts) == 1
    fact = story.facts[0]
    assert fact.status == "conflicting" and fact.slot == "quantities"
    assert {v.sources for v in fact.conflicts} == {("Outlet A",), ("Outlet B",)}


def test_growing_figures_on_later_days_are_not_conflicts() -> None:
    a = Report(id="a", source="Outlet A", body="The fire burnt 3,100 hectares.", published="2026-01-14T10:00:00")
    b = Report(id="b", source="Outlet B", body="The fire burnt 4,800 hectares.", published="2026-01-15T10:00:00")
    terms = ("fire", "burn", "hectare", "@:place:kellerby")
    analyses = {
        "a": _analysis("a", _proposition(0, a.body, terms, (Quantity(value="3100", unit="hectare", text="3,100"),))),
        "b": _analysis("b", _proposition(0, b.body, terms, (Quantity(value="4800", unit="hectare", text="4,800"),))),
    }
    fact = corroborate_story("s", [a, b], analyses).facts[0]
    assert fact.status == "corroborated"


def _counted(report: Report, terms: tuple[str, ...], *quantities: Quantity, actor: str = "") -> ReportAnalysis:
    proposition = replace(_proposition(0, report.body, terms, quantities), actor_entity=actor)
    return _analysis(report.id, proposition)


def test_a_part_and_a_whole_in_one_clause_do_not_conflict_with_either() -> None:
    # "four of their first five drives" gives two counts of drives, neither the fact's count.
    a, b = _two_reports()
    terms = ("jaguars", "score", "drive", "first", "touchdown")
    four, five, two = (Quantity(value=v, unit="drive", text=v) for v in ("4", "5", "2"))
    analyses = {"a": _counted(a, terms, four, five), "b": _counted(b, terms, two)}
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)


def test_a_count_of_the_rest_does_not_conflict_with_the_whole() -> None:
    a = Report(id="a", source="Outlet A", body="Commandos seized seven AK-47 rifles and two other rifles from the pirates.")
    b = Report(id="b", source="Outlet B", body="Nine rifles were seized from the pirates.")
    terms = ("commando", "seize", "rifle", "pirate", "navy")
    analyses = {
        "a": _analysis("a", _proposition(0, a.body, terms, (Quantity(value="2", unit="rifle", text="two"),))),
        "b": _analysis("b", _proposition(0, b.body, terms, (Quantity(value="9", unit="rifle", text="Nine"),))),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)


def test_counts_of_different_people_do_not_conflict() -> None:
    a, b = _two_reports()
    terms = ("score", "point", "bench", "creighton", "game")
    analyses = {
        "a": _counted(a, terms, Quantity(value="14", unit="point", text="14"), actor="person:will artino"),
        "b": _counted(b, terms, Quantity(value="7", unit="point", text="seven"), actor="person:richard carter"),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)
    analyses["b"] = _counted(b, terms, Quantity(value="7", unit="point", text="seven"), actor="person:artino")
    assert [f.status for f in corroborate_story("s", [a, b], analyses).facts] == ["conflicting"]


def test_sums_in_different_currencies_do_not_conflict() -> None:
    a, b = _two_reports()
    terms = ("robbery", "jewellery", "worth", "cannes", "hotel")
    pounds = Quantity(value="88000000", unit="money", text="£88m")
    analyses = {"a": _counted(a, terms, pounds), "b": _counted(b, terms, Quantity(value="103000000", unit="money", text="€103 million"))}
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)
    analyses["b"] = _counted(b, terms, Quantity(value="103000000", unit="money", text="£103 million"))
    assert [f.status for f in corroborate_story("s", [a, b], analyses).facts] == ["conflicting"]


def test_a_copy_is_not_independent() -> None:
    original = Report(id="o", source="Wire", body="The plant closed.")
    copy = Report(id="c", source="Paper", body="The plant closed.", copy_of="o")
    terms = ("plant", "close", "@:org:acme")
    analyses = {r.id: _analysis(r.id, _proposition(0, r.body, terms)) for r in (original, copy)}
    fact = corroborate_story("s", [original, copy], analyses).facts[0]
    assert fact.status == "single-source"
    assert set(fact.sources) == {"Wire", "Paper"} and fact.independent_sources == ("Wire",)


def test_corroborate_is_pure_and_serialisable() -> None:
    from storyline.models import from_dict, to_dict

    a = Report(id="a", source="A", body="The plant closed.")
    analyses = {"a": _analysis("a", _proposition(0, a.body, ("plant", "close")))}
    first = corroborate_story("s", [a], analyses)
    assert first == corroborate_story("s", [a], analyses)
    assert from_dict(StoryAnalysis, json.loads(json.dumps(to_dict(first)))) == first


# The example corpus ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(nlp):  # type: ignore[no-untyped-def]
    from storyline.analyze import analyze_reports
    from storyline.clean.text import clean_text

    if not (EXAMPLES / "answer_key.json").exists():
        pytest.skip(f"needs the example corpus at {EXAMPLES}")
    key = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))
    copy_of = {c["copy"]: c["original"] for c in key["copies"]}
    reports = {}
    for line in (EXAMPLES / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cleaned = clean_text(row["text"], title=row["title"])
        reports[row["url"]] = Report(
            id=row["url"], source=row["source"], source_domain=row["source_domain"], url=row["url"], title=row["title"],
            published=row["date_publish"].replace(" ", "T"), dateline=cleaned.dateline, body=cleaned.body,
            copy_of=copy_of.get(row["url"], ""),
        )
    analyses = {a.report: a for a in analyze_reports(list(reports.values()), nlp)}
    stories = {
        story["id"]: corroborate_story(story["id"], [reports[u] for u in story["reports"]], analyses)
        for story in key["stories"]
    }
    return key, reports, analyses, stories


def _matching(story: StoryAnalysis, analyses, keywords: list[str], expected: set[str]):  # type: ignore[no-untyped-def]
    def sentence(span):  # type: ignore[no-untyped-def]
        return analyses[span.report].sentences[span.sentence].text

    candidates = [f for f in story.facts if any(all(k in sentence(s) for k in keywords) for s in f.support)]

    def score(fact):  # type: ignore[no-untyped-def]
        hits = {s.report for s in fact.support if all(k in sentence(s) for k in keywords)}
        return (len(hits & expected), -len(set(fact.reports) - expected))

    return max(candidates, key=score, default=None)


def test_example_fact_statuses(corpus) -> None:  # type: ignore[no-untyped-def]
    key, _reports, analyses, stories = corpus
    missed = []
    for expected in key["facts"]:
        fact = _matching(stories[expected["story"]], analyses, expected["keywords"], set(expected["reports"]))
        if fact is None or fact.status != expected["status"]:
            missed.append(expected["text"])
    assert len(missed) <= MAX_STATUS_MISS_RATE * len(key["facts"]), missed


def test_example_planted_conflict_is_the_only_one(corpus) -> None:  # type: ignore[no-untyped-def]
    key, _reports, _analyses, stories = corpus
    planted = key["conflicts"][0]
    found = [(sid, f) for sid, story in stories.items() for f in story.facts if f.status == "conflicting"]
    assert [sid for sid, _ in found] == [planted["story"]]
    fact = found[0][1]
    values = {v.reports: v.value for v in fact.conflicts}
    for expected in planted["values"]:
        assert values[tuple(expected["reports"])].split()[0] == expected["value"]


def test_example_copies_count_as_their_original(corpus) -> None:  # type: ignore[no-untyped-def]
    key, reports, _analyses, stories = corpus
    copy_outlets = {reports[c["copy"]].source for c in key["copies"]}
    original = reports[key["copies"][0]["original"]]
    story = next(s for s in stories.values() if any(original.id in f.reports for f in s.facts))
    for fact in story.facts:
        assert not copy_outlets & set(fact.independent_sources), fact.text


def test_example_citations_credit_the_cited_outlet(corpus) -> None:  # type: ignore[no-untyped-def]
    key, _reports, _analyses, stories = corpus
    credited = 0
    for citation in key["citations"]:
        for story in stories.values():
            for fact in story.facts:
                if citation["report"] in fact.reports and citation["cites"] in fact.origins:
                    credited += 1
                    break
    assert credited >= len(key["citations"]) - 1


def _said(index: int, text: str, speaker: str, terms: tuple[str, ...]) -> Proposition:
    return Proposition(
        index=index, sentence=index, start=0, end=len(text), text=text, kind="quote", action="say",
        attribution=speaker.split(":", 1)[1].title(), attribution_entity=speaker, entities=(speaker,), terms=terms + (f"@:{speaker}",),
    )


def _quoted(report: str, proposition: Proposition, said: str) -> ReportAnalysis:
    """An analysis whose one sentence is the quotation followed by `said` ("Sam Oduya said")."""
    sentence = Sentence(index=proposition.sentence, start=0, end=len(proposition.text), text=f'"{proposition.text}," {said}.')
    return ReportAnalysis(report=report, sentences=(sentence,), propositions=(proposition,))


ANSWERS = ("want", "answer", "blame", "people", "here", "inquiry")


def _two_reports() -> tuple[Report, Report]:
    return (
        Report(id="a", source="Outlet A", body="x", published="2026-02-14T10:00:00"),
        Report(id="b", source="Outlet B", body="x", published="2026-02-14T12:00:00"),
    )


def test_different_speakers_of_one_quote_conflict() -> None:
    a, b = _two_reports()
    analyses = {
        "a": _quoted("a", _said(0, "People here want answers, not blame", "person:sam oduya", ANSWERS), "Sam Oduya said"),
        "b": _quoted("b", _said(0, "People here want answers, not blame", "person:lena marsh", ANSWERS), "said Lena Marsh"),
    }
    facts = corroborate_story("s", [a, b], analyses).facts
    assert [f.slot for f in facts if f.status == "conflicting"] == ["speaker"]


def test_a_speaker_resolved_from_a_pronoun_conflicts_with_nobody() -> None:
    # "..., he said": the name is the analysis's inference, not the report's word.
    a, b = _two_reports()
    analyses = {
        "a": _quoted("a", _said(0, "People here want answers, not blame", "person:sam oduya", ANSWERS), "Sam Oduya said"),
        "b": _quoted("b", _said(0, "People here want answers, not blame", "person:lena marsh", ANSWERS), "she said"),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)


def test_two_officials_reporting_one_claim_do_not_conflict() -> None:
    # Reported speech, not a quotation: both may well have said it.
    a, b = _two_reports()
    analyses = {
        "a": _quoted("a", replace(_said(0, "No one was hurt", "person:james steele", ANSWERS), kind="clause"), "James Steele said"),
        "b": _quoted("b", replace(_said(0, "No one was hurt", "person:larry kroon", ANSWERS), kind="clause"), "Larry Kroon said"),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("person:brian nichols", "person:brian g. nichols", True),
        ("person:w. mark felt", "person:william mark felt", True),
        ("person:a.j. butler", "person:aj butler", True),
        ("person:ilene wolfe", "person:ilene wolff", True),
        ("person:john", "person:john jenkin", True),
        ("person:fred larue", "person:frederick cheney larue", True),
        ("person:oduya", "person:sam oduya", True),
        ("person:joan felt", "person:w. mark felt", False),
        ("person:kathryn jenkin", "person:john jenkin", False),
        ("person:sam oduya", "person:lena marsh", False),
        ("person:ann lee", "person:ann lea", False),
    ],
)
def test_names_of_one_person(first: str, second: str, same: bool) -> None:
    from storyline.corroborate.entities import same_person

    assert same_person(first, second) is same
    assert same_person(second, first) is same


def test_a_surname_and_a_full_name_or_a_detail_word_do_not_conflict() -> None:
    a = Report(id="a", source="Outlet A", body="x", published="2026-02-14T10:00:00")
    b = Report(id="b", source="Outlet B", body="x", published="2026-02-14T12:00:00")
    terms = ("freeze", "goods", "court", "order")
    analyses = {
        "a": _analysis("a", _said(0, "The court froze his goods", "person:sam oduya", terms)),
        "b": _analysis("b", _said(0, "The court froze his assets", "person:oduya", terms[:1] + ("assets",) + terms[2:])),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)


def test_different_counts_on_a_loose_match_are_separate_facts() -> None:
    from storyline.corroborate.align import align

    first = _proposition(0, "310,000 people had data stolen", ("person", "data", "steal", "@:org:quillon", "canadian", "#310000"),
                         (Quantity(value="310000", unit="person", text="310,000"),))
    second = _proposition(1, "2.3 million people had data stolen", ("person", "steal", "@:org:quillon", "british", "worker", "payroll", "#2300000"),
                          (Quantity(value="2300000", unit="person", text="2.3 million"),))
    assert align([first, second], ["a", "b"]) == [[0], [1]]


def test_core_clauses_align_despite_subordinate_detail() -> None:
    from dataclasses import replace

    from storyline.corroborate.align import align

    first = replace(_proposition(0, "The company detected the intrusion on February 9", ("company", "detect", "intrusion", "#2026-02-09")),
                    core=("company", "detect", "intrusion", "#2026-02-09"))
    second = replace(
        _proposition(1, "The company detected the intrusion on February 9 and notified regulators in three countries",
                     ("company", "detect", "intrusion", "#2026-02-09", "notify", "regulator", "country", "three", "state", "canada")),
        core=("company", "detect", "intrusion", "#2026-02-09"),
    )
    assert align([first, second], ["a", "b"]) == [[0, 1]]


def test_one_name_typed_differently_by_two_reports_still_aligns() -> None:
    from storyline.corroborate.align import comparable_terms

    assert comparable_terms(("@:place:tarrant point", "wharf")) == comparable_terms(("@:org:tarrant point", "wharf"))
    assert comparable_terms(("@:place:dellbrook", "dellbrook", "plant")) == ("@:dellbrook", "plant")


def test_a_shared_distinctive_count_anchors_two_clauses() -> None:
    a = Report(id="a", source="Outlet A", body="About 60 firefighters were tackling the blaze.", published="2026-02-03T10:00:00")
    b = Report(id="b", source="Outlet B", body="Around 60 firefighters and 12 engines were sent.", published="2026-02-03T12:00:00")
    sixty = Quantity(value="60", unit="firefighter", text="About 60", approximate=True)
    analyses = {
        "a": _analysis("a", _proposition(0, a.body, ("firefighter", "tackle", "blaze", "#60"), (sixty,))),
        "b": _analysis("b", _proposition(0, b.body, ("firefighter", "engine", "send", "#60", "#12"),
                                         (sixty, Quantity(value="12", unit="engine", text="12")))),
    }
    (fact,) = corroborate_story("s", [a, b], analyses).facts
    assert fact.status == "corroborated"


def test_weekdays_resolved_on_different_publication_days_are_not_conflicts() -> None:
    a = Report(id="a", source="Outlet A", body="The centre was housing 300 people on Wednesday.", published="2026-01-14T10:00:00")
    b = Report(id="b", source="Outlet B", body="The centre was housing 300 people on Thursday.", published="2026-01-15T10:00:00")
    terms = ("centre", "house", "person", "@:place:kellerby", "#300")
    people = (Quantity(value="300", unit="person", text="300"),)
    analyses = {
        "a": _analysis("a", replace(_proposition(0, a.body, terms + ("#2026-01-14",), people), dates=("2026-01-14",), time="Wednesday")),
        "b": _analysis("b", replace(_proposition(0, b.body, terms + ("#2026-01-15",), people), dates=("2026-01-15",), time="Thursday")),
    }
    facts = corroborate_story("s", [a, b], analyses).facts
    assert all(f.status != "conflicting" for f in facts)


def test_a_shared_score_anchors_two_differently_worded_clauses() -> None:
    from storyline.corroborate.align import align

    score = (Quantity(value="9-3", unit="score", text="9-3"),)
    first = _proposition(0, "Councillors approved the project 9-3 at a packed meeting", ("councillor", "approve", "project", "packed", "meeting", "#9-3"), score)
    second = _proposition(1, "It took four hours and a 9-3 vote", ("take", "hour", "vote", "twelve", "year", "#9-3"), score)
    assert align([first, second], ["a", "b"]) == [[0, 1]]
    other = _proposition(1, "It took four hours and an 8-4 vote", ("take", "hour", "vote", "twelve", "year", "#8-4"),
                         (Quantity(value="8-4", unit="score", text="8-4"),))
    assert align([first, other], ["a", "b"]) == [[0], [1]]


def test_a_clause_bundling_two_facts_supports_both() -> None:
    import numpy as np

    from storyline.corroborate.align import attach_bundled

    linked = np.array([[1.0, 0.8, 0.4, 0.5], [0.8, 1.0, 0.4, 0.1], [0.4, 0.4, 1.0, 0.0], [0.5, 0.1, 0.0, 1.0]], dtype=np.float32)
    groups = [[0, 1], [2], [3]]
    # Clause 2 (report c) links to both members of the first fact: it supports it too.
    # Clause 3 (report d) links to one member only: it does not.
    result = attach_bundled(groups, linked, ["a", "b", "c", "d"], lambda i, j: True)
    assert result == [[0, 1, 2], [2], [3]]
    assert attach_bundled(groups, linked, ["a", "b", "c", "d"], lambda i, j: False) == groups


def test_a_name_recognised_in_one_report_is_recovered_in_another() -> None:
    from storyline.corroborate.entities import recover_names

    named = _proposition(0, "The ferry Sound Spirit struck the wharf", ("ferry", "@:group:sound spirit", "strike", "wharf"))
    plain = _proposition(1, "The Sound Spirit struck the wharf at the end of a crossing", ("sound", "spirit", "strike", "wharf", "crossing"))
    unrelated = _proposition(2, "A spirit of sound judgment prevailed", ("spirit", "sound", "judgment", "prevail"))
    result = recover_names([named, plain, unrelated])
    assert "@:group:sound spirit" in result[1].terms
    assert result[0] == named and result[2] == unrelated


def test_weekdays_from_reports_of_unknown_day_are_not_conflicts() -> None:
    a = Report(id="a", source="Outlet A", body="The centre opened on Wednesday.")
    b = Report(id="b", source="Outlet B", body="The centre opened on Thursday.")
    terms = ("centre", "open", "evacuation", "@:place:kellerby")
    analyses = {
        "a": _analysis("a", replace(_proposition(0, a.body, terms), dates=("wednesday",), time="Wednesday")),
        "b": _analysis("b", replace(_proposition(0, b.body, terms), dates=("thursday",), time="Thursday")),
    }
    assert all(f.status != "conflicting" for f in corroborate_story("s", [a, b], analyses).facts)
    dated = {r.id: replace(r, published="2026-01-14T10:00:00") for r in (a, b)}
    assert [f.status for f in corroborate_story("s", list(dated.values()), analyses).facts] == ["conflicting"]


def test_years_from_reports_of_unknown_day_still_conflict() -> None:
    # "for several years" is written relative to something, but the years themselves are not.
    a = Report(id="a", source="Outlet A", body="He worked the oil field for several years, until it was sold in 1957.")
    b = Report(id="b", source="Outlet B", body="He worked the oil field for several years, until it was sold in 1967.")
    terms = ("work", "sell", "oil", "field", "@:person:frederick larue")
    analyses = {
        "a": _analysis("a", replace(_proposition(0, a.body, terms), dates=("1957",), time="several years; 1957")),
        "b": _analysis("b", replace(_proposition(0, b.body, terms), dates=("1967",), time="several years; 1967")),
    }
    (fact,) = corroborate_story("s", [a, b], analyses).facts
    assert (fact.status, fact.slot) == ("conflicting", "time")


def test_one_person_keyed_two_ways_by_two_reports_gets_one_key() -> None:
    from storyline.corroborate.entities import unify_people

    died = _proposition(0, "Gigante died in prison", ("@:person:gigante", "die", "prison"))
    full = _proposition(1, "Vincent Gigante died in a federal prison", ("@:person:vincent gigante", "die", "federal", "prison"))
    unified = unify_people([died, full])
    assert unified[0].terms == ("@:person:vincent gigante", "die", "prison")
    assert unified[1].terms == full.terms


def test_a_surname_two_people_share_keeps_its_key() -> None:
    from storyline.corroborate.entities import unify_people

    died = _proposition(0, "Gigante died in prison", ("@:person:gigante", "die", "prison"))
    vincent = _proposition(1, "Vincent Gigante ran the family", ("@:person:vincent gigante", "run", "family"))
    louis = _proposition(2, "Louis Gigante is a priest", ("@:person:louis gigante", "priest"))
    assert unify_people([died, vincent, louis])[0].terms == died.terms


@pytest.mark.parametrize(
    ("place", "level"),
    [("place:97th avenue", "street"), ("place:newton street", "street"), ("place:tennessee", "region"), ("place:cumbria", "region"),
     ("place:nashville", "locality"), ("place:richmond hill", "locality"), ("place:mediterranean sea", "water"),
     ("place:mediterranean", "water"), ("place:alexandria", "locality")],
)
def test_places_are_compared_only_at_one_level(place: str, level: str) -> None:
    from storyline.corroborate.conflicts import place_level

    assert place_level(place) == level


def test_a_clause_with_its_subject_names_the_fact_over_a_bare_participle() -> None:
    terms = ("kill", "person", "courthouse", "escape", "#4")
    count = (Quantity(value="4", unit="person", text="four"),)
    bare = _proposition(0, "killing four people during a courthouse escape", terms, count)
    whole = replace(_proposition(0, "The man killed four people during a courthouse escape", terms, count), actor="The man")
    reports = [Report(id="a", body=bare.text, source="Tamsin Bay Courier"), Report(id="b", body=whole.text, source="Coastline Daily")]
    story = corroborate_story("s", reports, {"a": _analysis("a", bare), "b": _analysis("b", whole)})
    shared = [fact for fact in story.facts if len(fact.reports) == 2]
    assert len(shared) == 1 and shared[0].text.startswith("The man killed four people")
