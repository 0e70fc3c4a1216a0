"""Background ingest jobs: uploads and URLs are read, stored and placed in stories off the request.

One worker thread runs jobs in order, so writes to the store never compete with each other;
pages and the API keep reading while a job runs (SQLite WAL). Job state lives in memory and
is lost when the server stops; the reports a job stored are not.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from storyline.config import Config
from storyline.errors import StorylineError
from storyline.ingest import read_bytes
from storyline.pipeline import Source, ingest

log = logging.getLogger(__name__)

# Finished jobs kept for polling; the oldest finished ones are forgotten first.
MAX_KEPT_JOBS = 200


@dataclass(frozen=True, kw_only=True)
class Upload:
    name: str
    data: bytes


@dataclass(kw_only=True)
class Job:
    """What a client polls: state, current stage and counts, then the result or the error."""

    id: str
    uploads: list[Upload] = field(default_factory=list, repr=False)
    urls: list[str] = field(default_factory=list)
    state: str = "queued"
    stage: str = ""
    done: int = 0
    total: int | None = None
    created: str = ""
    finished: str = ""
    result: dict[str, Any] | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "progress": {"done": self.done, "total": self.total},
            "inputs": {"files": [u.name for u in self.uploads], "urls": list(self.urls)},
            "created": self.created,
            "finished": self.finished,
            "result": self.result,
            "error": self.error,
            "warnings": list(self.warnings),
        }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class JobRunner:
    """Queues ingest jobs against one store file and runs them on a single worker thread."""

    def __init__(self, store_path: str, config: Config) -> None:
        self.store_path = store_path
        self.config = config
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-ingest")

    def submit(self, uploads: list[Upload], urls: list[str]) -> Job:
        job = Job(id=secrets.token_hex(8), uploads=uploads, urls=urls, created=_now())
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def list(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def remove(self, job_id: str) -> Job | None:
        """Forget a job; a queued one is cancelled, a running one cannot be removed (None)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state == "running":
                return None
            if job.state == "queued":
                job.state = "cancelled"
            return self._jobs.pop(job_id)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every queued job has run (tests and shutdown)."""
        self._pool.submit(lambda: None).result(timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _forget_old(self) -> None:
        finished = [j.id for j in self._jobs.values() if j.state in ("done", "failed", "cancelled")]
        for job_id in finished[: max(0, len(self._jobs) - MAX_KEPT_JOBS)]:
            del self._jobs[job_id]

    def _run(self, job: Job) -> None:
        if job.state == "cancelled":
            return
        job.state = "running"
        try:
            from storyline.store import open_store

            with open_store(self.store_path) as store:
                run = ingest(store, self._sources(job), self.config, lambda stage, done, total: self._progress(job, stage, done, total))
            job.result = {**run.ingested.to_dict(), "placed": run.updated.placed, "copies": run.updated.copies,
                          "stories": run.updated.stories_touched}
            job.state = "done"
        except StorylineError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # a job must end in a state a client can see
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", f"unexpected error: {exc.__class__.__name__}"
        finally:
            job.uploads = [Upload(name=u.name, data=b"") for u in job.uploads]
            job.finished = _now()

    def _sources(self, job: Job) -> Iterator[Source]:
        """The uploads as documents (within `ingest.max_file_bytes` once decompressed), then the URLs."""
        for upload in job.uploads:
            yield from read_bytes(upload.data, upload.name, f"upload:{upload.name}", self.config.ingest.max_file_bytes)
        if job.urls:
            job.stage = "fetch"
            yield from job.urls

    @staticmethod
    def _progress(job: Job, stage: str, done: int, total: int | None) -> None:
        job.stage, job.done, job.total = stage, done, total

