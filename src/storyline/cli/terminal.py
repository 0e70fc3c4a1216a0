"""Text from reports made safe to print on a terminal.

Titles, outlet names and bodies come from the open web. Printed as they are, a title could
carry Rich markup (a hyperlink, colours) or raw control sequences (ANSI escapes that move the
cursor, retitle the window or hide text). Every string the CLI prints from the store passes
through here: control characters are dropped and markup is escaped, so it shows literally.
"""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape

# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte ESC [).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """`text` with control characters removed and Rich markup escaped."""
    return escape(_CONTROL.sub("", text))


def terminal_safe(value: Any) -> Any:
    """The same data with every string in it (dict values, list items) made terminal-safe."""
    if isinstance(value, str):
        return terminal_text(value)
    if isinstance(value, dict):
        return {key: terminal_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [terminal_safe(item) for item in value]
    return value
