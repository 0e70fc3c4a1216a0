"""`storyline serve`: run the app with uvicorn in one process and say where it listens."""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys

from storyline.config import Config
from storyline.errors import ServeError
from storyline.store import default_location, describe_location


def run_server(db_path: str | None, config: Config) -> None:
    """Serve the pages and the REST API over the store at `db_path` until interrupted."""
    import uvicorn

    from storyline.api.app import create_app

    location = db_path or default_location()
    app = create_app(location, config)
    host, port = config.serve.host, config.serve.port
    shown = f"[{host}]" if ":" in host else host
    writes = "on (bearer token required)" if config.serve.token else "off (set serve.token to enable ingest)"
    check_port(host, port)
    if not is_loopback(host):
        print(
            f"storyline: warning: listening on {host}, not on this machine alone: anyone who can reach it reads every "
            "story, report and search" + (", and anyone with the token writes" if config.serve.token else ""),
            file=sys.stderr, flush=True,
        )
    base = f"http://{shown}:{port}"
    print(f"storyline: serving {describe_location(location)} at {base}/  (REST API: {base}/api/, its schema {base}/api/openapi.json; "
          f"writes {writes})", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def is_loopback(host: str) -> bool:
    """True for "localhost" and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Raise `ServeError` when `host:port` cannot be listened on (another program holds it, say)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # The same option uvicorn sets, so a port left in TIME_WAIT is not taken for a busy one.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "in use by another program" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
            raise ServeError(f"cannot listen on {host}:{port}: {reason}; choose another with --port") from None
