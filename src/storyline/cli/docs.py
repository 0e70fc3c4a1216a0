"""The command-line reference (docs/cli.md), generated from the commands themselves.

`python -m storyline.cli.docs > docs/cli.md` rewrites it; a test fails when it is stale, so
the reference cannot drift from `--help`.
"""

from __future__ import annotations

from typing import Any

import typer

from storyline.cli.commands import app


def render_reference() -> str:
    """Markdown: every command and sub-command with its arguments and options."""
    root = typer.main.get_command(app)
    lines = ["# Command-line reference", "", "Generated from the commands (`python -m storyline.cli.docs`); do not edit by hand.", ""]
    lines += _options(root.params, "Global options (before the command)")
    for name, command in getattr(root, "commands", {}).items():
        lines += _command(f"storyline {name}", command)
    return "\n".join(lines).rstrip() + "\n"


def _command(path: str, command: Any) -> list[str]:
    lines = [f"## `{path}`", "", (command.help or "").strip(), ""]
    lines += _options(command.params, "")
    for name, sub in getattr(command, "commands", {}).items():
        lines += _command(f"{path} {name}", sub)
    return lines


def _options(params: list[Any], heading: str) -> list[str]:
    shown = [p for p in params if p.name != "help"]
    if not shown:
        return []
    lines = [f"{heading}:", ""] if heading else []
    for param in shown:
        label = " / ".join(param.opts) if param.param_type_name == "option" else param.name.upper()
        text = getattr(param, "help", None) or ""
        lines.append(f"- `{label}` — {text}".rstrip(" —"))
    return lines + [""]


if __name__ == "__main__":
    print(render_reference(), end="")
