"""The coder on hand-made propositions: lexicon, cues, negation, modality, codebook values."""

from __future__ import annotations

from storyline.events import code_proposition, load_event_lexicon
from storyline.models import Proposition


def _prop(text: str, action: str, actor: str = "Greece", negated: bool = False, attribution: str = "") -> Proposition:
    return Proposition(index=0, sentence=0, start=0, end=len(text), text=text, actor=actor, action=action,
                       negated=negated, attribution=attribution)


def test_codebook_files_load() -> None:
    lexicon = load_event_lexicon()
    assert lexicon.codes["19"].goldstein == -10.0 and lexicon.codes["19"].quad_class == 4
    assert lexicon.plover_type("057").plover == "SUPPORT"
    assert lexicon.plover_type("1123").plover == "ACCUSE" and lexicon.plover_type("112").gsr_type == "DISAPPROVE"


def test_verb_and_cue() -> None:
    coding = code_proposition(_prop("Greece threatened to impose sanctions on Turkey", "threaten impose"))
    assert coding is not None and coding.cameo == "1312" and coding.plover == "THREATEN" and coding.quad_class == 3


def test_negated_agreement_is_a_rejection() -> None:
    coding = code_proposition(_prop("Greece did not agree to the talks", "not agree", negated=True))
    assert coding is not None and coding.cameo[:2] == "12" and coding.plover == "REJECT"


def test_negation_of_the_complement_keeps_the_pledge() -> None:
    coding = code_proposition(_prop("Greece pledged not to conduct cyber attacks", "not pledge conduct", negated=True))
    assert coding is not None and coding.cameo[:2] == "03" and coding.plover == "AGREE"


def test_announced_intention_to_yield() -> None:
    coding = code_proposition(_prop("the rebels will release the hostages", "release", actor="the rebels"))
    assert coding is not None and coding.cameo.startswith("035") and coding.plover == "AGREE"


def test_obligation_reported_is_a_demand() -> None:
    coding = code_proposition(_prop("Iraq must cooperate with inspectors", "cooperate", actor="Iraq", attribution="the council"))
    assert coding is not None and coding.cameo == "100" and coding.source.name == "the council" and coding.target.name == "Iraq"


def test_unknown_verb_is_not_coded() -> None:
    assert code_proposition(_prop("Greece is a country", "be")) is None


def test_a_word_for_people_is_no_cue_for_their_act() -> None:
    from storyline.events.coder import _first_cue

    cues = {"support": "053", "protest": "140", "relation": "054"}
    assert _first_cue(cues, ["supporters"]) is None and _first_cue(cues, ["protesters"]) is None
    assert _first_cue(cues, ["relationship"]) is None and _first_cue(cues, ["relations"]) == ("054", "relation")
    assert _first_cue(cues, ["supporting"]) == ("053", "support")
