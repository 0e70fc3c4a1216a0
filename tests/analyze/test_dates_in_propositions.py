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
