from rich.console import Console

from storyline.cli.terminal import terminal_safe, terminal_text


def test_control_characters_go_and_markup_shows_literally() -> None:
    text = terminal_text("\x1b[31mRed\x1b]0;pwned\x07 [link=https://evil.example]x[/link] \x9b2J")
    console = Console(record=True, width=200, emoji=False)
    console.print(text)
    shown = console.export_text()
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "[link=https://evil.example]x[/link]" in shown


def test_tabs_newlines_and_other_scripts_are_kept() -> None:
    assert terminal_text("a\tb\nc 北京 مرحبا") == "a\tb\nc 北京 مرحبا"


def test_nested_data_is_made_safe_and_numbers_left_alone() -> None:
    assert terminal_safe({"title": "[b]x[/b]", "n": 3, "items": ["\x1bq"]}) == {"title": "\\[b]x\\[/b]", "n": 3, "items": ["q"]}
