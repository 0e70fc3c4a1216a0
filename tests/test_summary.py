"""The story summary: extracted sentences, each backed by the reports it cites."""

from __future__ import annotations

import re

from storyline.corroborate import corroborate_story
from storyline.corroborate.summary import SUMMARY_SENTENCES, checkable_tokens, supported

_NAME_OR_NUMBER = re.compile(r"\b[A-Z][a-z][\w’'-]*|\b\d[\d,.]*\d\b|\b\d\b")


def test_checkable_tokens_are_names_and_numbers() -> None:
    tokens = checkable_tokens("In 2015, China and the United States came to a similar understanding.")
    assert {"2015", "china", "united", "states"} <= tokens
    assert "similar" not in tokens


def test_supported_needs_every_name_and_number() -> None:
    assert supported("China signed in 2015.", ["In 2015 China signed a deal."])
    assert not supported("China signed in 2016.", ["In 2015 China signed a deal."])


def test_seed_summary_is_cited_and_supported(seed_reports, seed_analyses) -> None:  # type: ignore[no-untyped-def]
    story = corroborate_story("seed", seed_reports, seed_analyses)
    assert 1 <= len(story.summary) <= SUMMARY_SENTENCES
    sentences = {(a.report, s.index): s.text for a in seed_analyses.values() for s in a.sentences}
    for item in story.summary:
        assert item.citations
        for report in item.citations:
            facts = [f for f in story.facts if report in f.reports]
            cited = [sentences[(s.report, s.sentence)] for f in facts for s in f.support if s.report == report]
            text = " ".join(cited)
            sentence_words = {m.group(0).lower() for m in _NAME_OR_NUMBER.finditer(item.text) if m.start() > 0}
            missing = [w for w in sentence_words if w not in text.lower()]
            assert not missing, (item.text, report, missing)
    first = story.summary[0].text
    assert "China" in first and "Canada" in first


def test_seed_summary_states_each_fact_once(seed_reports, seed_analyses) -> None:  # type: ignore[no-untyped-def]
    story = corroborate_story("seed", seed_reports, seed_analyses)
    texts = [s.text for s in story.summary]
    assert sum("three or four years ago" in t for t in texts) <= 1, texts
    supported_facts = [
        {f.id for f in story.facts for s in f.support if (s.report, s.sentence) == key}
        for key in (
            next((a.report, x.index) for a in seed_analyses.values() for x in a.sentences if x.text == t) for t in texts
        )
    ]
    for i, first in enumerate(supported_facts):
        for second in supported_facts[i + 1 :]:
            assert not first & second, texts


def test_no_summary_sentence_states_one_side_of_a_conflict() -> None:
    from storyline.corroborate.summary import summarize
    from storyline.models import ConflictValue, Fact, Report, ReportAnalysis, Sentence, Span

    texts = {"a": ["Twelve were hurt when the ferry hit the wharf.", "The ferry hit the wharf at noon."],
             "b": ["Fourteen were hurt when the ferry hit the wharf.", "The ferry hit the wharf at noon."]}
    reports = [Report(id=r, source=r.upper(), body=" ".join(t)) for r, t in texts.items()]
    analyses = []
    for report_id, lines in texts.items():
        sentences, start = [], 0
        for index, line in enumerate(lines):
            sentences.append(Sentence(index=index, start=start, end=start + len(line), text=line))
            start += len(line) + 1
        analyses.append(ReportAnalysis(report=report_id, sentences=tuple(sentences)))
    hit = Fact(id="hit", story="s", text="the ferry hit the wharf", status="corroborated", independent_sources=("A", "B"),
               reports=("a", "b"), support=tuple(Span(report=r, sentence=i, start=0, end=1) for r in "ab" for i in (0, 1)))
    hurt = Fact(id="hurt", story="s", text="people were hurt", status="conflicting", reports=("a", "b"),
                support=(Span(report="a", sentence=0, start=0, end=1), Span(report="b", sentence=0, start=0, end=1)),
                conflicts=(ConflictValue(value="12", sources=("A",)), ConflictValue(value="14", sources=("B",))))
    summary = summarize([hit, hurt], reports, analyses)
    assert [s.text for s in summary] == ["The ferry hit the wharf at noon."]


def test_a_sentence_of_a_few_words_or_a_lone_quote_mark_is_passed_over() -> None:
    from storyline.corroborate.summary import summarize
    from storyline.models import Fact, Report, ReportAnalysis, Sentence, Span

    lines = {"a": ["\u201d", "The ferry hit the wharf at noon on Monday."], "b": ["\u201d", "Nobody was hurt."]}
    reports = [Report(id=r, source=r.upper(), body=" ".join(t)) for r, t in lines.items()]
    analyses = [
        ReportAnalysis(report=r, sentences=tuple(Sentence(index=i, start=0, end=len(t), text=t) for i, t in enumerate(texts)))
        for r, texts in lines.items()
    ]
    quote = Fact(id="q", story="s", text="\u201d", status="corroborated", independent_sources=("A", "B"), reports=("a", "b"),
                 support=(Span(report="a", sentence=0, start=0, end=1), Span(report="b", sentence=0, start=0, end=1)))
    hit = Fact(id="hit", story="s", text="The ferry hit the wharf", status="single-source", independent_sources=("A",),
               reports=("a",), support=(Span(report="a", sentence=1, start=0, end=1),))
    short = Fact(id="short", story="s", text="Nobody was hurt", status="single-source", independent_sources=("B",),
                 reports=("b",), support=(Span(report="b", sentence=1, start=0, end=1),))
    summary = summarize([quote, hit, short], reports, analyses)
    assert [s.text for s in summary] == ["The ferry hit the wharf at noon on Monday."]
