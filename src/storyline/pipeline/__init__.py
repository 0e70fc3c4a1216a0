"""The pipeline: one entry, `ingest(store, sources, config, progress)`, over the stages in order.

    import storyline.pipeline as pipeline
    run = pipeline.ingest(store, ["reports/", "https://example.org/feed.xml"], config)

`ingest` stores what the sources hold (files, folders, URLs, documents already read) and
then places and corroborates every pending report; the CLI, the REST API's jobs, `watch`
and `Database.ingest` all call it. One module per job:

- `stages`: the declared stages (what each needs and adds) and the progress callback type
- `runner`: `ingest`, and its halves `ingest_documents` (store) and `update` (place, corroborate)
- `analysis`: NLP once per stored report
- `placement`: copies and stories for pending reports
- `corroboration`: each changed story's facts, entities, quotes, summary and events
- `watch`: polling feeds and ingesting only what is new
"""

from __future__ import annotations

from storyline.pipeline.corroboration import CORROBORATE_STAGE, corroborate_stories
from storyline.pipeline.runner import (
    IngestResult,
    IngestRun,
    Source,
    UpdateResult,
    ingest,
    ingest_documents,
    ingest_paths,
    reanalyze,
    update,
)
from storyline.pipeline.stages import STAGES, Progress, Stage

__all__ = [
    "CORROBORATE_STAGE",
    "STAGES",
    "IngestResult",
    "IngestRun",
    "Progress",
    "Source",
    "Stage",
    "UpdateResult",
    "corroborate_stories",
    "ingest",
    "ingest_documents",
    "ingest_paths",
    "reanalyze",
    "update",
]
