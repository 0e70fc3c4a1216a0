from conftest import ROOT

from storyline.cli.docs import render_reference


def test_the_cli_reference_is_current() -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render_reference(), "docs/cli.md is stale: run `python -m storyline.cli.docs > docs/cli.md`"


def test_every_option_has_help() -> None:
    reference = render_reference()
    options = [line for line in reference.splitlines() if line.startswith("- `")]
    assert options and all(" — " in line for line in options), [line for line in options if " — " not in line]
