"""The analysis stage over stored reports: NLP once per report, its result kept as the report's "nlp" features."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.config import Config
from storyline.models import Report
from storyline.pipeline.stages import Progress
from storyline.store.protocol import Store

# The feature kind a report's analysis is stored under.
NLP_FEATURES = "nlp"


def analyze_stored(store: Store, reports: Sequence[Report], config: Config, progress: Progress) -> dict[str, Any]:
    """NLP per report, once: results are persisted as the report's "nlp" features.

    A report too large to analyse whole is analysed in its leading piece and one that makes
    the analysis raise is left without; either is recorded as the report's "analyze"
    failure (see `storyline.analyze.guard`) and the run goes on.
    """
    if not config.analyze.enabled:
        return {}
    from storyline.analyze import load_nlp
    from storyline.analyze.guard import STAGE, analyze_guarded

    nlp = load_nlp()
    results: dict[str, Any] = {}
    batch = config.analyze.batch_size * 8
    for start in range(0, len(reports), batch):
        chunk = reports[start : start + batch]
        succeeded: list[str] = []
        for outcome in analyze_guarded(chunk, nlp, max_chars=config.analyze.max_chars, batch_size=config.analyze.batch_size):
            if outcome.analysis is not None:
                store.put_features(outcome.report, NLP_FEATURES, outcome.analysis.to_dict())
                results[outcome.report] = outcome.analysis
            if outcome.failure is not None:
                store.record_failure(outcome.report, outcome.failure)
            else:
                succeeded.append(outcome.report)
        store.clear_failures(succeeded, STAGE)
        progress("analyze", min(start + batch, len(reports)), len(reports))
    return results
