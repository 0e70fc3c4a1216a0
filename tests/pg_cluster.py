"""A throwaway PostgreSQL cluster for the tests, started on first use and stopped when the session ends.

It is made with the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/*/bin)
or whichever `initdb` is on PATH, in a temporary folder, listening on 127.0.0.1 only, on a
free port, with durability turned off (a test database is thrown away anyway). initdb and
postgres refuse to run as root, so as root they run as the unprivileged `postgres` user
(`runuser`), which owns the folder. Each store a test opens is a new schema of one database,
named in the URL (`?options=-csearch_path=...`), and migrated when the store opens it: about
0.1 s, where a new database took 0.4-0.7 s on a loaded 2-core machine.

Where no server can be started, `shared_cluster()` says why, and the tests that need one skip.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

DATABASE = "storyline_tests"
SUPERUSER = "storyline"
_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# Server settings of a throwaway cluster: nothing is kept after the session, so nothing is synced.
_SETTINGS = ("-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off"
             " -c full_page_writes=off -c max_connections=200")


class ClusterUnavailable(Exception):
    """No server could be started here; the message says why."""


class Cluster:
    """A running throwaway cluster: URLs of its databases, a new database per store, stop()."""

    def __init__(self, bindir: Path, root: Path, run_as: list[str]) -> None:
        self.bindir = bindir
        self.root = root
        self.run_as = run_as
        self.port = 0
        self._numbers = itertools.count(1)
        self._schemas: dict[str, str] = {}

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def store_url(self, key: str) -> str:
        """The URL of the empty schema kept for `key` (a test's folder), created on first use."""
        if key not in self._schemas:
            import psycopg

            name = f"test_{next(self._numbers)}"
            with psycopg.connect(self.url(DATABASE), autocommit=True) as admin:
                admin.execute(f"CREATE SCHEMA {name}")
            self._schemas[key] = self.url(DATABASE) + f"?options=-csearch_path%3D{name}"
        return self._schemas[key]

    def new_database(self) -> str:
        """The URL of a new, empty database (its default schema `public`), for what a schema cannot show."""
        import psycopg

        name = f"db_{next(self._numbers)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def start(self) -> None:
        data = self.root / "data"
        self._run([str(self.bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-locale",
                   "--no-sync"], "initdb")
        for _ in range(3):  # a free port can be taken between finding it and the server binding it
            self.port = _free_port()
            try:
                self._run([str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                           "-o", f"{_SETTINGS} -p {self.port}", "start"], "pg_ctl start")
                break
            except ClusterUnavailable:
                continue
        else:
            log = (self.root / "server.log").read_text(errors="replace")[-400:] if (self.root / "server.log").exists() else ""
            raise ClusterUnavailable(f"the PostgreSQL server did not start: {log.strip()}")
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")

    def stop(self) -> None:
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str], what: str) -> None:
        done = subprocess.run([*self.run_as, *command], capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            raise ClusterUnavailable(f"{what} failed: {(done.stderr or done.stdout).strip()[-400:]}")


def find_bindir() -> Path | None:
    """The newest Debian server binaries, else the folder of an `initdb` on PATH, else None."""
    candidates = sorted(Path("/").glob(_BIN_GLOB.lstrip("/")), key=lambda p: _version(p.parent.name), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    return None


def start_cluster() -> Cluster:
    """Start a cluster in a new temporary folder; `ClusterUnavailable` says why one cannot be."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ClusterUnavailable("psycopg is not installed (pip install -e '.[dev]')") from None
    bindir = find_bindir()
    if bindir is None:
        raise ClusterUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; "
                                 "install Debian's postgresql package")
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root: run them as `postgres`, which owns the folder.
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise ClusterUnavailable("running as root, and there is no unprivileged 'postgres' user to run the server as") from None
        if shutil.which("runuser") is None:
            shutil.rmtree(root, ignore_errors=True)
            raise ClusterUnavailable("running as root, and runuser is missing to run the server as 'postgres'")
        os.chown(root, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(bindir, root, run_as)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


_started: list[Cluster] = []
_unavailable: list[str] = []


def shared_cluster() -> Cluster:
    """The session's cluster, started on first call; skips the calling test when none can be started."""
    if _unavailable:
        pytest.skip(f"no PostgreSQL server for the tests: {_unavailable[0]}")
    if not _started:
        try:
            _started.append(start_cluster())
        except ClusterUnavailable as exc:
            _unavailable.append(str(exc))
            pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    return _started[0]


def stop_shared_cluster() -> None:
    """Stop the session's cluster, if one was started (pytest_sessionfinish)."""
    while _started:
        _started.pop().stop()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())
