"""all-MiniLM-L6-v2, int8 ONNX, run with onnxruntime and the model's own WordPiece tokenizer.

A text becomes the mean of the model's last hidden states over its tokens, L2-normalised
(the sentence-transformers recipe for this model), so a dot product is a cosine. Texts are
encoded in batches sorted by length, padded only to the longest text of each batch: the
cost of a batch grows with its longest member, and news leads vary a lot in length.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

import numpy as np

from storyline.encode.resources import EncoderFiles, locate_encoder_files
from storyline.errors import ModelError

DIMENSIONS = 384
# Tokens read per text. A headline and lead fit in 128; the model was trained on 128-token
# inputs (256 at most), and cost grows with length.
MAX_TOKENS = 128
BATCH_SIZE = 32


class SentenceEncoder:
    """Texts to unit vectors (float32, 384 dimensions). Load once with `load_encoder`."""

    def __init__(self, files: EncoderFiles, *, threads: int = 0) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(f"the sentence encoder needs onnxruntime and tokenizers ({exc}); run: pip install storyline") from exc
        self.encoder_id = files.encoder_id
        try:
            self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        except Exception as exc:
            raise ModelError(f"{files.tokenizer}: not a tokenizer file ({exc})") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session = onnxruntime.InferenceSession(str(files.model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"{files.model}: not a loadable ONNX model ({exc})") from exc
        self._inputs = {item.name for item in self._session.get_inputs()}

    def tokenize(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> list[list[int]]:
        """Token ids of each text, with [CLS] and [SEP], cut at `max_tokens`."""
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        return [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], *, max_tokens: int = MAX_TOKENS, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """One unit vector per text, in order; an empty text gets the zero vector."""
        output = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        ids = self.tokenize(texts, max_tokens)
        order = sorted((index for index in range(len(texts)) if texts[index].strip()), key=lambda index: len(ids[index]))
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            output[chosen] = self.encode_ids([ids[index] for index in chosen])
        return output

    def encode_ids(self, batch: Sequence[Sequence[int]]) -> np.ndarray:
        """Unit vectors of already tokenized texts (each with its [CLS] and [SEP])."""
        width = max(len(item) for item in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, item in enumerate(batch):
            input_ids[row, : len(item)] = item
            mask[row, : len(item)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(input_ids)
        hidden = self._session.run(None, feed)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        return normalise(pooled)

    @property
    def vocabulary_size(self) -> int:
        """Number of WordPiece tokens the tokenizer knows."""
        return int(self._tokenizer.get_vocab_size())


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0.0, norms, 1.0)).astype(np.float32)


@functools.lru_cache(maxsize=2)
def load_encoder(threads: int = 0) -> SentenceEncoder:
    """The pinned encoder, loaded once per process; raises ModelError naming the missing package.

    `threads` is onnxruntime's thread count (0: every core)."""
    return SentenceEncoder(locate_encoder_files(), threads=threads)
