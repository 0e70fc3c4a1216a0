from storyline.analyze import analyze_reports
from storyline.models import Report


def test_relative_days_resolve_against_the_publication_date(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The ferry struck the wharf on Sunday, the operator said. Repairs will begin on March 3."
    (analysis,) = analyze_reports([Report(id="r", body=body, published="2026-02-16 09:00:00")], nlp)
    dates = {d for p in analysis.propositions for d in p.dates}
    assert "2026-02-15" in dates
    assert "2026-03-03" in dates


def test_without_a_publication_date_weekdays_stay_words(nlp) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", body="The ferry struck the wharf on Sunday, the operator said.")], nlp)
    dates = {d for p in analysis.propositions for d in p.dates}
    assert "sunday" in dates


def test_relative_days_of_one_publication_day_align(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.corroborate import corroborate_story

    a = Report(id="a", source="Outlet A", body="The ferry Sound Spirit struck the wharf on Saturday afternoon.", published="2026-02-14 19:30:00")
    b = Report(id="b", source="Outlet B", body="The Sound Spirit struck the wharf at the end of a crossing on Saturday.", published="2026-02-14 21:05:00")
    analyses = {x.report: x for x in analyze_reports([a, b], nlp)}
    assert {d for x in analyses.values() for p in x.propositions for d in p.dates} == {"2026-02-14"}
    facts = corroborate_story("s", [a, b], analyses).facts
    assert any(f.status == "corroborated" and set(f.reports) == {"a", "b"} for f in facts)


def test_a_count_spanning_its_unit_keeps_the_unit(nlp) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", body="The fire has now burnt around 4,800 hectares.")], nlp)
    assert [(q.value, q.unit) for p in analysis.propositions for q in p.quantities] == [("4800", "hectare")]
