"""Sources are outlets: one canonical name per outlet; a person or agency is a speaker, not a source."""

from __future__ import annotations

from storyline.corroborate.facts import canonical_outlet, proposition_origin, report_outlet
from storyline.models import Proposition, Report


def test_one_outlet_one_name_across_its_domains_and_aliases() -> None:
    assert canonical_outlet("foxnews.com") == canonical_outlet("insider.foxnews.com") == canonical_outlet("Fox News") == "Fox News"
    assert canonical_outlet("nytimes") == "The New York Times"
    assert canonical_outlet("Tamsin Bay Courier") == "Tamsin Bay Courier"  # unknown: kept as given
    assert report_outlet(Report(id="r", source="foxnews.com", body="x")) == "Fox News"


def _cited(origin: str) -> Proposition:
    return Proposition(index=0, sentence=0, start=0, end=1, text="x", origin=origin)


def test_a_person_taken_for_an_outlet_is_no_source() -> None:
    report = Report(id="r", source="Outlet A", body="x")
    assert proposition_origin(_cited("Gowdy"), report, "Outlet A") == "Outlet A"
    assert proposition_origin(_cited("Department of Public Health"), report, "Outlet A") == "Outlet A"


def test_a_cited_outlet_counts_when_known_or_in_the_story() -> None:
    report = Report(id="r", source="Outlet A", body="x")
    assert proposition_origin(_cited("the Globe and Mail"), report, "Outlet A") == "The Globe and Mail"
    story = frozenset({"radio tallis news", "outlet a"})
    assert proposition_origin(_cited("Radio Tallis News"), report, "Outlet A", story) == "Radio Tallis News"
