"""Browser tests: a uvicorn server on a free local port and Debian's Chromium driven by Playwright.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is absent
(install both with `apt-get install chromium` and `pip install -e .[dev]`). Screenshots go
to artifacts/screenshots/.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
EXAMPLES = ROOT / "examples" / "corpus"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _load_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("api_corpus", ROOT / "tests" / "api" / "api_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return sys.modules.setdefault("api_corpus", module)


corpus = _load_corpus()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = ""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: install Debian's Chromium (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        reason = "the playwright package is not installed (pip install -e .[dev])"
    for item in items:
        if "tests/browser" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Site:
    base: str
    path: Path
    answer_key: dict[str, Any] = field(default_factory=dict)


def _serve(path: Path) -> Iterator[str]:
    """Run the app over `path` with uvicorn in a thread; yields its base URL."""
    import uvicorn

    from storyline.api import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The hand-made corpus (with the hostile report), served."""
    path = corpus.build_store(tmp_path_factory.mktemp("site") / "site.db")
    for base in _serve(path):
        yield Site(base=base, path=path)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """examples/corpus run through the real pipeline, served with its answer key."""
    reports, key = EXAMPLES / "reports.jsonl", EXAMPLES / "answer_key.json"
    if not (reports.exists() and key.exists()):
        pytest.skip(f"needs {reports} and {key} (the example corpus)")
    try:
        from storyline.config import Config
        from storyline.pipeline import ingest_paths, update
        from storyline.store import open_store

        path = tmp_path_factory.mktemp("example") / "example.db"
        with open_store(path) as store:
            ingest_paths(store, [reports])
            update(store, Config())
    except ImportError as exc:
        pytest.skip(f"the story pipeline is not importable yet ({exc})")
    for base in _serve(path):
        yield Site(base=base, path=path, answer_key=json.loads(key.read_text("utf-8")))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page plus everything it did that a safe page never does: dialogs, console errors, page errors."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"the page opened dialogs: {self.dialogs}"
        assert self.errors == [], f"the page logged errors: {self.errors}"

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target


def _watch(page: Any) -> Watched:
    watched = Watched(page=page)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    return watched


@pytest.fixture
def desktop(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport=DESKTOP)
    yield _watch(context.new_page())
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield _watch(context.new_page())
    context.close()


@pytest.fixture
def fire_fact_cells() -> dict[str, dict[str, str]]:
    """What the facts matrix of the hand-made fire story must show, cell by cell (symbols as drawn)."""
    return {
        "f-fire": {"Reuters": "●", "Globe": "●", "Daily Courier": "●", "Coast Radio": "●"},
        "f-injured": {"Reuters": "✗", "Globe": "✗", "Daily Courier": "·", "Coast Radio": "✗"},
        "f-resigned": {"Reuters": "·", "Globe": "·", "Daily Courier": "●", "Coast Radio": "·"},
    }
