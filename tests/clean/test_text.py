from pathlib import Path

from storyline.clean.furniture import classify_line, count_words, is_sentence_like, load_patterns
from storyline.clean.text import clean_text

# The furniture lines ../shared/data/README.md lists for the seeds.
ET_FURNITURE = [
    "Flag of China over binary code",
    "Recent articles",
    "Info Message",
    "Our sites use cookies to support some functionality, and to collect anonymous user data.",
    "Learn more about IET cookies and how to control them",
]
REUTERS_CAPTION = (
    "A man holds a laptop computer as cyber code is projected on him in this illustration picture taken on "
    "May 13, 2017. REUTERS/Kacper Pempel/Illustration"
)


def _seed(seeds_dir: Path, name: str) -> str:
    return next(p for p in seeds_dir.iterdir() if p.name.startswith(name)).read_text("utf-8")


def _body_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_et_seed_loses_its_furniture_and_keeps_every_body_line(seeds_dir: Path) -> None:
    raw = _seed(seeds_dir, "000")
    cleaned = clean_text(raw)
    assert cleaned.title == "China and Canada governments commit to ending economic cyber espionage"
    assert cleaned.furniture == ET_FURNITURE
    body = cleaned.body
    for line in ET_FURNITURE:
        assert line not in body
    expected_body = [l for l in _body_lines(raw) if l not in ET_FURNITURE and l != cleaned.title]
    assert _body_lines(body) == expected_body


def test_reuters_seed_credits_and_dateline_become_metadata(seeds_dir: Path) -> None:
    raw = _seed(seeds_dir, "002")
    cleaned = clean_text(raw)
    assert cleaned.title == "China, Canada vow not to conduct cyber attacks on private sector"
    assert cleaned.dateline == "(Reuters)"
    assert cleaned.body.startswith("China and Canada have signed an agreement")
    assert REUTERS_CAPTION in cleaned.furniture
    assert len(cleaned.credits) == 1 and cleaned.credits[0].startswith("Reporting by Subrat Patnaik")
    assert "Reporting by" not in cleaned.body and "REUTERS/" not in cleaned.body
    assert "Ottawa recently allowed Hytera Communications Corp Ltd" in cleaned.body
    assert len(_body_lines(cleaned.body)) == 14


def test_related_block_and_prompts_are_furniture_but_body_stays() -> None:
    lines = [
        "Storm closes port",
        "By Ana Lima",
        "PORT ELLIS — The harbour closed on Monday as winds reached 120 km/h, officials said.",
        "Sign up for our morning briefing",
        "Ships were told to stay at anchor until Wednesday.",
        "Share this article",
        "Related stories",
        "Harbour dredging plan approved",
        "Ferry fares to rise",
        "© 2026 The Harbour Courier",
    ]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.title == "Storm closes port"
    assert cleaned.byline == "Ana Lima"
    assert cleaned.dateline == "PORT ELLIS"
    assert cleaned.body.split("\n\n") == [
        "The harbour closed on Monday as winds reached 120 km/h, officials said.",
        "Ships were told to stay at anchor until Wednesday.",
    ]
    assert "Ferry fares to rise" in cleaned.furniture
    assert cleaned.copyright == ["© 2026 The Harbour Courier"]


def test_a_given_title_is_not_repeated_in_the_body() -> None:
    cleaned = clean_text("Storm closes port\nThe harbour closed on Monday.", title="Storm closes port")
    assert cleaned.title == "Storm closes port"
    assert cleaned.body == "The harbour closed on Monday."


def test_patterns_do_not_fire_on_ordinary_sentences() -> None:
    patterns = load_patterns()
    for sentence in [
        "The minister said the photo showed the damage.",
        "Critics argued the law could hinder trade.",
        "Shares in the company rose 4% after the announcement.",
        "He declined to share details of the agreement.",
    ]:
        assert classify_line(sentence, patterns) == "", sentence


def test_a_caption_placing_people_in_the_picture_is_furniture() -> None:
    rules = load_patterns()
    captions = [
        "Prime Minister Benjamin Netanyahu of Israel, left, and Secretary of State Mike Pompeo on Sunday in Tel Aviv.",
        "Michael T. Flynn, right, the former national security adviser, with Mr. Trump in January 2017.",
    ]
    assert [classify_line(line, rules) for line in captions] == ["caption", "caption"]
    prose = [
        "The party moved to the right, left, and then back again, officials said.",
        "In case you had any doubts whether or not Pierre Thomas (left) would get more carries, you can now be sure.",
    ]
    assert [classify_line(line, rules) for line in prose] == ["", ""]


def test_language_is_identified_from_the_opening_of_the_text() -> None:
    from storyline.clean.language import detect_language

    assert detect_language("The council voted on Tuesday to close the bridge for repairs until the end of the year.") == "en"
    assert detect_language("Le conseil municipal a voté mardi la fermeture du pont pour travaux jusqu'à la fin de l'année.") == "fr"
    assert detect_language("Der Stadtrat hat am Dienstag beschlossen, die Brücke bis zum Jahresende zu sperren.") == "de"
    assert detect_language("too short") == ""


def test_a_headline_alone_is_kept_as_the_body() -> None:
    cleaned = clean_text("June 06, 2013\nEsther Williams, swimming star, dies at 91")
    assert cleaned.title == "Esther Williams, swimming star, dies at 91"
    assert cleaned.body == "Esther Williams, swimming star, dies at 91"


def test_unspaced_scripts_are_counted_in_words_and_end_with_full_width_marks() -> None:
    assert count_words("北京交通计划") == 3
    assert count_words("Beijing 北京交通 plan") == 4
    assert is_sentence_like("北京市政府周一宣布了一项新的公共交通计划。")
    assert not is_sentence_like("北京市政府宣布新的交通计划")
    cleaned = clean_text("东京发生地震\n\n日本气象厅表示，东京周二上午发生了里氏五点八级地震。目前尚无人员伤亡的报告。")
    assert cleaned.title == "东京发生地震" and cleaned.body.startswith("日本气象厅")
