"""`storyline serve`: run the app with uvicorn in one process and say where it listens."""

from __future__ import annotations

from storyline.config import Config
from storyline.store import default_location


def run_server(db_path: str | None, config: Config) -> None:
    """Serve the pages and the REST API over the store at `db_path` until interrupted."""
    import uvicorn

    from storyline.api.app import create_app

    location = db_path or default_location()
    app = create_app(location, config)
    host, port = config.serve.host, config.serve.port
    shown = f"[{host}]" if ":" in host else host
    writes = "on (bearer token required)" if config.serve.token else "off (set serve.token to enable ingest)"
    base = f"http://{shown}:{port}"
    print(f"storyline: serving {location} at {base}/  (REST API: {base}/api/, its schema {base}/api/openapi.json; "
          f"writes {writes})", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
