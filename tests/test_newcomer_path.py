"""A newcomer's path: README commands run as written, the serve banner's addresses exist,
help shows flags as flags, and the seeds example needs no copied id."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from storyline.api import create_app, server
from storyline.config import Config, ServeOptions

README = (ROOT / "README.md").read_text(encoding="utf-8")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True, check=False, timeout=120)


def test_readme_shell_commands_call_the_installed_script() -> None:
    blocks = [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)]
    # One-line blocks are meant to be pasted; the longer one is a commented reference list.
    pasted = [block for block in blocks if "\n" not in block]
    commands = [part.strip() for block in pasted for part in block.split("&&")]
    assert len(commands) >= 9
    bare = [c for c in commands if c.startswith("storyline ")]
    assert bare == [], "a command meant to be pasted must say .venv/bin/storyline"
    assert "show --latest" in README and "<story id>" not in README
    assert "/api/openapi.json" in README


def test_help_shows_flags_without_a_value_type() -> None:
    for command in (["ingest", "--help"], ["events", "--help"], ["eval", "events", "--help"]):
        shown = cli(*command)
        assert shown.returncode == 0, shown.stderr
        assert "<bool>" not in shown.stdout and "--json" in shown.stdout


def test_show_latest_and_its_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "api"))
    from api_corpus import build_store

    db = str(build_store(tmp_path / "api.db"))
    latest = cli("--db", db, "show", "--latest", "--json")
    assert latest.returncode == 0, latest.stderr
    assert '"id": "s-hostile"' in latest.stdout  # the story written last
    neither = cli("--db", db, "show")
    assert neither.returncode == 2 and "--latest" in neither.stderr
    from storyline.store import open_store

    with open_store(tmp_path / "empty.db"):
        pass
    empty = cli("--db", str(tmp_path / "empty.db"), "show", "--latest")
    assert empty.returncode == 2 and "no stories yet" in empty.stderr


def test_serve_banner_points_at_addresses_that_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    db = tmp_path / "serve.db"
    server.run_server(str(db), Config(serve=ServeOptions(port=8123)))
    banner = capsys.readouterr().out
    paths = [address.split("8123", 1)[1].rstrip(",;)") for address in re.findall(r"http://127\.0\.0\.1:8123\S*", banner)]
    assert {"/", "/api/", "/api/openapi.json"} <= set(paths)
    with TestClient(create_app(db)) as client:
        for path in paths:
            answer: Any = client.get(path)
            assert answer.status_code == 200, path
        assert "/api/events" in client.get("/api/").json()["endpoints"]
