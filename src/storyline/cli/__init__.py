"""The `storyline` command line: commands, `eval`, `bench`, terminal rendering and the reference docs.

`main` is the console script's entry; `app` the Typer application it runs.
"""

from __future__ import annotations

from storyline.cli.commands import app, main

__all__ = ["app", "main"]
