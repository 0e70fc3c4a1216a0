"""NLP per report: sentences, canonical entities, quotes and clause-level propositions.

    nlp = load_nlp()
    analyses = analyze_reports(reports, nlp)     # one ReportAnalysis per report, JSON-ready
"""

from __future__ import annotations

from storyline.analyze.nlp import MODEL_NAME, MODEL_PACKAGE, MODEL_VERSION, load_nlp
from storyline.analyze.report import analyze_doc, analyze_reports
from storyline.models import ANALYSIS_VERSION, Proposition, Quantity, ReportAnalysis, Sentence

__all__ = [
    "ANALYSIS_VERSION",
    "MODEL_NAME",
    "MODEL_PACKAGE",
    "MODEL_VERSION",
    "Proposition",
    "Quantity",
    "ReportAnalysis",
    "Sentence",
    "analyze_doc",
    "analyze_reports",
    "load_nlp",
]
