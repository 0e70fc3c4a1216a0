"""The static distillation: cheap vectors that still rank paraphrases above other news."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.encode import static
from storyline.encode.static import STATIC_DIMENSIONS, load_static_encoder


def test_static_vectors_rank_paraphrase_first() -> None:
    vectors = load_static_encoder().encode(
        [
            "Canada and China agree not to steal each other's trade secrets through hacking",
            "China, Canada pledge to refrain from economic cyber espionage",
            "Flood waters rise in Bangladesh as monsoon rains continue",
        ]
    )
    assert vectors.shape == (3, STATIC_DIMENSIONS)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.1


def test_table_is_cached_and_reread(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    encoder = load_static_encoder()
    monkeypatch.setenv(static.CACHE_ENV, str(tmp_path))
    path = static.cache_path(encoder.encoder_id.split(":", 1)[1], STATIC_DIMENSIONS)
    np.save(path, encoder.table)
    calls = []
    monkeypatch.setattr(static, "build_table", lambda *args: calls.append(args) or encoder.table)
    again = static._load_or_build(encoder._encoder, STATIC_DIMENSIONS)
    assert calls == [] and np.array_equal(again, encoder.table)
    path.write_bytes(b"damaged")
    static._load_or_build(encoder._encoder, STATIC_DIMENSIONS)
    assert len(calls) == 1


def test_frequent_tokens_weigh_less() -> None:
    weights = static.token_weights(30522)
    the, rare = 1996, 25000
    assert weights[the] < 0.2
    assert weights[rare] > 0.9
