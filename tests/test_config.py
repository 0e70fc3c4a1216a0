from pathlib import Path

import pytest

from storyline.config import load_config
from storyline.copies import CopyOptions
from storyline.errors import ConfigError
from storyline.stories import StoryOptions


def test_defaults_file_matches_the_option_classes() -> None:
    config = load_config()
    assert CopyOptions(**config.copies) == CopyOptions()
    assert StoryOptions(**config.stories) == StoryOptions()
    assert config.serve.port == 8000 and config.analyze.enabled


def test_file_then_flags_take_precedence(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text("[serve]\nport = 9001\ntoken = 'abc'\n[stories]\njoin_threshold = 0.3\n", encoding="utf-8")
    config = load_config(path, {"serve": {"port": 9100, "host": None}})
    assert config.serve.port == 9100
    assert config.serve.token == "abc"
    assert config.serve.host == "127.0.0.1"
    assert config.stories["join_threshold"] == 0.3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[serve]\nprot = 1\n", "unknown option serve.prot"),
        ("[serve]\nport = 'x'\n", "serve.port must be int"),
        ("[nope]\n", "unknown config section"),
        ("[serve\n", "invalid TOML"),
        ("[analyze]\nbatch_size = 0\n", "at least 1"),
        ("[stories]\nsplit_ratio_confirmed = 'high'\n", "stories.split_ratio_confirmed must be float, not str"),
        ("[stories]\nsplit_ratio_confirmed = 0.2\n", "split_ratio_confirmed must be at least split_ratio"),
        ("[stories]\nsplit_neighbours = 2.5\n", "stories.split_neighbours must be int, not float"),
        ("[copies]\nbands = 4.5\n", "copies.bands must be int, not float"),
        ("[serve]\nport = true\n", "serve.port must be int, not bool"),
    ],
)
def test_bad_files_say_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_stage_sections_are_checked_when_loaded(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[stories]\njoin_treshold = 0.3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown option stories.join_treshold"):
        load_config(path)
