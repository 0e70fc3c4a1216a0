"""Golden test: the facts of the two seed reports (E&T, Reuters) read as one story.

Each expected fact is located by keywords in the sentences that support an output fact;
its status and sources are checked, and no fact may be conflicting.
"""

from __future__ import annotations

import pytest

from storyline.corroborate import corroborate_story
from storyline.models import Fact, StoryAnalysis

ET = "E&T (The IET)"
REUTERS = "Reuters"

# (label, keywords that must all occur in one supporting sentence, status, sources)
EXPECTED = [
    ("pledge", ["signed", "cyber attacks"], "corroborated", {ET, REUTERS}),
    ("limited to economic espionage", ["intelligence gathering"], "corroborated", {ET, REUTERS}),
    ("negotiators", ["talks", "Wang Yongqing"], "corroborated", {ET, REUTERS}),
    ("official's quote", ["three or four years ago"], "corroborated", {ET, REUTERS}),
    ("accusations", ["accused", "Some countries"], "corroborated", {ET, REUTERS}),
    ("China's denial", ["accusations", "den"], "corroborated", {ET, REUTERS}),
    ("opposition's criticism", ["thoroughly"], "corroborated", {ET, REUTERS}),
    ("2015 precedent", ["2015", "similar"], "corroborated", {ET, REUTERS}),
    ("new cyber law", ["implemented", "cyber security"], "corroborated", {ET, REUTERS}),
    ("Hytera buys Norsat", ["Hytera", "Norsat"], "single-source", {REUTERS}),
    ("China also a victim", ["victim"], "single-source", {REUTERS}),
    ("breaches dropped", ["breaches", "dropped"], "single-source", {REUTERS}),
    ("Globe and Mail first reported", ["first reported"], "single-source", {REUTERS}),
    ("drone technology", ["drone"], "single-source", {ET}),
    ("data-storage security checks", ["security checks", "store data"], "single-source", {ET}),
]


@pytest.fixture(scope="module")
def story(seed_reports, seed_analyses) -> StoryAnalysis:  # type: ignore[no-untyped-def]
    return corroborate_story("seed", seed_reports, seed_analyses)


def _span_text(fact: Fact, bodies: dict[str, str]) -> list[str]:
    return [bodies[span.report][span.start : span.end] for span in fact.support]


def locate(story: StoryAnalysis, bodies: dict[str, str], keywords: list[str]) -> Fact:
    """The fact whose supporting clause holds every keyword; the best-supported one on ties."""
    found = [f for f in story.facts if any(all(k in text for k in keywords) for text in _span_text(f, bodies))]
    assert found, f"no fact found for {keywords}"
    return max(found, key=lambda f: len(f.reports))


@pytest.mark.parametrize(("label", "keywords", "status", "sources"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_expected_fact(story: StoryAnalysis, seed_reports, label: str, keywords: list[str], status: str, sources: set[str]) -> None:  # type: ignore[no-untyped-def]
    bodies = {r.id: r.body for r in seed_reports}
    fact = locate(story, bodies, keywords)
    assert fact.status == status, f"{label}: {fact.status} {fact.sources} {fact.text!r}"
    assert set(fact.sources) == sources, f"{label}: {fact.sources}"
    assert not fact.folded, f"{label}: folded as minor: {fact.text!r}"


def test_no_conflicts(story: StoryAnalysis) -> None:
    assert [f.text for f in story.facts if f.status == "conflicting"] == []


def test_citations_are_not_independent(story: StoryAnalysis, seed_reports) -> None:  # type: ignore[no-untyped-def]
    bodies = {r.id: r.body for r in seed_reports}
    quote = locate(story, bodies, ["three or four years ago"])
    assert "The Globe and Mail" in quote.origins
    assert REUTERS not in quote.independent_sources


def test_entities_are_canonical(story: StoryAnalysis) -> None:
    by_id = {e.id: e for e in story.entities}
    assert by_id["country:CN"].name == "China" and "Beijing" in by_id["country:CN"].aliases
    assert by_id["country:CA"].country == "CA" and "Ottawa" in by_id["country:CA"].aliases
    assert "person:trudeau" not in by_id and "Trudeau" in by_id["person:justin trudeau"].aliases
    assert by_id["person:andrew scheer"].role == "opposition"
    assert by_id["org:hytera communications"].role == "business"


def test_the_agreement_is_one_corroborated_fact(story: StoryAnalysis, seed_reports) -> None:  # type: ignore[no-untyped-def]
    bodies = {r.id: r.body for r in seed_reports}
    pledges = [f for f in story.facts if any("signed" in text and "cyber attacks" in text for text in _span_text(f, bodies))]
    assert len(pledges) == 1
    (pledge,) = pledges
    assert pledge.status == "corroborated" and set(pledge.sources) == {ET, REUTERS}
    assert "signed" in pledge.text and "China and Canada" in pledge.text


def test_no_fact_is_a_fragment(story: StoryAnalysis) -> None:
    pronouns = {"it", "he", "she", "they", "this", "these", "those", "its", "his", "their"}
    for fact in story.facts:
        words = fact.text.split()
        assert len(words) > 5, fact.text
        assert fact.text[0].isupper() or fact.text[0] in "“\"", fact.text
        assert words[0].lower() not in pronouns, fact.text


def test_reported_speech_keeps_its_speaker(story: StoryAnalysis) -> None:
    assert "China says it is also a victim of hacking" in [f.text for f in story.facts]


def test_the_main_event_leads(story: StoryAnalysis) -> None:
    assert "signed" in story.facts[0].text and story.facts[0].status == "corroborated"


def test_the_summary_draws_on_both_outlets_without_a_dangling_pronoun(story: StoryAnalysis) -> None:
    assert {s.citations[0] for s in story.summary} == {"et", "reuters"}
    assert all(s.text.split()[0].lower() not in {"it", "he", "she", "they", "this"} for s in story.summary)
