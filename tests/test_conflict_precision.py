"""Conflicts precision first: values disagree only as values of one slot of one claim.

Each case is one the reading of ECB+ conflicts found listed wrongly (docs/conflicts-reading.md),
reduced to two reports; the first case is a real disagreement that must stay listed.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.corroborate import corroborate_story
from storyline.corroborate.conflicts import bound, same_predicate
from storyline.models import Proposition, Quantity, Report, ReportAnalysis, Sentence

TERMS = ("gray", "shoot", "police", "time", "@:person:kimani gray")


def _report(rid: str, body: str) -> Report:
    return Report(id=rid, source=f"Outlet {rid.upper()}", body=body)


def _analysis(report: Report, action: str, *quantities: Quantity, **slots: object) -> ReportAnalysis:
    proposition = Proposition(
        index=0, sentence=0, start=0, end=len(report.body), text=report.body, action=action, terms=TERMS, quantities=quantities
    )
    proposition = replace(proposition, **slots)  # type: ignore[arg-type]
    return ReportAnalysis(
        report=report.id,
        sentences=(Sentence(index=0, start=0, end=len(report.body), text=report.body),),
        propositions=(proposition,),
    )


def _statuses(first: tuple[str, str, Quantity], second: tuple[str, str, Quantity], **slots: object) -> list[str]:
    a, b = _report("a", first[0]), _report("b", second[0])
    analyses = {"a": _analysis(a, first[1], first[2], **slots), "b": _analysis(b, second[1], second[2], **slots)}
    return [f.status for f in corroborate_story("s", [a, b], analyses).facts]


def _count(value: str, text: str, unit: str = "time") -> Quantity:
    return Quantity(value=value, unit=unit, text=text)


def test_different_counts_of_one_claim_conflict() -> None:
    statuses = _statuses(
        ("Gray was shot 11 times by police.", "shoot", _count("11", "11")),
        ("Gray had been shot seven times by police.", "shoot", _count("7", "seven")),
    )
    assert statuses == ["conflicting"]


def test_a_lower_bound_agrees_with_a_larger_count() -> None:
    statuses = _statuses(
        ("Police shot at Gray, injuring at least two people.", "shoot injure", _count("2", "at least two", "person")),
        ("Police shot at Gray and about 100 people have been injured.", "shoot injure", _count("100", "about 100", "person")),
    )
    assert "conflicting" not in statuses
    assert bound("at least two", "injuring at least two people") == "min"
    assert bound("three", "up to three outboard motors") == "max"


def test_counts_an_order_of_magnitude_apart_count_different_things() -> None:
    statuses = _statuses(
        ("Police shot Gray and landed 178 punches to just 30.", "shoot land", _count("178", "178", "punch")),
        ("Police shot Gray; in the sixth, he landed one punch.", "shoot land", _count("1", "one", "punch")),
    )
    assert "conflicting" not in statuses


def test_a_part_is_not_the_whole() -> None:
    statuses = _statuses(
        ("Police shot nine of the people at the Gray vigil.", "shoot", _count("9", "nine", "person")),
        ("Police shot three people at the Gray vigil.", "shoot", _count("3", "three", "person")),
    )
    assert "conflicting" not in statuses


def test_a_report_that_compares_both_figures_disagrees_with_neither() -> None:
    statuses = _statuses(
        ("About 32 million people watched Gray's case, compared with 55.3 million a decade ago.", "shoot watch", _count("32000000", "32 million", "person")),
        ("A total of 55.3 million people watched Gray's case.", "shoot watch", _count("55300000", "55.3 million", "person")),
    )
    assert "conflicting" not in statuses


def test_a_hedged_or_targeted_figure_is_not_compared() -> None:
    hedged = _statuses(
        ("Gray may have been shot nine times by police.", "shoot", _count("9", "nine")),
        ("Gray may have been shot 11 times by police.", "shoot", _count("11", "11")),
        modality="may",
    )
    assert "conflicting" not in hedged


def test_counts_over_different_spans_do_not_conflict() -> None:
    statuses = _statuses(
        ("Gray was shot two times in his last two games by police.", "shoot", _count("2", "two")),
        ("Gray was shot eight times by police since Week 11.", "shoot", _count("8", "eight")),
    )
    assert "conflicting" not in statuses


def test_one_predicate_by_verb_synonym_or_named_object() -> None:
    first = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="hurt", terms=("hurt",))
    second = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="injure", terms=("injure",))
    damaged = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="damage", terms=("cable", "damage"))
    suffered = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="suffer", object="severe damage", terms=("cable", "suffer", "damage"))
    needed = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="need", terms=("need", "point"))
    posted = Proposition(index=0, sentence=0, start=0, end=1, text="x", action="post", terms=("post", "point"))
    assert same_predicate(first, second) and same_predicate(damaged, suffered)
    assert not same_predicate(needed, posted)
