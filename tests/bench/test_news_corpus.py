"""The generated news corpus: deterministic, and shaped like news (length, stories, copies, outlets)."""

from __future__ import annotations

from collections import Counter

from storyline.bench.news_corpus import make_corpus, words_in


def test_the_corpus_is_a_function_of_size_and_seed() -> None:
    assert make_corpus(50, seed=3) == make_corpus(50, seed=3)
    assert make_corpus(50, seed=3) != make_corpus(50, seed=4)


def test_the_corpus_has_the_shape_of_news() -> None:
    records = make_corpus(600)
    assert len(records) == 600 and len({record["url"] for record in records}) == 600
    assert 520 <= words_in(records) / len(records) <= 680
    stories = Counter(record["url"].rsplit("/", 1)[1].split("-")[0] for record in records)
    sizes = sorted(stories.values())
    assert sizes[len(sizes) // 2] <= 2 < sizes[-1]
    copies = sum(record["title"].startswith("UPDATE: ") for record in records)
    assert 0.03 * len(records) <= copies <= 0.15 * len(records)
    outlets = Counter(record["source"] for record in records)
    assert len(outlets) > 50 and outlets.most_common(1)[0][1] < 0.25 * len(records)
    dates = [record["date_publish"] for record in records]
    assert dates == sorted(dates)
