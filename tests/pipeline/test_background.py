from __future__ import annotations

import threading

import pytest

from storyline.pipeline.background import Background


def test_result_of_a_started_function_comes_from_its_thread() -> None:
    seen: list[str] = []

    def work() -> int:
        seen.append(threading.current_thread().name)
        return 42

    background = Background(work)
    background.start()
    background.start()  # a second start is ignored
    assert background.result() == 42
    assert seen == ["storyline-background"]


def test_never_started_runs_in_the_calling_thread() -> None:
    assert Background(lambda: threading.current_thread().name).result() == threading.current_thread().name


def test_an_error_is_raised_where_the_result_is_asked_for() -> None:
    def fail() -> int:
        raise ValueError("no encoder")

    background = Background(fail)
    background.start()
    with pytest.raises(ValueError, match="no encoder"):
        background.result()
