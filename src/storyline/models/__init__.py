"""The records storyline passes between stages, in one place.

`records` holds what the store keeps and the adapters show (reports, stories, facts,
events, rejections), `documents` what a reader hands to cleaning, and `analysis` what the
analysis of one report produces. All are plain frozen dataclasses, importable from here.
"""

from __future__ import annotations

from storyline.models.analysis import ANALYSIS_VERSION, Argument, Proposition, Quantity, ReportAnalysis, Sentence
from storyline.models.documents import RawDocument
from storyline.models.records import (
    FACT_STATUSES,
    ConflictValue,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Rejection,
    Report,
    Source,
    Span,
    StageFailure,
    Story,
    StoryAnalysis,
    SummarySentence,
    from_dict,
    to_dict,
)

__all__ = [
    "ANALYSIS_VERSION",
    "FACT_STATUSES",
    "Argument",
    "ConflictValue",
    "Entity",
    "Event",
    "Fact",
    "Mention",
    "Proposition",
    "Quantity",
    "Quote",
    "RawDocument",
    "Rejection",
    "Report",
    "ReportAnalysis",
    "Sentence",
    "Source",
    "Span",
    "StageFailure",
    "Story",
    "StoryAnalysis",
    "SummarySentence",
    "from_dict",
    "to_dict",
]
