"""Analysis that no single report can stop: bounded text, and one report's failure kept to that report.

spaCy refuses a text over `nlp.max_length` (its error E088) and its parser needs about
1 GB of temporary memory per 100,000 characters, so a 15-million-character report used to
stop every run of the store. Here each body is cut to its leading piece of at most
`max_chars` characters (at a paragraph or sentence end when one is near), which keeps every
character offset of the analysis valid; the cut is reported as a "too-large" failure. A
batch that raises is analysed again one report at a time, and a report that still raises
gets an "error" failure while the others keep their analysis.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language

from storyline.analyze.report import analyze_reports
from storyline.bounds import leading_piece
from storyline.errors import ENVIRONMENT_ERRORS, describe_error
from storyline.models import Report, ReportAnalysis, StageFailure

log = logging.getLogger(__name__)

STAGE = "analyze"


@dataclass(frozen=True, kw_only=True)
class GuardedAnalysis:
    """The analysis of one report (None when it failed) and the failure to record, if any."""

    report: str
    analysis: ReportAnalysis | None
    failure: StageFailure | None = None


def analyze_guarded(reports: Sequence[Report], nlp: Language, *, max_chars: int, batch_size: int) -> list[GuardedAnalysis]:
    """One `GuardedAnalysis` per report, in input order; never raises for a report's text."""
    limit = min(max_chars, nlp.max_length)
    pieces = [replace(report, body=leading_piece(report.body, limit)) for report in reports]
    try:
        analyses: list[ReportAnalysis | StageFailure] = list(analyze_reports(pieces, nlp, batch_size=batch_size))
    except ENVIRONMENT_ERRORS:
        raise
    except Exception:  # one report must not stop the batch: find it by analysing one by one
        log.warning("analysis of a batch of %d reports failed; analysing them one at a time", len(pieces), exc_info=True)
        analyses = [_analyze_alone(piece, nlp) for piece in pieces]
    results: list[GuardedAnalysis] = []
    for report, piece, outcome in zip(reports, pieces, analyses):
        if isinstance(outcome, StageFailure):
            results.append(GuardedAnalysis(report=report.id, analysis=None, failure=outcome))
            continue
        failure = None
        if len(piece.body) < len(report.body):
            failure = StageFailure(
                stage=STAGE,
                reason="too-large",
                message=f"analysed the first {len(piece.body):,} of {len(report.body):,} characters (analyze.max_chars is {limit:,})",
            )
        results.append(GuardedAnalysis(report=report.id, analysis=outcome, failure=failure))
    return results


def _analyze_alone(report: Report, nlp: Language) -> ReportAnalysis | StageFailure:
    try:
        return analyze_reports([report], nlp, batch_size=1)[0]
    except ENVIRONMENT_ERRORS:
        raise
    except Exception as exc:  # recorded as this report's failure, never raised
        log.warning("analysis failed for report %s", report.id, exc_info=True)
        return StageFailure(stage=STAGE, reason="error", message=describe_error(exc))
