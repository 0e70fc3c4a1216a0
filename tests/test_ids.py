from storyline.ids import hash_text, make_report_id, normalise_text


def test_normalisation_folds_case_space_and_typographic_quotes() -> None:
    assert normalise_text("  China’s  PLEDGE\n\n“now” ") == "china's pledge \"now\""


def test_report_id_ignores_spacing_but_not_words() -> None:
    a = make_report_id(source="Reuters", title="T", body="One two  three.")
    b = make_report_id(source="Reuters", title="T", body="one two three.\n")
    c = make_report_id(source="Reuters", title="T", body="One two four.")
    assert a == b
    assert a != c


def test_outlet_is_part_of_identity() -> None:
    assert make_report_id(source="A", title="T", body="x") != make_report_id(source="B", title="T", body="x")
    assert len(hash_text("x")) == 16
