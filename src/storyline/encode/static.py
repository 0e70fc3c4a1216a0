"""A static distillation of the sentence encoder: one vector per vocabulary token.

Every WordPiece token is run once through the full encoder as "[CLS] token [SEP]"; the
vectors are centred and reduced by PCA, and a text's vector is the weighted mean of its
tokens' vectors (frequent tokens weigh less). That is the model2vec recipe, done here with
the project's own pinned encoder, so nothing new is downloaded. It is about a hundred times
cheaper than running the encoder on the text, and less exact: the full encoder is for the
few texts where meaning decides, this is for passes over every report.

The table takes seconds to build; it is cached under `$STORYLINE_CACHE` (default
~/.cache/storyline), named by the encoder id, and rebuilt when missing or unreadable.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.encode.encoder import SentenceEncoder, load_encoder, normalise

log = logging.getLogger(__name__)

# Dimensions kept by PCA. 256 keeps nearly all of the variance that tells texts apart.
STATIC_DIMENSIONS = 256
# Token weight a / (a + p), p a token's Zipf probability from its vocabulary rank (the
# uncased BERT vocabulary lists whole words roughly by frequency after its first
# `_FIRST_WORD` entries). Smooth inverse frequency, as in model2vec.
_SIF = 1e-3
_FIRST_WORD = 1996
_BUILD_BATCH = 256
CACHE_ENV = "STORYLINE_CACHE"
_TABLE_VERSION = "1"


class StaticEncoder:
    """Texts to unit vectors (float32, `STATIC_DIMENSIONS`) from a per-token table."""

    def __init__(self, encoder: SentenceEncoder, table: np.ndarray) -> None:
        self._encoder = encoder
        self.table = table
        self.encoder_id = f"static{_TABLE_VERSION}-{table.shape[1]}:{encoder.encoder_id}"
        self.weights = token_weights(len(table))

    def encode(self, texts: Sequence[str], *, max_tokens: int = 512) -> np.ndarray:
        """One unit vector per text; a text without known tokens gets the zero vector."""
        output = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, ids in enumerate(self._encoder.tokenize(texts, max_tokens)):
            inner = np.asarray(ids[1:-1], dtype=np.int64)
            if len(inner):
                weights = self.weights[inner]
                output[row] = weights @ self.table[inner]
        return normalise(output)


def token_weights(size: int) -> np.ndarray:
    """Smooth inverse frequency of each token id, from a Zipf law over vocabulary rank."""
    ranks = np.maximum(np.arange(size, dtype=np.float64) - _FIRST_WORD, 0.0) + 1.0
    probability = 1.0 / (ranks * np.log(size))
    weights: np.ndarray = (_SIF / (_SIF + probability)).astype(np.float32)
    return weights


def build_table(encoder: SentenceEncoder, dimensions: int = STATIC_DIMENSIONS) -> np.ndarray:
    """Each vocabulary token through the encoder alone, centred, PCA-reduced, float32."""
    size = encoder.vocabulary_size
    # [CLS] = 101, [SEP] = 102 in this vocabulary.
    rows = [encoder.encode_ids([[101, token, 102] for token in range(start, min(start + _BUILD_BATCH, size))])
            for start in range(0, size, _BUILD_BATCH)]
    vectors = np.vstack(rows).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    _, _, components = np.linalg.svd(vectors, full_matrices=False)
    table: np.ndarray = (vectors @ components[:dimensions].T).astype(np.float32)
    return table


def cache_path(encoder_id: str, dimensions: int) -> Path:
    """Where the table of one encoder is kept between runs."""
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "storyline")
    safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in encoder_id)
    return root / f"static-v{_TABLE_VERSION}-{dimensions}-{safe}.npy"


def _load_or_build(encoder: SentenceEncoder, dimensions: int) -> np.ndarray:
    path = cache_path(encoder.encoder_id, dimensions)
    try:
        table: np.ndarray = np.load(path, allow_pickle=False)
        if table.shape == (encoder.vocabulary_size, dimensions) and table.dtype == np.float32:
            return table
    except (OSError, ValueError):
        pass
    log.info("building the static encoder table (once per machine): %s", path)
    table = build_table(encoder, dimensions)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
            np.save(handle, table, allow_pickle=False)
        os.replace(handle.name, path)
    except OSError as exc:
        log.warning("static encoder table not cached (%s): it will be built again next run", exc)
    return table


@functools.lru_cache(maxsize=2)
def load_static_encoder(threads: int = 0) -> StaticEncoder:
    """The static encoder of the pinned model, built or read from the cache once per process."""
    encoder = load_encoder(threads)
    return StaticEncoder(encoder, _load_or_build(encoder, STATIC_DIMENSIONS))
