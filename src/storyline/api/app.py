"""The application factory: one FastAPI app serving the REST API under /api/ and the pages."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from storyline.api import routes_api, routes_pages
from storyline.api.deps import StoreProvider
from storyline.api.jobs import JobRunner
from storyline.api.problems import problem_response
from storyline.api.security import BodyLimit, HttpMiddleware, SecurityHeaders
from storyline.config import Config
from storyline.errors import StorylineError
from storyline.store import open_store

log = logging.getLogger(__name__)
STATIC_DIR = Path(str(files("storyline.api") / "static"))


def create_app(store_path: str | Path, config: Config | None = None) -> FastAPI:
    """Build the app over the store at `store_path` with the options in `config`."""
    config = config or Config()
    path = str(store_path)
    open_store(path).close()  # create and migrate once, before any request races to do it
    stores = StoreProvider(path)
    jobs = JobRunner(path, config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()
        stores.close()

    app = FastAPI(
        title="storyline",
        summary="Stories, corroborated facts and conflicts from news reports.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted Swagger UI needs inline scripts and a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.stores = stores
    app.state.jobs = jobs

    for kind in (HTTPException, RequestValidationError):
        app.add_exception_handler(kind, _handle)

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(CatchAll)
    app.add_middleware(BodyLimit, limit=config.serve.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _handle(request: Request, exc: Exception):  # type: ignore[no-untyped-def]
    return problem_response(request, exc)


class CatchAll(HttpMiddleware):
    """Turns an unexpected exception into the error shape (logged), so even a 500 keeps the security headers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            if not isinstance(exc, (HTTPException, StorylineError)):
                log.exception("unexpected error answering %s", scope.get("path"))
            response = problem_response(Request(scope), exc)
            await response(scope, receive, send)
