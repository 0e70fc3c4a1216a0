"""The encode stage: a meaning vector for each report's headline and lead.

    vectors = encode_reports(reports, choose_encoder("static"))

Which encoder runs is the `[encode] stories` option: the full encoder by default (the
better stories), the static distillation on request (cheap enough for any volume), or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from storyline.encode.encoder import SentenceEncoder
from storyline.models import Report
from storyline.stories.features import meaning_share, meaning_text

# Tokens of a headline and lead the full encoder reads for stories: most leads fit, and
# the cost per report is about a third of reading 128 (allsides_leads: BCubed F1 measured
# with 64; see options.StoryOptions.meaning_weight).
LEAD_TOKENS = 64


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

        return _Leads(load_encoder(threads))
    from storyline.encode.static import load_static_encoder

    return load_static_encoder(threads)


def choose_claim_encoder(choice: str) -> TextEncoder | None:
    """The encoder named by `[encode] claims` ("static" or "off"), loaded once per process.
    One thread: stories are corroborated in several processes at once."""
    if choice == "off":
        return None
    from storyline.encode.static import load_static_encoder

    return load_static_encoder(1)


class _Leads:
    """The full encoder reading `LEAD_TOKENS` tokens of each text."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self._encoder = encoder
        self.encoder_id = encoder.encoder_id

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encoder.encode(texts, max_tokens=LEAD_TOKENS)


def encode_reports(reports: Sequence[Report], encoder: TextEncoder, min_share: float = 0.0) -> dict[str, np.ndarray]:
    """Report id -> unit vector of its headline and lead, for reports whose headline and
    lead make at least `min_share` of their words (StoryOptions.meaning_min_share)."""
    return encode_texts([(report.id, report.title, report.body) for report in reports], encoder, min_share)


def encode_texts(items: Sequence[tuple[str, str, str]], encoder: TextEncoder, min_share: float = 0.0) -> dict[str, np.ndarray]:
    """`encode_reports` over (id, title, text) triples."""
    wanted = [item for item in items if meaning_share(f"{item[1]}\n{item[2]}" if item[1] else item[2]) >= min_share]
    if not wanted:
        return {}
    vectors = encoder.encode([meaning_text(title, text) for _, title, text in wanted])
    return {item[0]: vectors[row] for row, item in enumerate(wanted)}
