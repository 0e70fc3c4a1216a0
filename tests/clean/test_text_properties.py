"""Properties of text cleaning over any text (Hypothesis): it never raises and never invents text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.text import clean_text

LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(["Share this article", "Related stories", "By Jane Roe", "(Reporting by Jo Bloggs; Editing by Al Smith)",
                         "PORT ELLERY (Reuters) - The ferry left on Monday.", "Photo: AP", "Advertisement", "10:45 GMT",
                         "The council voted 9-3 on Tuesday night, officials said.", "北京市政府周一宣布了一项新的公共交通计划。"]),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(lines=LINES, title=st.sampled_from(["", "Ferry leaves port"]))
def test_cleaning_keeps_only_lines_of_its_input(lines: list[str], title: str) -> None:
    text = "\n".join(lines)
    cleaned = clean_text(text, title=title)
    originals = {line.strip() for line in text.split("\n") if line.strip()}
    paragraphs = [p for p in cleaned.body.split("\n\n") if p]
    for index, paragraph in enumerate(paragraphs):
        # The first paragraph may have lost its dateline ("PORT ELLERY (Reuters) - ").
        assert paragraph in originals or (index == 0 and any(line.endswith(paragraph) for line in originals)), paragraph
    assert cleaned.title in originals or cleaned.title == title
    assert set(cleaned.furniture) <= originals
    assert all(line in originals for line in cleaned.timestamps)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=3000))
def test_cleaning_is_deterministic(text: str) -> None:
    assert clean_text(text) == clean_text(text)
