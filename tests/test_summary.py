"""The story summary: extracted sentences, each backed by the reports it cites."""

from __future__ import annotations

import re

from storyline.corroborate import corroborate_story
from storyline.summary import SUMMARY_SENTENCES, checkable_tokens, supported

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
