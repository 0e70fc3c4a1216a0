"""The command line under stress: hostile text on the terminal, a full disk, Ctrl-C, busy ports, missing files."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HOSTILE_TITLE = "[link=https://evil.example]Click here[/link] \x1b[31mred\x1b]0;pwned\x07 :100: done"
HOSTILE_OUTLET = "[bold red]Daily Trick[/]"


def run(*args: str, db: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), *args],
        capture_output=True, text=True, check=False, timeout=300, **kwargs,  # type: ignore[call-overload]
    )


def _hostile_store(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    line = {"title": HOSTILE_TITLE, "source": HOSTILE_OUTLET, "published": "2024-02-03",
            "text": "The harbour ferry \x1b[2J[blink]sank[/blink] near the pier on Friday, the coast guard said."}
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert run("ingest", "--no-analyze", str(source), db=db).returncode == 0
    return db


def test_report_text_reaches_the_terminal_as_plain_text(tmp_path: Path) -> None:
    db = _hostile_store(tmp_path)
    story = json.loads(run("stories", "--json", db=db).stdout)[0]["id"]
    for args in (("reports",), ("stories",), ("search", "harbour ferry"), ("show", story)):
        result = run(*args, db=db)
        assert result.returncode == 0, (args, result.stderr)
        shown = result.stdout
        assert "\x1b" not in shown and "\x07" not in shown, args
        if args[0] != "stories":
            assert "Daily Trick" in shown and "[bold red]" in shown, (args, shown)
        if args[0] in ("reports", "show"):
            assert "[link=https://evil.example]" in shown and ":100:" in shown, (args, shown)


def test_rejection_messages_are_escaped_too(tmp_path: Path) -> None:
    weird = tmp_path / "[red]x\x1b[0m.txt"
    weird.write_bytes(b"")
    result = run("ingest", "--no-analyze", str(weird), db=tmp_path / "s.db")
    assert result.returncode == 3
    assert "\x1b" not in result.stderr and "[red]x" in result.stderr


@pytest.mark.parametrize("command", [("stories",), ("reports",), ("search", "ferry"), ("show", "abc"), ("export",)])
def test_reading_commands_do_not_create_a_missing_database(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = tmp_path / "typo.db"
    result = run(*command, db=db)
    assert result.returncode == 2
    assert "no such database" in result.stderr and str(db) in result.stderr
    assert not db.exists()


def test_eval_copies_on_a_folder_says_so(tmp_path: Path) -> None:
    result = run("eval", "copies", str(tmp_path), db=tmp_path / "s.db")
    assert result.returncode == 2
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


_PLACES = ("Port Ellery", "Corran", "Lisk", "Amberly", "Tolven", "Marrow Bay", "Quill", "Hestia", "Varn", "Oslin")
_SUBJECTS = ("harbour budget", "tram line", "school roof", "ferry timetable", "water tariff", "bridge repair",
             "library hours", "bus depot", "flood barrier", "market licence", "power station", "hospital wing")


def _corpus(folder: Path, count: int) -> Path:
    """`count` short reports on many distinct subjects, one file each."""
    folder.mkdir()
    for number in range(count):
        place = _PLACES[number % len(_PLACES)]
        subject = _SUBJECTS[(number // len(_PLACES)) % len(_SUBJECTS)]
        (folder / f"r{number:05}.txt").write_text(
            f"{place} decides on the {subject} ({number})\n\nThe council of {place} voted {number % 9 + 2} to "
            f"{number % 5 + 1} on the {subject} on {number % 28 + 1} March {1990 + number % 30}, after "
            f"{number % 7 + 1} hours of debate, said clerk number {number}.",
            encoding="utf-8",
        )
    return folder


# Runs the real command with SQLite's page budget capped, so the database fills up mid-ingest.
_FULL_STORE = """
import sys
from storyline.store import sqlite
opened = sqlite.SqliteStore.__init__
def capped(self, path):
    opened(self, path)
    self._db.execute("PRAGMA max_page_count = 40")
sqlite.SqliteStore.__init__ = capped
from storyline.cli import main
sys.argv = ["storyline", *sys.argv[1:]]
main()
"""


def test_a_full_database_is_one_line_exit_1_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", 300)
    db = tmp_path / "s.db"
    full = subprocess.run([sys.executable, "-c", _FULL_STORE, "--db", str(db), "ingest", "--no-analyze", str(folder)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert full.returncode == 1
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk full" in lines[0] and "run the command again" in lines[0], full.stderr
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = check.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert 0 < kept < 300
    again = run("ingest", "--json", "--no-analyze", str(folder), db=db)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["stored"] == 300 - kept
    assert json.loads(run("reports", "--json", "--limit", "1000", db=db).stdout).__len__() == 300


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))


def test_a_file_size_limit_hit_anywhere_is_one_line_exit_1(tmp_path: Path) -> None:
    """Past the store too (the language model unpacks to a temporary file): no traceback."""
    folder = _corpus(tmp_path / "in", 50)
    result = run("ingest", "--no-analyze", str(folder), db=tmp_path / "s.db", preexec_fn=_limit_file_size)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk full" in lines[0] and "Traceback" not in result.stderr, result.stderr


def test_ctrl_c_during_ingest_says_what_was_stored(tmp_path: Path) -> None:
    # Enough reports that storing them outlasts a loaded machine's slow first peek: the
    # interrupt must land while the ingest is still storing, not as it exits.
    folder = _corpus(tmp_path / "in", 4000)
    db = tmp_path / "s.db"
    process = subprocess.Popen([sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "--no-analyze", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as peek:
                    stored = peek.execute("SELECT count(*) FROM reports").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    assert process.poll() is None, "the ingest finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted:" in errors and "storyline update" in errors and "Traceback" not in errors, errors
    with sqlite3.connect(db) as check:
        kept = check.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert f"{kept} new report(s) stored" in errors
    finish = run("update", "--no-analyze", db=db)
    assert finish.returncode == 0, finish.stderr
    again = run("ingest", "--json", "--no-analyze", str(folder), db=db)
    assert json.loads(again.stdout) == {"stored": 4000 - kept, "duplicates": kept, "rejected": []}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_on_a_busy_port_exits_1_with_a_message(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run("serve", "--port", str(port), db=tmp_path / "s.db")
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_serve_on_every_interface_warns(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "--db", str(tmp_path / "s.db"), "serve", "--host", "0.0.0.0", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "warning" in warning and "0.0.0.0" in warning and "reads every story" in warning
