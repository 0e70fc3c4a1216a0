"""The public Python API: the names other programs import. Changing them is a breaking change."""

from __future__ import annotations

import importlib
import inspect
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

PUBLIC = {
    "storyline": ["open", "__version__"],
    "storyline.database": ["Database", "Ingested", "open_database"],
    "storyline.models": ["Report", "Story", "Fact", "Entity", "Mention", "Quote", "Event", "Source", "Span",
                         "ConflictValue", "SummarySentence", "StoryAnalysis", "Rejection", "to_dict", "from_dict"],
    "storyline.store": ["open_store", "Store", "SqliteStore", "SearchHit", "EventQuery", "default_location"],
    "storyline.pipeline": ["ingest", "ingest_paths", "ingest_documents", "update", "corroborate_stories", "IngestResult"],
    "storyline.ingest": ["read_paths", "read_file", "read_bytes"],
    "storyline.clean.report": ["clean_document"],
    "storyline.clean.text": ["clean_text"],
    "storyline.clean.html": ["extract_html"],
    "storyline.copies": ["CopyIndex", "CopyOptions"],
    "storyline.stories": ["StoryClusterer", "StoryDocument", "StoryOptions", "cluster_documents"],
    "storyline.analyze": ["load_nlp", "analyze_reports", "ReportAnalysis"],
    "storyline.corroborate": ["corroborate_story"],
    "storyline.outlets": ["OutletRegistry", "load_default_registry", "name_for_unknown"],
    "storyline.views": ["list_stories", "list_reports", "story_detail", "search", "export_records", "event_query", "find_events",
                        "dyad_series"],
    "storyline.errors": ["StorylineError", "UsageError", "ConfigError", "StoreError", "CorruptStoreError", "ModelError",
                         "RejectedInput", "Reason"],
    "storyline.config": ["Config", "load_config"],
}


@pytest.mark.parametrize("module_name", sorted(PUBLIC))
def test_public_names_exist(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in PUBLIC[module_name] if not hasattr(module, name)]
    assert missing == []


def test_pipeline_signatures_are_stable() -> None:
    from storyline import pipeline

    # `executor` is keyword-only: calls written before it still mean the same.
    assert list(inspect.signature(pipeline.ingest).parameters) == ["store", "sources", "config", "progress", "executor"]
    assert list(inspect.signature(pipeline.ingest_paths).parameters) == ["store", "paths", "progress", "config"]
    assert list(inspect.signature(pipeline.update).parameters) == ["store", "config", "progress", "executor"]
    assert inspect.signature(pipeline.update).parameters["executor"].kind is inspect.Parameter.KEYWORD_ONLY


def test_every_rejection_reason_is_kebab_case() -> None:
    from storyline.errors import Reason

    assert all(reason.value == reason.value.lower() and " " not in reason.value for reason in Reason)


@pytest.mark.slow
def test_package_type_checks_strictly() -> None:
    if shutil.which("mypy") is None and importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e .[dev])")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src/storyline"], capture_output=True, text=True, check=False, timeout=600, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_code_passes_the_linter() -> None:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e .[dev])")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "src", "tests"],
        capture_output=True, text=True, check=False, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:]
