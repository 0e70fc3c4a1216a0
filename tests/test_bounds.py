from storyline.bounds import leading_piece


def test_short_text_is_kept_whole() -> None:
    assert leading_piece("A short report.", 100) == "A short report."


def test_long_text_is_cut_at_a_paragraph_then_a_sentence_end() -> None:
    text = "First paragraph here.\n\nSecond one is longer than the limit allows."
    assert leading_piece(text, 30) == "First paragraph here.\n\n"
    assert leading_piece("One. Two. Three four five six seven.", 12) == "One. Two. "
    assert leading_piece("北京交通计划。第二句很长很长很长", 10) == "北京交通计划。"


def test_a_cut_too_far_back_is_made_at_the_limit_instead() -> None:
    text = "Hi. " + "x" * 100
    piece = leading_piece(text, 50)
    assert piece == text[:50] and text.startswith(piece)
