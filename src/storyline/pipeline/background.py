"""One function run in a thread beside the work of the main thread, its result taken once.

The meaning vectors of new reports depend on their text alone and the encoder spends its
time in native code that lets other threads run, so they are worked out while the worker
processes parse, not after them, when the cores would be left to the encoder alone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Background(Generic[T]):
    """`function()` in a daemon thread once `start` is called; `result` waits for it and
    raises what it raised. Never started, `result` runs it in the calling thread.

    The thread is a daemon so that Ctrl-C ends a run at once, as it did before. Start it
    only once any worker processes are forked: a process is forked safely only while it
    runs one thread.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._thread: threading.Thread | None = None
        self._outcome: tuple[T] | None = None
        self._error: Exception | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="storyline-background", daemon=True)
            self._thread.start()

    def result(self) -> T:
        if self._thread is None:
            return self._function()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._outcome is not None
        return self._outcome[0]

    def _run(self) -> None:
        try:
            self._outcome = (self._function(),)
        except Exception as exc:  # handed to the thread that asks for the result, which raises it
            log.debug("background work failed; raised where its result is asked for", exc_info=True)
            self._error = exc
