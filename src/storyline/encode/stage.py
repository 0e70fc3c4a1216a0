"""The encode stage: a meaning vector for each report's headline and lead.

    vectors = encode_reports(reports, choose_encoder("static"))

Which encoder runs is the `[encode] stories` option: the static distillation by default
(cheap enough for every report), the full encoder on request, or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from storyline.models import Report
from storyline.stories.features import meaning_text


class TextEncoder(Protocol):
    """Anything that turns texts into unit vectors and says which model made them."""

    encoder_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text."""
        ...


def choose_encoder(choice: str, threads: int = 0) -> TextEncoder | None:
    """The encoder named by `[encode] stories` ("static", "full" or "off"), loaded once."""
    if choice == "off":
        return None
    if choice == "full":
        from storyline.encode.encoder import load_encoder

        return load_encoder(threads)
    from storyline.encode.static import load_static_encoder

    return load_static_encoder(threads)


def encode_reports(reports: Sequence[Report], encoder: TextEncoder) -> dict[str, np.ndarray]:
    """Report id -> unit vector of its headline and lead."""
    if not reports:
        return {}
    vectors = encoder.encode([meaning_text(report.title, report.body) for report in reports])
    return {report.id: vectors[row] for row, report in enumerate(reports)}
