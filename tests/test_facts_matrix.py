"""The story page's facts matrix: a copy's cell names the original's outlet."""

from __future__ import annotations

from storyline.views import REPORTED, facts_matrix


def test_a_wire_copys_cell_says_whose_copy_it_is() -> None:
    detail = {
        "sources": ["Reuters", "Daily Post"],
        "reports": [
            {"id": "r1", "source": "Reuters", "copy_of": ""},
            {"id": "r2", "source": "Daily Post", "copy_of": "r1"},
        ],
        "facts": [
            {"id": "f", "text": "The deal was signed.", "status": "single-source", "sources": ["Reuters", "Daily Post"],
             "independent_sources": ["Reuters"], "conflicts": []},
        ],
    }
    (row,) = facts_matrix(detail)["rows"]
    reuters, post = row["cells"]
    assert reuters["state"] == post["state"] == REPORTED
    assert reuters["copy_of"] == "" and post["copy_of"] == "Reuters"
