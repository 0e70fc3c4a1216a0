"""Which facts a story shows first and which it folds as minor (corroborate/salience.py)."""

from __future__ import annotations

from storyline.corroborate.salience import SHOWN_AT_LEAST, rank_and_fold
from storyline.models import Fact


def _fact(fact_id: str, text: str, reports: tuple[str, ...], *, actor: str = "") -> Fact:
    status = "corroborated" if len(reports) > 1 else "single-source"
    return Fact(id=fact_id, story="s", text=text, status=status, actor=actor, reports=reports, sources=reports)


STORY = [
    _fact("lead", "Ottawa allowed Hytera Communications to buy the satellite firm Norsat", ("reuters",), actor="Ottawa"),
    _fact("shared", "China and Canada signed a pledge against economic cyber espionage", ("reuters", "et"), actor="China"),
    _fact("chant", "The crowd sang the same chants", ("et",), actor="The crowd"),
    _fact(
        "specific",
        "Canadian officials said China and Canada will hold talks on cyber espionage in Ottawa in September 2017",
        ("et",),
        actor="Canadian officials",
    ),
]


def test_the_lead_and_shared_facts_come_first_and_stay_shown() -> None:
    ranked = rank_and_fold(STORY)
    assert [f.id for f in ranked[:2]] == ["lead", "shared"]
    assert not ranked[0].folded and not ranked[1].folded


def test_a_vague_aside_is_folded_and_a_specific_claim_on_the_story_is_shown() -> None:
    by_id = {f.id: f for f in rank_and_fold(STORY)}
    assert by_id["chant"].folded
    assert not by_id["specific"].folded
    ranked = [f.id for f in rank_and_fold(STORY)]
    assert ranked.index("specific") < ranked.index("chant")


def test_single_source_facts_beyond_the_budget_are_folded_best_kept() -> None:
    lead = STORY[1]
    extra = [
        _fact(f"f{i}", f"Canadian officials said China bought {i} satellite firms in Ottawa and Toronto in 2017", ("et",),
              actor="Canadian officials")
        for i in range(SHOWN_AT_LEAST + 5)
    ]
    ranked = rank_and_fold([lead, *extra])
    shown = [f for f in ranked if not f.folded]
    assert len(shown) == 1 + SHOWN_AT_LEAST
    assert all(f.folded for f in ranked[len(shown):])


def test_every_fact_is_kept_once() -> None:
    ranked = rank_and_fold(STORY)
    assert sorted(f.id for f in ranked) == sorted(f.id for f in STORY)
