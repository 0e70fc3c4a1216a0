"""The REST API and web pages over a store: `create_app` builds the app, `run_server` serves it."""

from __future__ import annotations

from storyline.api.app import create_app
from storyline.api.server import run_server

__all__ = ["create_app", "run_server"]
