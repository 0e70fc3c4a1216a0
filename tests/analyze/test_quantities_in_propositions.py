import pytest

from storyline.analyze import analyze_reports
from storyline.models import Report


def _quantities(nlp, body: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_reports([Report(id="r", body=body)], nlp)
    return [(q.value, q.unit) for p in analysis.propositions for q in p.quantities]


def test_a_count_after_a_determiner_keeps_its_unit(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("90", "employee") in _quantities(nlp, "Nobody was hurt, and all 90 workers on site were accounted for.")


def test_a_figure_given_after_be_counts_what_its_subject_counts(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _quantities(nlp, "The total number of people affected worldwide is about 2.3 million, the company said.")
    assert ("2300000", "person") in found


def test_staff_employees_and_workers_count_one_group(nlp) -> None:  # type: ignore[no-untyped-def]
    units = {u for _, u in _quantities(nlp, "All 90 staff got out. Around 70 employees left. Some 40 workers stayed.")}
    assert units == {"employee"}


def test_a_score_is_one_value_however_it_is_introduced(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("9-3", "score") in _quantities(nlp, "Councillors approved the project 9-3 at a packed meeting.")
    assert ("9-3", "score") in _quantities(nlp, "The council approved the plant by a 9-3 vote after a long debate.")
    assert not any(u == "score" for _, u in _quantities(nlp, "The council met from 9 - 11 people."))


def test_a_count_of_people_in_apposition_counts_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("70", "employee") in _quantities(nlp, "The remaining staff, around 70 people, were evacuated.")


def test_parse_score_reads_dashes_and_rejects_other_text() -> None:
    from storyline.analyze.values import parse_score

    assert parse_score("9-3") == "9-3" and parse_score("5–4") == "5-4"
    assert parse_score("2024") == "" and parse_score("9-3 vote") == ""


@pytest.mark.parametrize(
    ("written", "value"),
    [("2m", "2000000"), ("£88m", "88000000"), ("1.5bn", "1500000000"), ("two-million-euro", "2000000"), ("$2.6-million", "2600000"),
     ("3-1", ""), ("310,000", "310000")],
)
def test_a_multiplier_attached_to_a_figure_counts(written: str, value: str) -> None:
    from storyline.analyze.values import parse_number

    assert parse_number(written)[0] == value


def test_a_figure_keeps_the_multiplier_and_currency_the_tokenizer_split_off(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("2000000", "user") in _quantities(nlp, "The flaw has been used to attack over 2m Windows users.")
    analysis = analyze_reports([Report(id="r", body="Thieves took jewellery worth £88m from the hotel.")], nlp)[0]
    assert [(q.value, q.text) for p in analysis.propositions for q in p.quantities] == [("88000000", "£88m")]


@pytest.mark.parametrize(
    ("written", "value"),
    [("Sixty-seven", "67"), ("one hundred twenty", "120"), ("a hundred", "100"), ("two hundred", "200"), ("dozens", ""), ("hundreds", "")],
)
def test_spelled_numbers_are_read_whole(written: str, value: str) -> None:
    from storyline.analyze.values import parse_number

    assert parse_number(written)[0] == value
