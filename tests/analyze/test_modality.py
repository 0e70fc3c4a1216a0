"""Modality: a hedged clause carries its hedge, an asserted one none."""

from __future__ import annotations

import pytest

from storyline.analyze import analyze_reports
from storyline.models import Report


def _modality(nlp, body: str, word: str) -> str:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", source="Test", body=body)], nlp)
    return next(p.modality for p in analysis.propositions if word in p.text)


@pytest.mark.parametrize(
    ("body", "word", "modality"),
    [
        ("Critics argued the law could hinder the flow of data across borders.", "hinder", "could"),
        ("The senator allegedly accepted bribes from the contractor.", "accepted", "allegedly"),
        ("Investigators are examining whether the campaign colluded with Russia.", "colluded", "whether"),
        ("The campaign colluded with Russia, the report said.", "colluded", ""),
        ("The company recalled 41,000 insulin pens in Canada.", "recalled", ""),
    ],
)
def test_modality(nlp, body: str, word: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    assert _modality(nlp, body, word) == modality


def test_a_target_is_not_a_result(nlp) -> None:  # type: ignore[no-untyped-def]
    body = "The 6-foot-9 senior needed nine points in the game against Evansville on Thursday night to pass Phil Ford."
    assert _modality(nlp, body, "needed") == "need"
    assert _modality(nlp, "The company plans to cut 500 jobs next year.", "plans") == "plan"


def test_which_modalities_can_be_one_claim() -> None:
    from storyline.analyze.modality import compatible

    assert not compatible("could", "") and not compatible("allegedly", "")
    assert compatible("could", "may") and compatible("expected", "") and compatible("expected", "could")
    assert not compatible("whether", "") and not compatible("whether", "expected")


def test_hearsay_joins_a_reported_claim_but_not_a_bare_assertion() -> None:
    from storyline.analyze.modality import compatible

    assert compatible("allegedly", "", second_reported=True) and compatible("", "reportedly", first_reported=True)
    assert not compatible("allegedly", "") and not compatible("could", "", second_reported=True)
